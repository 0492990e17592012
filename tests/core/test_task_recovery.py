"""Tasks left "running" by a dead worker are requeued, or failed after repeated losses."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from contact.tasks import notify_staff
from core.task_recovery import MAX_CLAIMS, WORKER_LOST, recover_stuck_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_RUNNING_TIMEOUT_SECONDS = 600


def running_task(started_seconds_ago, workers=1):
    result = notify_staff.enqueue(1)
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=started_seconds_ago),
        worker_ids=[f"worker-{n}" for n in range(workers)],
    )
    return DBTaskResult.objects.get(id=result.id)


def status(task):
    task.refresh_from_db()
    return task.status


def test_task_running_past_the_timeout_is_requeued(db_tasks, caplog):
    stuck = running_task(started_seconds_ago=601)
    busy = running_task(started_seconds_ago=599)
    assert recover_stuck_tasks() == {"requeued": 1, "failed": 0}
    assert status(stuck) == TaskResultStatus.READY
    assert stuck in DBTaskResult.objects.ready()  # a worker picks it up again
    assert status(busy) == TaskResultStatus.RUNNING
    assert f"Task {stuck.id} (contact.tasks.notify_staff)" in caplog.text
    assert "requeued" in caplog.text


def test_timeout_is_a_setting(db_tasks, settings):
    task = running_task(started_seconds_ago=61)
    assert recover_stuck_tasks() == {"requeued": 0, "failed": 0}
    settings.TASKS_RUNNING_TIMEOUT_SECONDS = 60
    assert recover_stuck_tasks() == {"requeued": 1, "failed": 0}
    assert status(task) == TaskResultStatus.READY


def test_task_that_keeps_losing_its_worker_is_failed(db_tasks):
    again = running_task(started_seconds_ago=601, workers=MAX_CLAIMS - 1)
    lost = running_task(started_seconds_ago=601, workers=MAX_CLAIMS)
    assert recover_stuck_tasks() == {"requeued": 1, "failed": 1}
    assert status(again) == TaskResultStatus.READY
    assert status(lost) == TaskResultStatus.FAILED
    assert lost.exception_class_path == WORKER_LOST
    assert lost.finished_at is not None


def test_finished_and_queued_tasks_are_left_alone(db_tasks):
    done = running_task(started_seconds_ago=9999)
    DBTaskResult.objects.filter(id=done.id).update(status=TaskResultStatus.SUCCESSFUL)
    queued = notify_staff.enqueue(2)
    assert recover_stuck_tasks() == {"requeued": 0, "failed": 0}
    assert status(done) == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(id=queued.id).status == TaskResultStatus.READY


def test_scheduled_command_prints_counts(db_tasks):
    running_task(started_seconds_ago=601)
    out = io.StringIO()
    call_command("recover_stuck_tasks", stdout=out)
    assert out.getvalue().strip() == "Stuck tasks requeued: 1. Failed: 0."
