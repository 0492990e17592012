"""The steps about the patient's care: the condition, and the visit and consent."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Registration
from .base import StepForm
from .choices import (
    NOT_SURE,
    live_condition,
    live_condition_choices,
    yes_no_field,
)


class MedicalForm(StepForm):
    slug = "medical"
    title = _("About the condition")
    emergency_warning = True
    summary_labels = {
        "condition": _("Condition"),
        "biopsy_confirmed": _("Biopsy confirmed the diagnosis"),
        "current_treatment": _("Current treatment"),
        "referring_physician": _("Referring physician"),
        "insurance_provider": _("Insurance provider"),
        "in_hospital_now": _("In hospital now"),
        "emergency_symptoms": _("New weakness, numbness, or loss of bladder or bowel control"),
    }

    condition = forms.ChoiceField(
        label=_("Which condition would you like to see us about?"),
        error_messages={
            "required": _("Select a condition, or select 'Not sure'."),
            "invalid_choice": _("Select a condition from the list, or select 'Not sure'."),
        },
    )
    biopsy_confirmed = forms.ChoiceField(
        label=_("Has a biopsy confirmed the diagnosis?"),
        choices=Registration.YesNoNotSure.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether a biopsy has confirmed the diagnosis.")},
    )
    in_hospital_now = yes_no_field()
    emergency_symptoms = yes_no_field(
        error_messages={
            "required": _("Select whether there is new weakness, numbness, or loss of control.")
        },
    )

    class Meta(StepForm.Meta):
        fields = [
            "condition",
            "biopsy_confirmed",
            "current_treatment",
            "referring_physician",
            "insurance_provider",
            "in_hospital_now",
            "emergency_symptoms",
        ]
        labels = {
            "current_treatment": _("Current treatment (optional)"),
            "referring_physician": _("Referring physician (optional)"),
            "insurance_provider": _("Insurance provider (optional)"),
        }
        help_texts = {
            "current_treatment": _("For example: chemotherapy, radiation therapy, or none yet."),
            "referring_physician": _("The doctor who suggested you contact us, if any."),
            "insurance_provider": "",
        }
        widgets = {"current_treatment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = [
            ("", _("Select a condition")),
            (NOT_SURE, _("Not sure")),
            *live_condition_choices(),
        ]
        self.fields["in_hospital_now"].label = self.you(
            _("Are you in hospital now?"), _("Is the patient in hospital now?")
        )
        self.fields["in_hospital_now"].error_messages["required"] = self.you(
            _("Select whether you are in hospital now."),
            _("Select whether the patient is in hospital now."),
        )
        self.fields["emergency_symptoms"].label = self.you(
            _(
                "Do you have new weakness, numbness, or loss of bladder or bowel control "
                "that started recently?"
            ),
            _(
                "Does the patient have new weakness, numbness, or loss of bladder or bowel "
                "control that started recently?"
            ),
        )
        self.fields["emergency_symptoms"].help_text = _(
            "These can be signs of pressure on the spinal cord, which needs urgent care."
        )

    def clean_condition(self):
        """The chosen ConditionPage, or None for 'Not sure'."""
        value = self.cleaned_data["condition"]
        return None if value == NOT_SURE else live_condition(value)

    def stored_value(self, name, value):
        if name == "condition":
            return NOT_SURE if value is None else str(value.pk)
        return super().stored_value(name, value)

    def display_value(self, name):
        if name == "condition":
            condition = self.cleaned_data["condition"]
            return condition.title if condition else _("Not sure")
        return super().display_value(name)


class VisitForm(StepForm):
    slug = "visit"
    title = _("Your visit and consent")
    summary_labels = {
        "visit_type": _("Type of visit"),
        "message": _("Message"),
        "consent_to_contact": _("Agreed to be contacted"),
    }

    visit_type = forms.ChoiceField(
        label=_("How would you like to meet the team?"),
        choices=Registration.VisitType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you would like to meet the team.")},
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree that the care team may contact me about this registration."),
        help_text=_("Read how we use and protect your information in our privacy notice."),
        error_messages={"required": _("You must agree to be contacted so we can help you.")},
    )

    class Meta(StepForm.Meta):
        fields = ["visit_type", "message", "consent_to_contact"]
        labels = {"message": _("Anything else you would like us to know? (optional)")}
        help_texts = {"message": _("Up to 2,000 characters.")}
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        if privacy_url:
            self.fields["consent_to_contact"].help_text = format_html(
                'Read how we use and protect your information in our <a href="{}">privacy '
                "notice</a>.",
                privacy_url,
            )
