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
    summary_labels = {
        "submitted_by": _("Who is filling in this form"),
        "submitter_name": _("Your name"),
        "submitter_relationship": _("Your relationship to the patient"),
    }

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
        fields = ["submitted_by", "submitter_name", "submitter_relationship"]
        labels = {
            "submitter_name": _("Your full name"),
            "submitter_relationship": _("Your relationship to the patient"),
        }
        help_texts = {
            "submitter_name": _("Only if you are filling this in for someone else."),
            "submitter_relationship": _(
                "Only if you are filling this in for someone else. For example: daughter."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("submitted_by") == "someone_else":
            if not cleaned.get("submitter_name") and "submitter_name" not in self.errors:
                self.add_error("submitter_name", _("Enter your full name."))
            if (
                not cleaned.get("submitter_relationship")
                and "submitter_relationship" not in self.errors
            ):
                self.add_error(
                    "submitter_relationship", _("Enter your relationship to the patient.")
                )
        elif cleaned.get("submitted_by") == "patient":
            # Not asked of patients; drop anything typed before switching answers.
            cleaned["submitter_name"] = ""
            cleaned["submitter_relationship"] = ""
        return cleaned

    def summary_rows(self):
        rows = super().summary_rows()
        return rows if not self.for_self else rows[:1]


class PatientForm(StepForm):
    slug = "patient"
    title = _("About the patient")
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
        f["first_name"].label = self.you(
            _("Your legal first name"), _("Patient's legal first name")
        )
        f["last_name"].label = self.you(_("Your legal last name"), _("Patient's legal last name"))
        f["first_name"].error_messages["required"] = self.you(
            _("Enter your first name."), _("Enter the patient's first name.")
        )
        f["last_name"].error_messages["required"] = self.you(
            _("Enter your last name."), _("Enter the patient's last name.")
        )
        f["date_of_birth"].label = self.you(_("Your date of birth"), _("Patient's date of birth"))
        f["date_of_birth"].error_messages["required"] = self.you(
            _("Enter your date of birth."), _("Enter the patient's date of birth.")
        )
        f["sex"].label = self.you(_("Your sex (optional)"), _("Patient's sex (optional)"))
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
            (self.you(_("Your legal name"), _("Patient's legal name")), name, "first_name"),
            (
                self.summary_labels["date_of_birth"],
                date_format(self.cleaned_data["date_of_birth"], "F j, Y"),
                "date_of_birth",
            ),
            (self.summary_labels["sex"], self.display_value("sex"), "sex"),
        ]


class ContactForm(StepForm):
    slug = "contact"
    title = _("Contact details")
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
    interpreter_needed = yes_no_field(
        label=_("Do you need an interpreter?"),
        error_messages={"required": _("Select whether you need an interpreter.")},
    )

    class Meta(StepForm.Meta):
        fields = [
            "phone",
            "email",
            "preferred_contact_method",
            "preferred_contact_time",
            "state",
            "zip_code",
            "interpreter_needed",
            "interpreter_language",
        ]
        labels = {
            "email": _("Email address (optional)"),
            "interpreter_language": _("Which language?"),
        }
        help_texts = {
            "email": _("Optional, unless you would like us to contact you by email."),
            "zip_code": _("5 digits, for example 02115."),
            "interpreter_language": _("Only if you need an interpreter."),
        }
        error_messages = {
            "email": {"invalid": _("Enter an email address like name@example.com.")},
            "zip_code": {"required": _("Enter a ZIP code.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["phone"].label = self.you(_("Your phone number"), _("Best phone number to reach you"))
        f["phone"].error_messages["required"] = _("Enter a phone number.")
        f["state"].label = self.you(_("State you live in"), _("State the patient lives in"))
        f["zip_code"].label = self.you(_("Your ZIP code"), _("Patient's ZIP code"))
        f["interpreter_needed"].label = self.you(
            _("Do you need an interpreter?"), _("Does the patient need an interpreter?")
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
        if cleaned.get("interpreter_needed") is True:
            if (
                not cleaned.get("interpreter_language")
                and "interpreter_language" not in self.errors
            ):
                self.add_error("interpreter_language", _("Enter the language you need."))
        elif cleaned.get("interpreter_needed") is False:
            cleaned["interpreter_language"] = ""
        return cleaned

    def stored_value(self, name, value):
        if name == "phone":
            return to_display(value)  # as people write it
        return super().stored_value(name, value)

    def display_value(self, name):
        if name == "phone":
            return to_display(self.cleaned_data["phone"])
        if name == "interpreter_needed":
            if self.cleaned_data["interpreter_needed"]:
                return self.cleaned_data["interpreter_language"]
            return _("Not needed")
        return super().display_value(name)

    def summary_rows(self):
        return [row for row in super().summary_rows() if row[2] != "interpreter_language"]
