"""The Registrations admin viewset: list, inspect, edit and delete, behind the intake gate."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from contact.models import Registration

from .background_exports import download_view
from .columns import list_columns
from .exports import EXPORT_HEADINGS, LIST_EXPORT
from .filters import RegistrationFilterSet
from .insight import IntakeInsightView
from .inspect import RegistrationInspectView
from .permissions import intake_staff_only
from .views import RegistrationEditForm, RegistrationEditView, RegistrationIndexView


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "registrations"
    url_prefix = "registrations"
    icon = "clipboard-list"
    menu_label = _("Registrations")
    menu_order = 150
    add_to_admin_menu = True

    # Registrations point at condition pages; indexing those references would list
    # registrations on a condition page's "usage" screen, which editors can see.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True

    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    edit_view_class = RegistrationEditView

    # The work order: urgent first, then whoever has waited longest (see intake_order()).
    ordering = ["-urgent", "created_at", "pk"]
    list_per_page = 25
    filterset_class = RegistrationFilterSet
    search_fields = ["reference", "first_name", "last_name", "phone"]  # see search_registrations
    search_backend_name = None
    list_export = LIST_EXPORT
    export_headings = EXPORT_HEADINGS
    export_filename = "registrations"
    inspect_view_fields_exclude = ["id", "submission_token"]

    @property
    def list_display(self):
        return list_columns()

    def get_form_class(self, for_update=False):
        return RegistrationEditForm

    def get_urlpatterns(self):
        patterns = [
            *super().get_urlpatterns(),
            path("insight/", IntakeInsightView.as_view(), name="insight"),
            path("exports/<uuid:token>/", download_view, name="export_download"),
        ]
        for pattern in patterns:
            pattern.callback = intake_staff_only(pattern.callback)
        return patterns
