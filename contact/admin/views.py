"""The intake admin's list, inspect and edit views."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic

from contact.models import Registration
from core.phone import to_display

from .audit import (
    LOG_EDIT,
    LOG_EXPORT,
    LOG_LIST,
    LOG_VIEW,
    log_listing_action,
    log_registration_action,
)
from .exports import EXPORT_GETTERS, condition_title, local_naive, neutralise_csv_formula, yes_no
from .filters import search_registrations
from .permissions import intake_coordinators

# --- Listing ---------------------------------------------------------------------------------


class NotificationColumn(Column):
    cell_template_name = "contact/admin/notification_cell.html"


class UrgentColumn(Column):
    """Patients in hospital or reporting emergency signs are called back first."""

    cell_template_name = "contact/admin/urgent_cell.html"


class RegistrationIndexView(generic.IndexView):
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        # Spreadsheet times in the site's time zone, not UTC, so staff read them as they are.
        datetime.datetime: {
            "xlsx": local_naive,
            "csv": lambda value: local_naive(value).isoformat(sep=" ", timespec="minutes"),
        },
    }

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.user_has_permission("export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assigned_to", "condition")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_registrations(queryset, self.search_query)

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference opens the inspect view (all answers), not the three-field edit form.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and self.user_has_permission("export")

    def to_row_dict(self, item):
        return {field: EXPORT_GETTERS[field](item) for field in self.list_export}

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_csv_formula(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        registrations = list(queryset)
        log_listing_action(
            LOG_EXPORT,
            self.request.user,
            {
                "format": spreadsheet_format,
                "count": len(registrations),
                "references": [registration.reference for registration in registrations],
                "filtered": bool(self.is_filtering),
                "searched": bool(self.is_searching),
            },
        )
        return super().as_spreadsheet(registrations, spreadsheet_format)

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.is_export:
            # One entry per list page rendered, naming the references shown on it. Never the
            # search query: it may be a patient's name or phone number.
            shown = [registration.reference for registration in context["object_list"]]
            log_listing_action(
                LOG_LIST,
                self.request.user,
                {
                    "count": len(shown),
                    "references": shown,
                    "page": context["page_obj"].number if context.get("page_obj") else 1,
                    "filtered": bool(self.is_filtering),
                    "searched": bool(self.is_searching),
                },
            )
        return context


# --- Inspect ---------------------------------------------------------------------------------


# What a coordinator reads first: who and why, then how to reach them. Fields not named here
# (bookkeeping, and any the flow adds later) follow in model order, so nothing is hidden.
INSPECT_FIRST = [
    "reference",
    "status",
    "assigned_to",
    "created_at",
    "in_hospital_now",
    "emergency_symptoms",
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "submitted_by",
    "submitter_name",
    "submitter_relationship",
    "phone",
    "email",
    "preferred_contact_method",
    "preferred_contact_time",
    "state",
    "zip_code",
    "interpreter_needed",
    "interpreter_language",
    "condition",
    "biopsy_confirmed",
    "current_treatment",
    "referring_physician",
    "insurance_provider",
    "visit_type",
    "message",
    "consent_to_contact",
    "internal_notes",
    "notification_pending",
]
EMPTY_DISPLAY = "\u2014"


class RegistrationInspectView(generic.InspectView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_registration_action(self.object, LOG_VIEW, request.user)
        return response

    def get_fields(self):
        fields = [*super().get_fields(), "notification_pending"]
        first = [name for name in INSPECT_FIRST if name in fields]
        return first + [name for name in fields if name not in first]

    def get_field_display_value(self, field_name, field):
        if isinstance(field, models.BooleanField):
            return yes_no(getattr(self.object, field_name))
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return EMPTY_DISPLAY
        return value

    def get_notification_pending_display_value(self):
        return yes_no(self.object.notification_pending)

    def get_phone_display_value(self):
        try:
            return to_display(self.object.phone)
        except ValidationError:
            return self.object.phone

    def get_assigned_to_display_value(self):
        user = self.object.assigned_to
        return get_user_display_name(user) if user else gettext("Unassigned")

    def get_condition_display_value(self):
        return condition_title(self.object)


# --- Edit and delete -------------------------------------------------------------------------


def apply_closed_at(registration, previous_status):
    """Closing stamps closed_at (once); reopening clears it.

    Retention (manage.py purge_registrations) counts from closed_at.
    """
    if registration.status == Registration.Status.CLOSED:
        if previous_status != Registration.Status.CLOSED or registration.closed_at is None:
            registration.closed_at = timezone.now()
    else:
        registration.closed_at = None


class RegistrationEditForm(WagtailAdminModelForm):
    """Staff fields only: the patient's answers are not fields, so a POST cannot change them."""

    class Meta:
        model = Registration
        fields = ["status", "assigned_to", "internal_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_status = self.instance.status
        coordinators = Q(pk__in=intake_coordinators().values("pk"))
        if self.instance.assigned_to_id:
            # Someone who has since left the group stays selectable until reassigned.
            coordinators |= Q(pk=self.instance.assigned_to_id)
        field = self.fields["assigned_to"]
        field.queryset = (
            get_user_model()
            .objects.filter(coordinators)
            .order_by("first_name", "last_name", "username")
        )
        field.label_from_instance = get_user_display_name
        field.empty_label = gettext("Unassigned")

    def save(self, commit=True):
        apply_closed_at(self.instance, self.previous_status)
        return super().save(commit=commit)


class RegistrationEditView(generic.EditView):
    def save_instance(self):
        changed = list(self.form.changed_data)
        instance = self.action_class(
            self.form.instance, user=self.request.user, form=self.form, log_action=False
        ).execute(skip_permission_checks=True)
        # Changed field names, and the status move; never field values (notes may hold PHI).
        data = {"fields": changed}
        if "status" in changed:
            data["status"] = {"from": self.form.previous_status, "to": instance.status}
        log_registration_action(
            instance, LOG_EDIT, self.request.user, data=data, content_changed=bool(changed)
        )
        return instance
