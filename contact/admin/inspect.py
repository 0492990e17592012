"""The inspect view: every answer, and the common actions (assign, status, call log) in place."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.admin.utils import get_user_display_name, get_valid_next_url_from_request
from wagtail.admin.views import generic

from core.phone import to_display

from . import actions
from .audit import LOG_VIEW, log_registration_action
from .exports import condition_title, yes_no
from .forms import ContactAttemptForm, StatusForm
from .times import display_time

# What a coordinator reads first: who and why, then how to reach them. Fields not named here
# (bookkeeping, and any the flow adds later) follow in model order, so nothing is hidden.
INSPECT_FIRST = [
    "reference",
    "status",
    "assigned_to",
    "created_at",
    "urgent",
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
    "first_contacted_at",
    "last_contact_attempt_at",
    "internal_notes",
    "notification_pending",
]
EMPTY_DISPLAY = "\u2014"


class RegistrationInspectView(generic.InspectView):
    template_name = "contact/admin/registration_inspect.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        actions.mark_opened(self.object)
        log_registration_action(self.object, LOG_VIEW, request.user)
        return response

    # --- The coordinator's actions, posted here from this view and from the list ------------

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "assign_to_me":
            if actions.assign(self.object, request.user, by=request.user):
                messages.success(
                    request, gettext("%(ref)s is assigned to you.") % {"ref": self.object}
                )
        elif action == "status":
            form = StatusForm(request.POST)
            if not form.is_valid():
                messages.error(request, gettext("Choose one of the statuses."))
            elif actions.set_status(self.object, form.cleaned_data["status"], by=request.user):
                messages.success(
                    request,
                    gettext("%(ref)s is now “%(status)s”.")
                    % {"ref": self.object, "status": self.object.get_status_display()},
                )
        elif action == "contact_attempt":
            form = ContactAttemptForm(request.POST)
            if not form.is_valid():
                # Shown again with the message next to the field; nothing saved.
                self.attempt_form = form
                return self.render_to_response(self.get_context_data(), status=200)
            actions.record_contact_attempt(self.object, request.user, **form.cleaned_data)
            messages.success(
                request, gettext("Contact attempt logged for %(ref)s.") % {"ref": self.object}
            )
        else:
            messages.error(request, gettext("That action is not available."))
        return redirect(get_valid_next_url_from_request(request) or request.path)

    @cached_property
    def attempt_form(self):
        return ContactAttemptForm()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = self.user_has_permission("change")
        context.update(
            {
                "can_change": can_change,
                "attempt_form": self.attempt_form,
                "status_form": StatusForm(initial={"status": self.object.status}),
                "assigned_to_me": self.object.assigned_to_id == self.request.user.pk,
                "attempts": [
                    {
                        "when": display_time(attempt.made_at),
                        "who": get_user_display_name(attempt.made_by)
                        if attempt.made_by
                        else gettext("Former user"),
                        "method": attempt.get_method_display(),
                        "outcome": attempt.get_outcome_display(),
                        "reached": attempt.outcome == attempt.Outcome.REACHED,
                        "note": attempt.note,
                    }
                    for attempt in self.object.contact_attempts.newest_first().select_related(
                        "made_by"
                    )
                ],
            }
        )
        return context

    # --- Display of the answers ------------------------------------------------------------

    def get_fields(self):
        fields = [*super().get_fields(), "notification_pending"]
        first = [name for name in INSPECT_FIRST if name in fields]
        return first + [name for name in fields if name not in first]

    def get_field_display_value(self, field_name, field):
        if isinstance(field, models.BooleanField) or isinstance(
            getattr(field, "output_field", None), models.BooleanField
        ):
            return yes_no(getattr(self.object, field_name))
        if isinstance(field, models.DateTimeField):
            value = getattr(self.object, field_name)
            return display_time(value) if value else EMPTY_DISPLAY
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
