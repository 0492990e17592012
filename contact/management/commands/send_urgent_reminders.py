"""Remind the urgent address of urgent registrations nobody has opened (run every 5 minutes)."""

from django.core.management.base import BaseCommand

from contact.escalation import send_urgent_reminders


class Command(BaseCommand):
    help = (
        "Send the second notification for urgent registrations that no coordinator has "
        "opened within the configured minutes of opening hours. Prints counts only."
    )

    def handle(self, *args, **options):
        counts = send_urgent_reminders()
        self.stdout.write("Urgent reminders sent: {sent}. Not sent: {failed}.".format(**counts))
