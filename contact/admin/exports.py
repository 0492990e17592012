"""The spreadsheet export's columns, and the safety of its cells."""

import datetime
import functools
import re

from django.utils.encoding import force_str
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name

from .times import export_local_naive, export_time

EXPORT_COLUMNS = [
    ("reference", _("Reference"), lambda r, w: r.reference),
    ("status", _("Status"), lambda r, w: w.choice(r, "status")),
    ("created_at", _("Created"), lambda r, w: r.created_at),
    ("urgent", _("Urgent"), lambda r, w: w.yes_no(r.urgent)),
    ("closed_at", _("Closed"), lambda r, w: r.closed_at),
    ("first_contacted_at", _("First contacted"), lambda r, w: r.first_contacted_at),
    ("last_contact_attempt_at", _("Last contact attempt"), lambda r, w: r.last_contact_attempt_at),
    ("contact_attempts", _("Contact attempts"), lambda r, w: len(attempts_of(r))),
    ("call_log", _("Call log (newest first)"), lambda r, w: call_log_text(r)),
    (
        "assigned_to",
        _("Assigned coordinator"),
        lambda r, w: assignee_name(r),
    ),
    (
        "notification_pending",
        _("Notification pending"),
        lambda r, w: w.yes_no(r.notification_pending),
    ),
    ("submitted_by", _("Submitted by"), lambda r, w: w.choice(r, "submitted_by")),
    ("submitter_name", _("Submitter name"), lambda r, w: r.submitter_name),
    ("submitter_relationship", _("Submitter relationship"), lambda r, w: r.submitter_relationship),
    ("first_name", _("Legal first name"), lambda r, w: r.first_name),
    ("last_name", _("Legal last name"), lambda r, w: r.last_name),
    ("date_of_birth", _("Date of birth"), lambda r, w: r.date_of_birth),
    ("sex", _("Sex"), lambda r, w: w.choice(r, "sex")),
    ("language", _("Language used"), lambda r, w: r.language_name),
    ("phone", _("Phone"), lambda r, w: r.phone),
    ("email", _("Email"), lambda r, w: r.email),
    (
        "preferred_contact_method",
        _("Preferred contact method"),
        lambda r, w: w.choice(r, "preferred_contact_method"),
    ),
    (
        "preferred_contact_time",
        _("Preferred contact time"),
        lambda r, w: w.choice(r, "preferred_contact_time"),
    ),
    ("state", _("State"), lambda r, w: r.state),
    ("zip_code", _("ZIP code"), lambda r, w: r.zip_code),
    ("interpreter_needed", _("Interpreter needed"), lambda r, w: w.yes_no(r.interpreter_needed)),
    ("interpreter_language", _("Interpreter language"), lambda r, w: r.interpreter_language),
    ("in_hospital_now", _("In hospital now"), lambda r, w: w.yes_no(r.in_hospital_now)),
    ("emergency_symptoms", _("Emergency symptoms"), lambda r, w: w.yes_no(r.emergency_symptoms)),
    ("condition", _("Condition"), lambda r, w: condition_title(r)),
    ("biopsy_confirmed", _("Biopsy confirmed"), lambda r, w: w.choice(r, "biopsy_confirmed")),
    ("current_treatment", _("Current treatment"), lambda r, w: r.current_treatment),
    ("referring_physician", _("Referring physician"), lambda r, w: r.referring_physician),
    ("insurance_provider", _("Insurance provider"), lambda r, w: r.insurance_provider),
    ("visit_type", _("Visit type"), lambda r, w: w.choice(r, "visit_type")),
    ("message", _("Message"), lambda r, w: r.message),
    ("consent_to_contact", _("Consent to contact"), lambda r, w: w.yes_no(r.consent_to_contact)),
    ("internal_notes", _("Internal notes"), lambda r, w: r.internal_notes),
]
EXPORT_GETTERS = {key: getter for key, _label, getter in EXPORT_COLUMNS}
LIST_EXPORT = [key for key, _label, _getter in EXPORT_COLUMNS]
EXPORT_HEADINGS = {key: label for key, label, _getter in EXPORT_COLUMNS}
# What the export reads: the registration's own columns and the condition's title only (not
# the condition page's StreamField body, which made a 100 000-row export time out).
NOT_FIELDS = {"notification_pending", "condition", "assigned_to", "contact_attempts", "call_log"}
EXPORT_FIELDS = [key for key, _label, _getter in EXPORT_COLUMNS if key not in NOT_FIELDS] + [
    "staff_notified_at",
    "patient_acknowledged_at",
    "condition_id",
    "assigned_to_id",
]
EXPORT_RELATED = {
    "assignee_first_name": "assigned_to__first_name",
    "assignee_last_name": "assigned_to__last_name",
    "assignee_username": "assigned_to__username",
}

# Spreadsheet programs run a cell that starts with one of these as a formula ("CSV injection").
# Patients type free text, so CSV values that start with one are prefixed with an apostrophe.
# An E.164 phone number such as +16175550123 is left alone: it is validated digits.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
E164_RE = re.compile(r"^\+\d{6,15}$")


def condition_title(registration):
    """The condition's title: from the `condition_title_value` annotation when the queryset
    has it (lists and exports never build condition page objects), else the relation."""
    if hasattr(registration, "condition_title_value"):
        title = registration.condition_title_value
    else:
        title = registration.condition.title if registration.condition_id else None
    return title or gettext("Not sure")


def attempts_of(registration):
    """The call log, newest first: prefetched into `attempt_list` by exports."""
    if hasattr(registration, "attempt_list"):
        return registration.attempt_list
    return list(registration.contact_attempts.newest_first().select_related("made_by"))


class Words:
    """Translated labels, looked up once per export: Django's get_FOO_display() hashes every
    choice list on each call, which made a 100 000-row export spend most of its time there."""

    def __init__(self):
        from contact.models import Registration

        self.choices = {
            field.name: {value: str(label) for value, label in field.flatchoices}
            for field in Registration._meta.fields
            if field.choices
        }
        self.yes, self.no = gettext("Yes"), gettext("No")

    def choice(self, registration, field_name):
        value = getattr(registration, field_name)
        return self.choices[field_name].get(value, value)

    def yes_no(self, value):
        return self.yes if value else self.no


@functools.cache
def words_for(language):
    return Words()


def current_words():
    return words_for(get_language())


def yes_no(value):
    return current_words().yes_no(value)


def neutralise_csv_formula(value):
    if type(value) is str and value.startswith(FORMULA_PREFIXES) and not E164_RE.match(value):
        return "'" + value
    return value


def call_log_text(registration):
    """'2026-11-26 13:09 EST, Phone call, No answer, Ana Diaz: note' per attempt, newest first."""
    lines = []
    for attempt in attempts_of(registration):
        who = get_user_display_name(attempt.made_by) if attempt.made_by else gettext("Former user")
        line = (
            f"{export_time(attempt.made_at)}, {attempt.get_method_display()}, "
            f"{attempt.get_outcome_display()}, {who}"
        )
        lines.append(f"{line}: {attempt.note}" if attempt.note else line)
    return "\n".join(lines)


def assignee_name(registration):
    """The coordinator's name, from annotations in exports (no user objects per row)."""
    if hasattr(registration, "assignee_username"):
        if not registration.assignee_username:
            return ""
        full = f"{registration.assignee_first_name} {registration.assignee_last_name}".strip()
        return full or registration.assignee_username
    user = registration.assigned_to
    return get_user_display_name(user) if user else ""


def with_call_logs(registrations, chunk_size=2000):
    """Attach `attempt_list` to each registration, one query per chunk and only for those
    with an attempt: a lighter prefetch for exports of 100 000 rows, most never called yet."""
    from contact.models import ContactAttempt

    chunk = []
    for registration in registrations:
        chunk.append(registration)
        if len(chunk) == chunk_size:
            yield from _attach_call_logs(chunk, ContactAttempt)
            chunk = []
    yield from _attach_call_logs(chunk, ContactAttempt)


def _attach_call_logs(chunk, model):
    called = [r.pk for r in chunk if r.last_contact_attempt_at is not None]
    by_registration = {}
    if called:
        attempts = model.objects.filter(registration_id__in=called).select_related("made_by")
        for attempt in attempts.newest_first():
            by_registration.setdefault(attempt.registration_id, []).append(attempt)
    for registration in chunk:
        registration.attempt_list = by_registration.get(registration.pk, [])
    return chunk


def export_cell(value, spreadsheet_format):
    """A value as the spreadsheet gets it: times in the site's zone (named in CSV; in XLSX the
    cell's number format names it), dates as dates, nothing as an empty cell."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return export_time(value) if spreadsheet_format == "csv" else export_local_naive(value)
    if isinstance(value, datetime.date):
        return value.isoformat() if spreadsheet_format == "csv" else value
    if isinstance(value, int | float):
        return value
    return force_str(value)
