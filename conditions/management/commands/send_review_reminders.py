from django.core.management.base import BaseCommand

from conditions.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Queue the daily medical-review reminders: one email per reviewer listing their pages "
        "that are overdue or fall due within 30 days. Run once a day."
    )

    def handle(self, *args, **options):
        result = send_review_reminders.enqueue()
        self.stdout.write(f"Review reminders queued ({result.id}).")
