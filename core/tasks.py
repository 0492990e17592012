"""Scheduled upkeep run by the task worker (``manage.py db_worker``): expired sessions.

The tasks framework has no scheduler of its own, so the job keeps itself scheduled: each run
first queues the next one (``run_after`` an interval later) and then does its work, so a failed
run does not end the schedule. ``migrate`` queues the first run (core.apps) if none is waiting.
Backends that cannot defer a task (the in-process one of development and tests) schedule
nothing; there ``manage.py clearsessions`` does the same work by hand.
"""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task

logger = logging.getLogger(__name__)

DEFAULT_SESSION_CLEANUP_SECONDS = 15 * 60


def session_cleanup_interval():
    return getattr(settings, "SESSION_CLEANUP_INTERVAL_SECONDS", DEFAULT_SESSION_CLEANUP_SECONDS)


def _waiting_run_exists(task_, backend):
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(backend, DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=task_.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_once(task_, delay):
    """Queue a self-scheduling job's next run `delay` seconds from now unless one is already
    waiting (or the backend cannot defer); the task result, or None."""
    backend = task_.get_backend()
    if not backend.supports_defer or _waiting_run_exists(task_, backend):
        return None
    run_after = timezone.now() + timedelta(seconds=delay)
    return task_.using(run_after=run_after).enqueue()


def schedule_session_cleanup(delay=None):
    """Queue the next run unless one is already waiting; the task result, or None."""
    delay = session_cleanup_interval() if delay is None else delay
    return schedule_once(delete_expired_sessions, delay)


def delete_expired_session_rows():
    """Delete every session row past its expiry date; the number deleted."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if hasattr(store, "get_model_class"):
        # Database sessions: the same query as clear_expired(), counted.
        deleted, _ = store.get_model_class().objects.filter(expire_date__lt=timezone.now()).delete()
        return deleted
    store.clear_expired()
    return 0


@task()
def delete_expired_sessions() -> int:
    """Expired sessions, including a registration flow's abandoned answers, deleted for good.

    A patient's flow row expires REGISTRATION_FLOW_MAX_AGE_SECONDS after their last step
    (core.sessions), so this is also what deletes abandoned answers.
    """
    try:
        schedule_session_cleanup()
    except Exception as error:  # noqa: BLE001 - the work below must still be done
        logger.warning("Could not schedule the next session clean-up (%s).", type(error).__name__)
    deleted = delete_expired_session_rows()
    logger.info("Deleted %s expired sessions.", deleted)
    return deleted
