"""Exports too big to build inside a request: built by a background task into private storage.

The file holds patient data, so it is never at a public URL: it lives in the
``registration_exports`` storage (outside MEDIA_ROOT) under a random name, is served only by
the intake admin's download view to the coordinator who asked for it, and is deleted when it
expires (the scheduled ``contact.tasks.delete_expired_exports``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistrationExportQuerySet(models.QuerySet):
    def expired(self, now=None):
        now = now or timezone.now()
        return self.filter(expires_at__lte=now)

    def downloadable(self, now=None):
        now = now or timezone.now()
        return self.filter(status=RegistrationExport.Status.READY, expires_at__gt=now)


class RegistrationExport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    # In the download link: random, so one export's link says nothing about another's.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    # The rows in list order, chosen when the coordinator asked (the filters and search she
    # saw); emptied once the file is built, so no search term or list outlives the build.
    registration_ids = models.JSONField(default=list, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set at the request, so a file whose build never finished is cleaned up too.
    expires_at = models.DateTimeField(db_index=True)

    objects = models.Manager.from_queryset(RegistrationExportQuerySet)()

    class Meta:
        verbose_name = _("registration export")

    def __str__(self):
        # No patient data: what the audit log and messages may show.
        return f"{self.get_file_format_display()} export of {self.row_count} registrations"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
