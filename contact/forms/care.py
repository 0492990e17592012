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
from .wording import NEUTRAL


class UrgentForm(StepForm):
    """The emergency screening, asked first: before anyone gives a name (GOV.UK "question
    before you start"). Nobody has said yet who is answering, so its wording is neutral."""

    slug = "urgent"
    title = NEUTRAL["urgent_title"]
    intro = NEUTRAL["urgent_hint"]
    summary_labels = {
        "in_hospital_now": _("In hospital now"),
        "emergency_symptoms": _("New weakness, numbness, or loss of bladder or bowel control"),
    }

    emergency_symptoms = yes_no_field(
        label=NEUTRAL["emergency_symptoms"],
        help_text=NEUTRAL["emergency_symptoms_hint"],
        error_messages={"required": NEUTRAL["emergency_symptoms_required"]},
    )
    in_hospital_now = yes_no_field(
        label=NEUTRAL["in_hospital_now"],
        error_messages={"required": NEUTRAL["in_hospital_now_required"]},
    )

    class Meta(StepForm.Meta):
        fields = ["emergency_symptoms", "in_hospital_now"]


class MedicalForm(StepForm):
    slug = "medical"
    title_key = "medical_title"
    emergency_warning = True
    summary_labels = {
        "condition": _("Condition"),
        "biopsy_confirmed": _("Biopsy confirmed the diagnosis"),
        "current_treatment": _("Current treatment"),
        "referring_physician": _("Referring physician"),
        "insurance_provider": _("Insurance provider"),
    }

    condition = forms.ChoiceField(
        error_messages={
            "required": _("Select a condition, or select 'Not sure'."),
            "invalid_choice": _("Select a condition from the list, or select 'Not sure'."),
        },
    )
    biopsy_confirmed = forms.ChoiceField(
        choices=Registration.YesNoNotSure.choices, widget=forms.RadioSelect
    )

    class Meta(StepForm.Meta):
        fields = [
            "condition",
            "biopsy_confirmed",
            "current_treatment",
            "referring_physician",
            "insurance_provider",
        ]
        labels = {"referring_physician": _("Referring physician (optional)")}
        help_texts = {
            "current_treatment": _("For example: chemotherapy, radiation therapy, or none yet."),
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
        self.word("condition", label="condition")
        self.word(
            "biopsy_confirmed", label="biopsy_confirmed", required="biopsy_confirmed_required"
        )
        self.word("current_treatment", label="current_treatment")
        self.word("referring_physician", help_text="referring_physician_hint")
        self.word("insurance_provider", label="insurance_provider")

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
    title_key = "visit_title"
    summary_labels = {
        "visit_type": _("Type of visit"),
        "message": _("Message"),
        "consent_to_contact": _("Agreed to be contacted"),
    }

    visit_type = forms.ChoiceField(choices=Registration.VisitType.choices, widget=forms.RadioSelect)
    consent_to_contact = forms.BooleanField(
        help_text=_("Read how we use and protect your information in our privacy notice."),
    )

    class Meta(StepForm.Meta):
        fields = ["visit_type", "message", "consent_to_contact"]
        labels = {"message": _("Anything else you would like us to know? (optional)")}
        help_texts = {"message": _("Up to 2,000 characters.")}
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.word("visit_type", label="visit_type", required="visit_type_required")
        self.word(
            "consent_to_contact",
            label="consent_to_contact",
            required="consent_to_contact_required",
        )
        if privacy_url:
            self.fields["consent_to_contact"].help_text = format_html(
                _(
                    "Read how we use and protect your information in our "
                    '<a href="{}">privacy notice</a>.'
                ),
                privacy_url,
            )
