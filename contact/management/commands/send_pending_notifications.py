"""Retry registration emails that have not gone out (run from cron every few minutes)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from contact.tasks import send_pending


class Command(BaseCommand):
    help = (
        "Send the staff notification and patient acknowledgement for registrations whose "
        "emails have not gone out yet. Prints counts only, never patient details."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=10,
            help="Skip registrations newer than this, whose first send may still be queued "
            "(default 10).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue tasks for the db_worker instead of sending from this process.",
        )

    def handle(self, *args, min_age_minutes, enqueue, **options):
        counts = send_pending(min_age=timedelta(minutes=max(min_age_minutes, 0)), enqueue=enqueue)
        self.stdout.write(
            "Staff notifications sent: {staff_sent}. Patient acknowledgements sent: "
            "{patient_sent}. Queued: {queued}. Still failing: {failed}.".format(**counts)
        )
