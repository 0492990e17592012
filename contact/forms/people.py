"""The steps about the people: who is filling the form in, the patient, their contact details."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.phone import to_display, to_e164

from ..models import Registration
from .base import StepForm
from .choices import (
    US_STATES,
    ZIP_RE,
    yes_no_field,
)
from .dates import DateOfBirthField


class WhoForm(StepForm):
    slug = "who"
    title = _("Who is filling in this form?")
    question_is_heading = True
    summary_labels = {"submitted_by": _("Who is filling in this form")}

    submitted_by = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=[
            ("patient", _("I am the patient")),
            ("someone_else", _("I am filling it in for someone else")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who is filling in this form.")},
    )

    class Meta(StepForm.Meta):
        fields = ["submitted_by"]


class CaregiverForm(StepForm):
    """Asked only of someone filling the form in for the patient: its own page, so the
    conditional questions need no JavaScript."""

    slug = "caregiver"
    title = _("About you")
    summary_labels = {
        "submitter_name": _("Your name"),
        "submitter_relationship": _("Your relationship to the patient"),
    }

    class Meta(StepForm.Meta):
        fields = ["submitter_name", "submitter_relationship"]
        labels = {
            "submitter_name": _("Your full name"),
            "submitter_relationship": _("Your relationship to the patient"),
        }
        help_texts = {"submitter_relationship": _("For example: daughter, partner or friend.")}
        error_messages = {
            "submitter_name": {"required": _("Enter your full name.")},
            "submitter_relationship": {"required": _("Enter your relationship to the patient.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:
            self.fields[name].required = True

    @classmethod
    def applies(cls, answers):
        return (answers.get("who") or {}).get("submitted_by") == "someone_else"


class PatientForm(StepForm):
    slug = "patient"
    title_key = "patient_title"
    summary_labels = {"date_of_birth": _("Date of birth"), "sex": _("Sex")}
    # The date's inputs keep their short names (dob_month, dob_day, dob_year; ids id_dob_*).
    DOB_NAME = "dob"
    DOB_PARTS = ("dob_month", "dob_day", "dob_year")

    date_of_birth = DateOfBirthField(
        help_text=_("Month, day and year, in numbers. For example, 3 27 1958.")
    )
    sex = forms.ChoiceField(
        choices=Registration.Sex.choices, required=False, widget=forms.RadioSelect
    )

    class Meta(StepForm.Meta):
        fields = ["first_name", "last_name", "date_of_birth", "sex"]

    def __init__(self, *args, sex_reason="", **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        self.word("first_name", label="first_name", required="first_name_required")
        self.word("last_name", label="last_name", required="last_name_required")
        self.word("date_of_birth", label="date_of_birth", required="date_of_birth_required")
        self.word("sex", label="sex")
        f["sex"].help_text = sex_reason
        if self.for_self:
            # Autofill only describes the person using the browser (WCAG 1.3.5).
            f["first_name"].widget.attrs["autocomplete"] = "given-name"
            f["last_name"].widget.attrs["autocomplete"] = "family-name"
            f["date_of_birth"].widget.autofill = True

    def add_prefix(self, field_name):
        return super().add_prefix(self.DOB_NAME if field_name == "date_of_birth" else field_name)

    @property
    def dob_errors(self):
        return self.errors.get("date_of_birth", [])

    def summary_rows(self):
        name = f"{self.cleaned_data['first_name']} {self.cleaned_data['last_name']}"
        return [
            (self.words["legal_name"], name, "first_name"),
            (
                self.summary_labels["date_of_birth"],
                date_format(self.cleaned_data["date_of_birth"], "F j, Y"),
                "date_of_birth",
            ),
            (self.summary_labels["sex"], self.display_value("sex"), "sex"),
        ]


class ContactForm(StepForm):
    slug = "contact"
    title_key = "contact_title"
    summary_labels = {
        "phone": _("Phone"),
        "email": _("Email"),
        "preferred_contact_method": _("How to contact you"),
        "preferred_contact_time": _("Best time to call"),
        "state": _("State"),
        "zip_code": _("ZIP code"),
        "interpreter_needed": _("Interpreter"),
    }

    phone = forms.CharField(
        max_length=Registration._meta.get_field("phone").max_length,
        help_text=_("Including the area code, for example 617-555-0123."),
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    preferred_contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=Registration.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how we should contact you.")},
    )
    preferred_contact_time = forms.ChoiceField(
        label=_("When is the best time to reach you?"),
        choices=Registration.ContactTime.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the best time to reach you.")},
    )
    state = forms.ChoiceField(
        choices=[("", _("Select a state")), *US_STATES],
        error_messages={
            "required": _("Select a state."),
            "invalid_choice": _("Select a state from the list."),
        },
    )
    interpreter_needed = yes_no_field()

    class Meta(StepForm.Meta):
        fields = [
            "phone",
            "email",
            "preferred_contact_method",
            "preferred_contact_time",
            "state",
            "zip_code",
            "interpreter_needed",
        ]
        labels = {"email": _("Email address (optional)")}
        help_texts = {
            "email": _("Optional, unless you would like us to contact you by email."),
            "zip_code": _("5 digits, for example 02115."),
        }
        error_messages = {"email": {"invalid": _("Enter an email address like name@example.com.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["phone"].error_messages["required"] = _("Enter a phone number.")
        self.word("phone", label="phone")
        self.word("state", label="state", required="state_required")
        self.word("zip_code", label="zip_code", required="zip_code_required")
        self.word(
            "interpreter_needed",
            label="interpreter_needed",
            required="interpreter_needed_required",
        )
        # Contact details belong to whoever fills the form in, so autofill is right here.
        f["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        f["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        if self.for_self:
            f["state"].widget.attrs["autocomplete"] = "address-level1"
            f["zip_code"].widget.attrs.update(
                {"autocomplete": "postal-code", "inputmode": "numeric"}
            )

    def clean_phone(self):
        return to_e164(self.cleaned_data["phone"])  # raises ValidationError with a friendly message

    def clean_zip_code(self):
        match = ZIP_RE.match(self.cleaned_data["zip_code"].strip())
        if not match:
            raise ValidationError(_("Enter a ZIP code with 5 digits, like 02115, or ZIP+4."))
        return f"{match[1]}-{match[2]}" if match[2] else match[1]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("preferred_contact_method") == Registration.ContactMethod.EMAIL
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "email", _("Enter an email address, or choose another way for us to contact you.")
            )
        return cleaned

    def stored_value(self, name, value):
        if name == "phone":
            return to_display(value)  # as people write it
        return super().stored_value(name, value)

    def display_value(self, name):
        if name == "phone":
            return to_display(self.cleaned_data["phone"])
        if name == "interpreter_needed":
            return _("Needed") if self.cleaned_data["interpreter_needed"] else _("Not needed")
        return super().display_value(name)

    def summary_rows(self):
        return [
            (self.words["interpreter_summary"], value, name)
            if name == "interpreter_needed"
            else (label, value, name)
            for label, value, name in super().summary_rows()
        ]


class LanguageForm(StepForm):
    """Which language, asked only when an interpreter is needed: its own page (no script)."""

    slug = "language"
    title_key = "language_title"
    question_is_heading = True
    summary_labels = {"interpreter_language": _("Interpreter language")}

    class Meta(StepForm.Meta):
        fields = ["interpreter_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].required = True
        self.word(
            "interpreter_language",
            label="language_title",
            help_text="interpreter_language_hint",
            required="interpreter_language_required",
        )

    @classmethod
    def applies(cls, answers):
        return (answers.get("contact") or {}).get("interpreter_needed") == "yes"
