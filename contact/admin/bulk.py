"""Bulk assign and bulk status for the intake list (Wagtail bulk actions).

Wagtail serves bulk actions from its own URL (/admin/bulk/contact/registration/...), outside
the viewset's gate, so each action applies the same gate: a 403 for anyone without the
change permission, whatever ids are asked for.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from contact.models import Registration

from . import actions
from .forms import AssignForm, StatusForm
from .permissions import forbidden, registration_permission_policy, user_is_intake_staff


class RegistrationBulkAction(BulkAction):
    models = [Registration]
    template_name = "contact/admin/bulk_confirm.html"
    verb = ""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (
            user_is_intake_staff(user)
            and registration_permission_policy.user_has_permission(user, "change")
        ):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [pk for pk in object_ids if str(pk).isdigit()]
        return Registration.objects.filter(pk__in=ids).only("pk", "reference", "status")

    def get_all_objects_in_listing_query(self, parent_id):
        return Registration.objects.values_list("pk", flat=True)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "verb": self.verb}

    def get_execution_context(self):
        return {"user": self.request.user, "form": self.cleaned_form}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d registration updated.",
            "%(count)d registrations updated.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class BulkAssign(RegistrationBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected registrations")
    action_priority = 10
    form_class = AssignForm
    verb = _("Assign")

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        assignee = form.cleaned_data["assigned_to"]
        changed = sum(actions.assign(registration, assignee, by=user) for registration in objects)
        return changed, 0


class BulkStatus(RegistrationBulkAction):
    display_name = _("Set status")
    action_type = "status"
    aria_label = _("Set the status of the selected registrations")
    action_priority = 20
    form_class = StatusForm
    verb = _("Set status")

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        status = form.cleaned_data["status"]
        changed = sum(actions.set_status(registration, status, by=user) for registration in objects)
        return changed, 0
