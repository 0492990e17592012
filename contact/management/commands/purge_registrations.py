"""Delete closed registrations once the retention period has passed.

A registration is due when its status is "closed" and it was closed more than
REGISTRATION_RETENTION_DAYS days ago (default 365). "Closed" means ``closed_at``, which the
intake admin stamps when a coordinator closes a registration and clears when one is reopened;
for a closed row without ``closed_at`` (closed some other way) ``updated_at`` stands in, which
can only make it wait longer. Registrations that are not closed are never purged, however old.

Each purged registration gets a "contact.registration.purge" audit entry (label: the reference;
no patient data) written in the same transaction as the delete. Run daily, e.g. from cron:

    manage.py purge_registrations            # delete and report how many
    manage.py purge_registrations --dry-run  # only report how many would go
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from contact.admin.audit import LOG_PURGE, log_registration_action
from contact.models import Registration

BATCH_SIZE = 500


def registrations_due(retention_days, now=None):
    return Registration.objects.due_for_purge(retention_days, now)


class Command(BaseCommand):
    help = (
        "Delete registrations closed more than REGISTRATION_RETENTION_DAYS days ago, "
        "with an audit log entry for each."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report how many registrations would be deleted without deleting any.",
        )

    def handle(self, *args, dry_run=False, **options):
        retention_days = getattr(settings, "REGISTRATION_RETENTION_DAYS", 365)
        if not isinstance(retention_days, int) or retention_days < 1:
            raise CommandError(
                f"REGISTRATION_RETENTION_DAYS must be a whole number of days, at least 1; "
                f"it is {retention_days!r}."
            )

        now = timezone.now()
        if dry_run:
            count = registrations_due(retention_days, now).count()
            self.stdout.write(
                f"Dry run: {count} closed registration(s) older than {retention_days} days "
                "would be deleted. Nothing was deleted."
            )
            return

        pks = list(registrations_due(retention_days, now).values_list("pk", flat=True))
        purged = 0
        for start in range(0, len(pks), BATCH_SIZE):
            with transaction.atomic():
                # Checked again inside the transaction: a registration reopened since the
                # list was read is kept.
                batch = list(
                    registrations_due(retention_days, now)
                    .filter(pk__in=pks[start : start + BATCH_SIZE])
                    .select_for_update()
                )
                for registration in batch:
                    log_registration_action(
                        registration,
                        LOG_PURGE,
                        user=None,
                        data={"retention_days": retention_days},
                        deleted=True,
                    )
                Registration.objects.filter(pk__in=[r.pk for r in batch]).delete()
                purged += len(batch)

        self.stdout.write(
            f"Deleted {purged} closed registration(s) older than {retention_days} days."
        )
