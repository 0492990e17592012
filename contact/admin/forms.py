"""Small forms of the coordinator's actions: status, assignment, the call log."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name

from contact.models import ContactAttempt, Registration

from .permissions import intake_coordinators


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Registration.Status.choices)


def coordinator_choices(keep=None):
    """Active intake coordinators; `keep` (a user pk) stays selectable after leaving the group."""
    condition = Q(pk__in=intake_coordinators().values("pk"))
    if keep:
        condition |= Q(pk=keep)
    return (
        get_user_model().objects.filter(condition).order_by("first_name", "last_name", "username")
    )


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label=_("Assign to"), queryset=get_user_model().objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assigned_to"]
        field.queryset = coordinator_choices()
        field.label_from_instance = get_user_display_name
        field.empty_label = gettext("Unassigned")


class ContactAttemptForm(forms.ModelForm):
    class Meta:
        model = ContactAttempt
        fields = ["method", "outcome", "note"]
        widgets = {
            "method": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"method": _("How"), "outcome": _("Outcome"), "note": _("Note (optional)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons without the model form's "---------" choice.
        self.fields["outcome"].choices = ContactAttempt.Outcome.choices
        self.fields["method"].choices = ContactAttempt.Method.choices
        self.fields["outcome"].error_messages["required"] = _("Select the outcome of the attempt.")
        self.fields["method"].error_messages["required"] = _("Select how you tried.")
