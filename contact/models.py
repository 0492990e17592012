import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage


class RegistrationPage(BasePage):
    """Hosts the new-patient registration flow; its words are editable in the admin."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1
    template = "contact/registration_page.html"

    class Meta:
        verbose_name = _("registration page")


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
        CONTACTED = "contacted", _("Contacted")
        SCHEDULED = "scheduled", _("Scheduled")
        CLOSED = "closed", _("Closed")

    # Staff-side fields.
    reference = models.CharField(
        max_length=16, unique=True, default=generate_reference, editable=False
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
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
    staff_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    patient_acknowledged_at = models.DateTimeField(null=True, blank=True, editable=False)

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
    interpreter_language = models.CharField(max_length=60, blank=True)

    # Medical.
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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration")
        permissions = [("export_registration", "Can export registrations")]

    def __str__(self):
        # Only the reference: Wagtail copies str() into its audit log and admin messages.
        return self.reference

    @property
    def notification_pending(self):
        return self.staff_notified_at is None
