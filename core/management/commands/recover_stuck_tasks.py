"""Requeue tasks left "running" by a worker that died (for cron; the worker does it too)."""

from django.core.management.base import BaseCommand

from core.task_recovery import recover_stuck_tasks


class Command(BaseCommand):
    help = (
        'Put tasks "running" for longer than TASKS_RUNNING_TIMEOUT_SECONDS back in the queue '
        "(or fail them after repeated lost workers). Prints counts only."
    )

    def handle(self, *args, **options):
        counts = recover_stuck_tasks()
        self.stdout.write("Stuck tasks requeued: {requeued}. Failed: {failed}.".format(**counts))
