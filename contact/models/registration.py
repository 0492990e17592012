"""Registrations (protected health information) and the intake rules as queries."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistrationQuerySet(models.QuerySet):
    """The intake rules as queries; the matching properties on Registration say the same."""

    URGENT = Q(in_hospital_now=True) | Q(emergency_symptoms=True)
    # Staff not yet told, or a patient who gave an email not yet acknowledged.
    NOTIFICATION_PENDING = Q(staff_notified_at__isnull=True) | (
        Q(patient_acknowledged_at__isnull=True) & ~Q(email="")
    )

    def urgent(self):
        """In hospital now, or reporting emergency symptoms: called back first.

        Filters on the `urgent` column, which the database computes from URGENT, so the
        query can use the intake-order index."""
        return self.filter(urgent=True)

    def not_urgent(self):
        return self.filter(urgent=False)

    def notification_pending(self):
        return self.filter(self.NOTIFICATION_PENDING)

    def notification_sent(self):
        return self.exclude(self.NOTIFICATION_PENDING)

    def new(self):
        return self.filter(status=Registration.Status.NEW)

    def open(self):
        """Not finished (closed, referred elsewhere, not proceeding): still the team's work."""
        return self.exclude(status__in=Registration.FINISHED)

    def awaiting_contact(self):
        """Nobody has reached the patient yet: new, or attempts so far without an answer."""
        return self.filter(
            status__in=[Registration.Status.NEW, Registration.Status.ATTEMPTING_CONTACT]
        )

    def unopened(self):
        """No coordinator has opened it in the admin yet."""
        return self.filter(first_opened_at__isnull=True)

    def intake_order(self):
        """The order a coordinator works in: urgent first, then whoever has waited longest."""
        return self.order_by("-urgent", "created_at", "pk")

    def due_for_purge(self, retention_days, now=None):
        """Finished (closed, referred elsewhere, not proceeding) more than `retention_days` ago,
        by closed_at (or updated_at without one, which can only make a registration wait
        longer). Open ones are never due."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
        return (
            self.filter(status__in=Registration.FINISHED)
            .annotate(closed_on=Coalesce("closed_at", "updated_at"))
            .filter(closed_on__lt=cutoff)
        )


def generate_reference():
    """An unguessable, readable reference such as 'NP-7K3M-9QX2' (no 0/O or 1/I/L to misread)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    chars = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"NP-{chars[:4]}-{chars[4:]}"


class Registration(models.Model):
    """A new-patient registration. Protected health information: see README, 'Patient data'."""

    class SubmittedBy(models.TextChoices):
        PATIENT = "patient", _("The patient")
        SOMEONE_ELSE = "someone_else", _("Someone on the patient's behalf")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        INTERSEX = "intersex", _("Intersex")
        NOT_SAY = "prefer_not_to_say", _("Prefer not to say")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("Email")

    class ContactTime(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning (8 a.m. to noon)")
        AFTERNOON = "afternoon", _("Afternoon (noon to 5 p.m.)")
        EVENING = "evening", _("Early evening (5 p.m. to 7 p.m.)")

    class YesNoNotSure(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_SURE = "not_sure", _("Not sure")

    class VisitType(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual visit")
        EITHER = "either", _("Either")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ATTEMPTING_CONTACT = "attempting_contact", _("Attempting contact")
        REACHED = "reached", _("Reached")
        SCHEDULED = "scheduled", _("Scheduled")
        REFERRED_ELSEWHERE = "referred_elsewhere", _("Referred elsewhere")
        NOT_PROCEEDING = "not_proceeding", _("Not proceeding")
        CLOSED = "closed", _("Closed")

    # The end of the work: closed_at is stamped and retention counts from it.
    FINISHED = (Status.REFERRED_ELSEWHERE, Status.NOT_PROCEEDING, Status.CLOSED)

    # Staff-side fields.
    reference = models.CharField(
        max_length=16, unique=True, default=generate_reference, editable=False
    )
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_registrations",
        verbose_name=_("assigned coordinator"),
    )
    internal_notes = models.TextField(max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Stored by the database from the urgent rule, so the list sorts urgent first on an index.
    urgent = models.GeneratedField(
        expression=RegistrationQuerySet.URGENT,
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("urgent"),
    )
    first_opened_at = models.DateTimeField(
        _("first opened by a coordinator"), null=True, blank=True, editable=False
    )
    first_contacted_at = models.DateTimeField(
        _("first contacted at"), null=True, blank=True, editable=False
    )
    last_contact_attempt_at = models.DateTimeField(
        _("last contact attempt"), null=True, blank=True, editable=False
    )
    urgent_reminder_sent_at = models.DateTimeField(
        _("urgent reminder sent at"), null=True, blank=True, editable=False
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the patient came from."),
    )
    # One submission token per flow: a double click or replayed POST finds the same row.
    submission_token = models.UUIDField(unique=True, editable=False)
    staff_notified_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    patient_acknowledged_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When a sender started each email: a second sender (a retried task, the cron command)
    # leaves it alone until the claim expires, so a slow or dead sender causes no duplicate.
    staff_notification_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    patient_acknowledgement_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Failed sends are recorded (exception class only: messages can echo addresses) and retried
    # by the send_pending_notifications command.
    notification_attempts = models.PositiveIntegerField(default=0, editable=False)
    last_notification_error = models.CharField(max_length=100, blank=True, editable=False)
    last_notification_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Who is filling it in.
    submitted_by = models.CharField(max_length=16, choices=SubmittedBy.choices)
    submitter_name = models.CharField(max_length=120, blank=True)
    submitter_relationship = models.CharField(max_length=80, blank=True)

    # About the patient.
    first_name = models.CharField(_("legal first name"), max_length=80)
    last_name = models.CharField(_("legal last name"), max_length=80)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)

    # Contact.
    phone = models.CharField(max_length=20, help_text=_("Stored in E.164 form, e.g. +16175550123."))
    email = models.EmailField(max_length=254, blank=True)
    preferred_contact_method = models.CharField(
        max_length=8, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    preferred_contact_time = models.CharField(
        max_length=12, choices=ContactTime.choices, default=ContactTime.ANY
    )
    state = models.CharField(max_length=2)
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    interpreter_needed = models.BooleanField(default=False)
    interpreter_language = models.CharField(max_length=60, blank=True)
    # The language the flow was used in (a code from settings.LANGUAGES, no choices so that a
    # new language needs no migration): the patient's emails are sent in it (contact/languages).
    language = models.CharField(
        _("language used"),
        max_length=12,
        default="en",
        editable=False,
        help_text=_("The language the patient registered in."),
    )

    # Medical. Either urgent answer shows the patient emergency advice; it never blocks.
    in_hospital_now = models.BooleanField(_("in hospital now"), default=False)
    emergency_symptoms = models.BooleanField(
        _("reports emergency symptoms"),
        default=False,
        help_text=_("New weakness, numbness, or loss of bladder or bowel control."),
    )
    condition = models.ForeignKey(
        "conditions.ConditionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the patient is not sure."),
    )
    biopsy_confirmed = models.CharField(max_length=8, choices=YesNoNotSure.choices)
    current_treatment = models.TextField(max_length=1000, blank=True)
    referring_physician = models.CharField(max_length=120, blank=True)
    insurance_provider = models.CharField(max_length=120, blank=True)

    # Visit and consent.
    visit_type = models.CharField(max_length=10, choices=VisitType.choices)
    message = models.TextField(max_length=2000, blank=True)
    consent_to_contact = models.BooleanField(default=False)

    objects = models.Manager.from_queryset(RegistrationQuerySet)()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-urgent", "created_at", "id"], name="registration_intake_order"),
            # The dashboard's counts: by status, and the few whose emails have not gone out.
            models.Index(fields=["status", "created_at"], name="registration_status"),
            # The intake insight's weeks (dashboard and report): read from the index alone.
            models.Index(
                fields=["created_at"],
                include=["urgent", "first_contacted_at"],
                name="registration_insight",
            ),
            models.Index(
                fields=["created_at"],
                condition=RegistrationQuerySet.NOTIFICATION_PENDING,
                name="registration_notify_pending",
            ),
        ]
        verbose_name = _("registration")
        permissions = [("export_registration", "Can export registrations")]

    def __str__(self):
        # Only the reference: Wagtail copies str() into its audit log and admin messages.
        return self.reference

    @property
    def language_name(self):
        from contact.languages import language_name

        return language_name(self.language)

    @property
    def staff_notification_pending(self):
        # Keep in step with RegistrationQuerySet.NOTIFICATION_PENDING.
        return self.staff_notified_at is None

    @property
    def patient_acknowledgement_pending(self):
        return bool(self.email) and self.patient_acknowledged_at is None

    @property
    def notification_pending(self):
        """True while staff have not been told, or a patient who gave an email has not been."""
        return self.staff_notification_pending or self.patient_acknowledgement_pending

    @property
    def is_urgent(self):
        # Keep in step with RegistrationQuerySet.URGENT.
        return self.in_hospital_now or self.emergency_symptoms

    @property
    def condition_not_sure(self):
        return self.condition_id is None
