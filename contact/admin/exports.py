"""The spreadsheet export's columns, and the safety of its cells."""

import re

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name

EXPORT_COLUMNS = [
    ("reference", _("Reference"), lambda r: r.reference),
    ("status", _("Status"), lambda r: r.get_status_display()),
    ("created_at", _("Created"), lambda r: r.created_at),
    ("closed_at", _("Closed"), lambda r: r.closed_at),
    (
        "assigned_to",
        _("Assigned coordinator"),
        lambda r: get_user_display_name(r.assigned_to) if r.assigned_to else "",
    ),
    ("notification_pending", _("Notification pending"), lambda r: yes_no(r.notification_pending)),
    ("submitted_by", _("Submitted by"), lambda r: r.get_submitted_by_display()),
    ("submitter_name", _("Submitter name"), lambda r: r.submitter_name),
    ("submitter_relationship", _("Submitter relationship"), lambda r: r.submitter_relationship),
    ("first_name", _("Legal first name"), lambda r: r.first_name),
    ("last_name", _("Legal last name"), lambda r: r.last_name),
    ("date_of_birth", _("Date of birth"), lambda r: r.date_of_birth),
    ("sex", _("Sex"), lambda r: r.get_sex_display()),
    ("phone", _("Phone"), lambda r: r.phone),
    ("email", _("Email"), lambda r: r.email),
    (
        "preferred_contact_method",
        _("Preferred contact method"),
        lambda r: r.get_preferred_contact_method_display(),
    ),
    (
        "preferred_contact_time",
        _("Preferred contact time"),
        lambda r: r.get_preferred_contact_time_display(),
    ),
    ("state", _("State"), lambda r: r.state),
    ("zip_code", _("ZIP code"), lambda r: r.zip_code),
    ("interpreter_needed", _("Interpreter needed"), lambda r: yes_no(r.interpreter_needed)),
    ("interpreter_language", _("Interpreter language"), lambda r: r.interpreter_language),
    ("in_hospital_now", _("In hospital now"), lambda r: yes_no(r.in_hospital_now)),
    ("emergency_symptoms", _("Emergency symptoms"), lambda r: yes_no(r.emergency_symptoms)),
    ("condition", _("Condition"), lambda r: condition_title(r)),
    ("biopsy_confirmed", _("Biopsy confirmed"), lambda r: r.get_biopsy_confirmed_display()),
    ("current_treatment", _("Current treatment"), lambda r: r.current_treatment),
    ("referring_physician", _("Referring physician"), lambda r: r.referring_physician),
    ("insurance_provider", _("Insurance provider"), lambda r: r.insurance_provider),
    ("visit_type", _("Visit type"), lambda r: r.get_visit_type_display()),
    ("message", _("Message"), lambda r: r.message),
    ("consent_to_contact", _("Consent to contact"), lambda r: yes_no(r.consent_to_contact)),
    ("internal_notes", _("Internal notes"), lambda r: r.internal_notes),
]
EXPORT_GETTERS = {key: getter for key, _label, getter in EXPORT_COLUMNS}

# Spreadsheet programs run a cell that starts with one of these as a formula ("CSV injection").
# Patients type free text, so CSV values that start with one are prefixed with an apostrophe.
# An E.164 phone number such as +16175550123 is left alone: it is validated digits.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
E164_RE = re.compile(r"^\+\d{6,15}$")


def condition_title(registration):
    return registration.condition.title if registration.condition else gettext("Not sure")


def yes_no(value):
    return gettext("Yes") if value else gettext("No")


def neutralise_csv_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not E164_RE.match(value):
        return "'" + value
    return value


def local_naive(value):
    if timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value
