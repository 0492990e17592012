"""The registration flow's step forms: one topic each, validated on the server.

Each form's max_length matches the Registration column it fills. Forms are bound to the
answers stored in the session, so a step always re-validates what it shows.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conditions.models import ConditionPage
from core.phone import to_display, to_e164

from .models import Registration

NOT_SURE = "not_sure"
MAX_AGE_YEARS = 120
ZIP_RE = re.compile(r"^(\d{5})(?:[-\s]?(\d{4}))?$")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]

US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"),
    ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("AS", "American Samoa"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"), ("VI", "U.S. Virgin Islands"),
]  # fmt: skip


def _max_length(field_name):
    return Registration._meta.get_field(field_name).max_length


def yes_no(value):
    return value == "yes"


class StepForm(forms.Form):
    """Shared behaviour: error attributes on widgets and a flat error list for the summary."""

    title = ""
    slug = ""
    help_field = ""
    # Fields shown as a group of inputs (fieldset + legend) rather than a single control.
    grouped_widgets = (forms.RadioSelect, forms.CheckboxSelectMultiple)

    def __init__(self, *args, for_self=True, **kwargs):
        self.for_self = for_self
        super().__init__(*args, **kwargs)
        if HONEYPOT_FIELD in self.fields:  # always last, after the real questions
            self.fields[HONEYPOT_FIELD] = self.fields.pop(HONEYPOT_FIELD)
        for field in self.fields.values():
            if isinstance(field.widget, (forms.TextInput, forms.Textarea, forms.Select)) and not (
                isinstance(field.widget, self.grouped_widgets)
            ):
                # Autofill would put the helper's own details into the patient's answers.
                field.widget.attrs.setdefault("autocomplete", "off")

    def you(self, mine, theirs):
        return mine if self.for_self else theirs

    def anchor_id(self, name):
        """The id of the first input of a field: what an error summary link targets."""
        bound = self[name]
        if isinstance(bound.field.widget, self.grouped_widgets):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def full_clean(self):
        super().full_clean()
        self._mark_errors()

    def _mark_errors(self):
        for name, field in self.fields.items():
            described = []
            if field.help_text:
                described.append(f"{self[name].auto_id}-hint")
            if name in self.errors:
                described.append(f"{self[name].auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def error_list(self):
        """[(anchor id, message)] in field order, for the error summary."""
        items = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                items.append((self.anchor_id(name), message))
        for message in self.non_field_errors():
            items.append(("", message))
        return items

    def stored_data(self):
        """The answers to keep in the session: the submitted strings, already validated."""
        data = {}
        for name, field in self.fields.items():
            if name == HONEYPOT_FIELD:
                continue
            value = self.cleaned_data.get(name)
            if isinstance(field, forms.BooleanField):
                data[name] = "on" if value else ""
            elif value is None:
                data[name] = ""
            else:
                data[name] = str(value)
        return data


HONEYPOT_FIELD = "website"


class HoneypotMixin(forms.Form):
    """A field people never see; bots that fill every input fill it in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def honeypot_filled(self):
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())


class WhoForm(HoneypotMixin, StepForm):
    slug = "who"
    title = _("Who is filling in this form?")

    submitted_by = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=[
            ("patient", _("I am the patient")),
            ("someone_else", _("I am filling it in for someone else")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who is filling in this form.")},
    )
    submitter_name = forms.CharField(
        label=_("Your full name"),
        help_text=_("Only if you are filling this in for someone else."),
        required=False,
        max_length=_max_length("submitter_name"),
    )
    submitter_relationship = forms.CharField(
        label=_("Your relationship to the patient"),
        help_text=_("Only if you are filling this in for someone else. For example: daughter."),
        required=False,
        max_length=_max_length("submitter_relationship"),
    )

    field_order = ["submitted_by", "submitter_name", "submitter_relationship"]

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


class PatientForm(HoneypotMixin, StepForm):
    slug = "patient"
    title = _("About the patient")

    first_name = forms.CharField(max_length=_max_length("first_name"))
    last_name = forms.CharField(max_length=_max_length("last_name"))
    _DOB_MESSAGES = {"max_length": _("Date of birth must be a real date, written in numbers.")}
    dob_month = forms.CharField(
        label=_("Month"), required=False, max_length=4, error_messages=_DOB_MESSAGES
    )
    dob_day = forms.CharField(
        label=_("Day"), required=False, max_length=4, error_messages=_DOB_MESSAGES
    )
    dob_year = forms.CharField(
        label=_("Year"), required=False, max_length=4, error_messages=_DOB_MESSAGES
    )
    sex = forms.ChoiceField(
        choices=Registration.Sex.choices, required=False, widget=forms.RadioSelect
    )

    DOB_PARTS = ("dob_month", "dob_day", "dob_year")
    field_order = ["first_name", "last_name", *DOB_PARTS, "sex"]

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
        f["sex"].label = self.you(_("Your sex (optional)"), _("Patient's sex (optional)"))
        f["sex"].help_text = sex_reason
        self.dob_legend = self.you(_("Your date of birth"), _("Patient's date of birth"))
        for name in self.DOB_PARTS:
            f[name].widget.attrs.update({"inputmode": "numeric", "class": f"dob__{name[4:]}"})
        if self.for_self:
            # Autofill only describes the person using the browser (WCAG 1.3.5).
            f["first_name"].widget.attrs["autocomplete"] = "given-name"
            f["last_name"].widget.attrs["autocomplete"] = "family-name"
            f["dob_month"].widget.attrs["autocomplete"] = "bday-month"
            f["dob_day"].widget.attrs["autocomplete"] = "bday-day"
            f["dob_year"].widget.attrs["autocomplete"] = "bday-year"

    @property
    def dob_errors(self):
        return [message for name in self.DOB_PARTS for message in self.errors.get(name, [])]

    def _mark_errors(self):
        super()._mark_errors()
        # The three date inputs share one hint and one error message.
        has_error = bool(self.dob_errors)
        for name in self.DOB_PARTS:
            described = ["id_dob-hint"] + (["id_dob-error"] if has_error else [])
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    def clean(self):
        cleaned = super().clean()
        if any(name in self.errors for name in self.DOB_PARTS):
            return cleaned
        parts = {name: (cleaned.get(name) or "").strip() for name in self.DOB_PARTS}
        if not any(parts.values()):
            self.add_error(
                "dob_month",
                self.you(_("Enter your date of birth."), _("Enter the patient's date of birth.")),
            )
            return cleaned
        for name, word in (
            ("dob_month", _("month")),
            ("dob_day", _("day")),
            ("dob_year", _("year")),
        ):
            if not parts[name]:
                self.add_error(name, _("Date of birth must include a %(part)s.") % {"part": word})
                return cleaned
        if not all(value.isascii() and value.isdigit() for value in parts.values()):
            name = next(
                n for n in self.DOB_PARTS if not (parts[n].isascii() and parts[n].isdigit())
            )
            self.add_error(name, _("Date of birth must be a real date, written in numbers."))
            return cleaned
        if len(parts["dob_year"]) != 4:
            self.add_error("dob_year", _("Year must include 4 numbers, for example 1958."))
            return cleaned
        year, month, day = (int(parts[n]) for n in ("dob_year", "dob_month", "dob_day"))
        if not 1 <= month <= 12:
            self.add_error("dob_month", _("Month must be a number from 1 to 12."))
            return cleaned
        try:
            dob = datetime.date(year, month, day)
        except ValueError:
            self.add_error("dob_day", _("Date of birth must be a real date: check the day."))
            return cleaned
        today = timezone.localdate()
        if dob > today:
            self.add_error("dob_year", _("Date of birth must be in the past."))
            return cleaned
        age = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
        if age > MAX_AGE_YEARS:
            self.add_error(
                "dob_year",
                _("Check the year: the date of birth must be less than %(years)s years ago.")
                % {"years": MAX_AGE_YEARS},
            )
            return cleaned
        cleaned["date_of_birth"] = dob
        return cleaned


class ContactForm(HoneypotMixin, StepForm):
    slug = "contact"
    title = _("Contact details")

    phone = forms.CharField(
        max_length=_max_length("phone"),
        help_text=_("Including the area code, for example 617-555-0123."),
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    email = forms.EmailField(
        required=False,
        max_length=_max_length("email"),
        help_text=_("Optional, unless you would like us to contact you by email."),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
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
        choices=[("", _("Select a state"))] + US_STATES,
        error_messages={
            "required": _("Select a state."),
            "invalid_choice": _("Select a state from the list."),
        },
    )
    zip_code = forms.CharField(
        label=_("ZIP code"),
        max_length=_max_length("zip_code"),
        help_text=_("5 digits, for example 02115."),
        error_messages={"required": _("Enter a ZIP code.")},
    )
    interpreter_needed = forms.ChoiceField(
        label=_("Do you need an interpreter?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you need an interpreter.")},
    )
    interpreter_language = forms.CharField(
        label=_("Which language?"),
        help_text=_("Only if you need an interpreter."),
        required=False,
        max_length=_max_length("interpreter_language"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["phone"].label = self.you(_("Your phone number"), _("Best phone number to reach you"))
        f["phone"].error_messages["required"] = _("Enter a phone number.")
        f["email"].label = _("Email address (optional)")
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
        value = self.cleaned_data["phone"]
        return to_e164(value)  # raises ValidationError with a friendly message

    def stored_data(self):
        data = super().stored_data()
        data["phone"] = to_display(self.cleaned_data["phone"])  # as people write it
        return data

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
        if cleaned.get("interpreter_needed") == "yes":
            if (
                not cleaned.get("interpreter_language")
                and "interpreter_language" not in self.errors
            ):
                self.add_error("interpreter_language", _("Enter the language you need."))
        elif cleaned.get("interpreter_needed") == "no":
            cleaned["interpreter_language"] = ""
        return cleaned


def live_condition_choices():
    pages = ConditionPage.objects.live().public().order_by("title").only("id", "title")
    return [(str(page.pk), page.title) for page in pages]


def live_condition(value):
    """The live, public ConditionPage with this id, or None (also for junk)."""
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        return None
    if pk <= 0 or pk > 2**31:
        return None
    return ConditionPage.objects.live().public().filter(pk=pk).first()


class MedicalForm(HoneypotMixin, StepForm):
    slug = "medical"
    title = _("About the condition")

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
    current_treatment = forms.CharField(
        label=_("Current treatment (optional)"),
        help_text=_("For example: chemotherapy, radiation therapy, or none yet."),
        required=False,
        max_length=_max_length("current_treatment"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    referring_physician = forms.CharField(
        label=_("Referring physician (optional)"),
        help_text=_("The doctor who suggested you contact us, if any."),
        required=False,
        max_length=_max_length("referring_physician"),
    )
    insurance_provider = forms.CharField(
        label=_("Insurance provider (optional)"),
        required=False,
        max_length=_max_length("insurance_provider"),
    )
    in_hospital_now = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    emergency_symptoms = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether there is new weakness, numbness, or loss of control.")
        },
    )

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


class VisitForm(HoneypotMixin, StepForm):
    slug = "visit"
    title = _("Your visit and consent")

    visit_type = forms.ChoiceField(
        label=_("How would you like to meet the team?"),
        choices=Registration.VisitType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you would like to meet the team.")},
    )
    message = forms.CharField(
        label=_("Anything else you would like us to know? (optional)"),
        help_text=_("Up to 2,000 characters."),
        required=False,
        max_length=_max_length("message"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree that the care team may contact me about this registration."),
        help_text=_("Read how we use and protect your information in our privacy notice."),
        error_messages={"required": _("You must agree to be contacted so we can help you.")},
    )

    field_order = ["visit_type", "message", "consent_to_contact"]


STEPS = [WhoForm, PatientForm, ContactForm, MedicalForm, VisitForm]
STEP_SLUGS = [form.slug for form in STEPS]
FORMS_BY_SLUG = {form.slug: form for form in STEPS}
