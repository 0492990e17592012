"""The call log: one row per attempt to reach a patient."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContactAttemptQuerySet(models.QuerySet):
    def successful(self):
        return self.filter(outcome=ContactAttempt.Outcome.REACHED)

    def newest_first(self):
        return self.order_by("-made_at", "-pk")


class ContactAttempt(models.Model):
    """Who tried to reach the patient, when, how, and what happened. Rows are never edited."""

    class Method(models.TextChoices):
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("Email")

    class Outcome(models.TextChoices):
        REACHED = "reached", _("Reached")
        LEFT_MESSAGE = "left_message", _("Left message")
        NO_ANSWER = "no_answer", _("No answer")
        WRONG_NUMBER = "wrong_number", _("Wrong number")

    registration = models.ForeignKey(
        "contact.Registration", on_delete=models.CASCADE, related_name="contact_attempts"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    made_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    method = models.CharField(max_length=8, choices=Method.choices, default=Method.PHONE)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    note = models.TextField(max_length=1000, blank=True)

    objects = models.Manager.from_queryset(ContactAttemptQuerySet)()

    class Meta:
        ordering = ["-made_at", "-pk"]
        verbose_name = _("contact attempt")

    def __str__(self):
        # Audit labels copy str(): the registration's reference, never the note.
        return f"{self.registration.reference}: {self.get_outcome_display()}"
