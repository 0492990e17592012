"""Put tasks whose worker died back in the queue.

django-tasks-db marks a task "running" when a worker claims it and only the same worker marks
it done. A worker killed mid-task (kill -9, out of memory, a lost machine) leaves the row
"running" for ever. A task running longer than ``TASKS_RUNNING_TIMEOUT_SECONDS`` is taken for
one whose worker died: it is made ready again, or failed once it has been claimed
``MAX_CLAIMS`` times (a task that kills its worker every time must not loop for ever).

Tasks must therefore be safe to run twice: the registration emails claim each send on the
registration row (contact.tasks), so a retried task sends nothing that already went out.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Claims (the first run included) before a task that keeps losing its worker is failed.
MAX_CLAIMS = 3
WORKER_LOST = "core.task_recovery.WorkerLost"


def running_timeout():
    return timedelta(seconds=settings.TASKS_RUNNING_TIMEOUT_SECONDS)


def stuck_tasks(now=None):
    """Tasks claimed longer ago than the timeout and still not finished."""
    cutoff = (now or timezone.now()) - running_timeout()
    return DBTaskResult.objects.running().filter(started_at__lt=cutoff)


def recover_stuck_tasks(now=None):
    """Requeue (or fail) stuck tasks; returns {"requeued": n, "failed": n}. Never logs args."""
    counts = {"requeued": 0, "failed": 0}
    for task_id in list(stuck_tasks(now).values_list("id", flat=True)):
        with transaction.atomic():
            # Locked and re-checked: another recoverer, or the worker finishing after all,
            # may have changed the row since it was listed.
            task = stuck_tasks(now).select_for_update(skip_locked=True).filter(id=task_id).first()
            if task is None:
                continue
            if len(task.worker_ids) >= MAX_CLAIMS:
                task.status = TaskResultStatus.FAILED
                task.finished_at = timezone.now()
                task.exception_class_path = WORKER_LOST
                task.traceback = f"The worker was lost {len(task.worker_ids)} times."
                task.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                counts["failed"] += 1
                outcome = "failed"
            else:
                task.status = TaskResultStatus.READY
                task.save(update_fields=["status"])
                counts["requeued"] += 1
                outcome = "requeued"
        logger.warning(
            "Task %s (%s) was running since %s with no worker finishing it: %s.",
            task.id,
            task.task_path,
            task.started_at.isoformat(timespec="seconds"),
            outcome,
        )
    return counts
