"""django-tasks-db's ``db_worker``, which also puts back tasks whose worker died.

Same options and behaviour as the library's command (this app comes first in INSTALLED_APPS,
so ``manage.py db_worker`` is this one). A background thread runs core.task_recovery at start
and then every few seconds, so a task stuck in "running" after a worker was killed is retried
by whichever worker is alive, without waiting for cron.
"""

import logging
import os
import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from core.task_recovery import recover_stuck_tasks

logger = logging.getLogger("core.task_recovery")


def recovery_interval():
    # Often enough that a stuck task waits little longer than the timeout, at most a minute.
    return min(60.0, max(settings.TASKS_RUNNING_TIMEOUT_SECONDS / 2, 0.5))


def recover_forever(stop):
    while not stop.is_set():
        try:
            recover_stuck_tasks()
        except DatabaseError as error:
            # A locked SQLite file or a database restart: try again next round.
            logger.warning("Task recovery skipped this round (%s).", type(error).__name__)
        finally:
            connections.close_all()  # this thread's connections only
        stop.wait(recovery_interval())


class Command(db_worker.Command):
    help = db_worker.Command.help + ", requeuing tasks whose worker died"

    def handle(self, *args, **options):
        reloading_parent = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if not reloading_parent:
            # A daemon thread: it ends with the worker however the worker stops.
            threading.Thread(
                target=recover_forever,
                args=(threading.Event(),),
                name="task-recovery",
                daemon=True,
            ).start()
        return super().handle(*args, **options)
