"""A real db_worker killed mid-send: after recovery each email has gone out exactly once.

The worker is ``manage.py db_worker`` in a subprocess (tests/contact/worker_settings.py)
against this test's database: PostgreSQL directly, or on SQLite a file copy of the in-memory
test database that is copied back for the assertions. Its mail backend writes one file per
message and, while a flag file exists, hangs before handing a message over, so the test can
SIGKILL the worker at that moment.
"""

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from email import message_from_bytes
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from contact.factories import RegistrationFactory
from contact.models import Registration
from contact.tasks import enqueue_notifications
from tests.contact.flow import INTAKE_EMAIL

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PATIENT = "recovery.patient@example.org"
TIMEOUT_SECONDS = 2
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class WorkerDatabase:
    """The database a worker subprocess sees, and how to read what it wrote."""

    def __init__(self, tmp_path):
        self.file = None
        if connection.vendor == "sqlite":
            self.file = tmp_path / "worker.sqlite3"
            self.url = f"sqlite:///{self.file}"
        else:
            db = connection.settings_dict
            auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
            host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
            self.url = f"postgres://{auth}@{host}/{db['NAME']}"

    def push(self):
        if self.file:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def pull(self):
        if self.file:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)

    def task_statuses(self):
        self.pull()
        return sorted(DBTaskResult.objects.values_list("task_path", "status"))


def start_worker(database, tmp_path, name):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.contact.worker_settings",
        "DATABASE_URL": database.url,
        "TASKS_RUNNING_TIMEOUT_SECONDS": str(TIMEOUT_SECONDS),
        "TEST_MAIL_DIR": str(tmp_path / "mail"),
        "TEST_MAIL_HANG": str(tmp_path / "hang"),
    }
    command = ["manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval=0.2"]
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, *command],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def stop(process, sig):
    process.send_signal(sig)
    process.wait(timeout=15)
    process.log.close()


def wait_for(condition, seconds, what, tmp_path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    logs = "\n".join(p.read_text() for p in tmp_path.glob("*.log"))
    pytest.fail(f"Timed out waiting for {what}. Worker output:\n{logs}")


def sent_messages(tmp_path):
    """(recipient, subject) of every message the worker handed over."""
    messages = [message_from_bytes(p.read_bytes()) for p in (tmp_path / "mail").glob("*")]
    return sorted((m["To"], m["Subject"]) for m in messages)


def test_worker_killed_mid_send_email_goes_out_once(reg_site, tmp_path, settings):
    settings.TASKS = DB_TASKS
    registration = RegistrationFactory(email=PATIENT)
    enqueue_notifications(registration.pk)
    assert DBTaskResult.objects.ready().count() == 2
    database = WorkerDatabase(tmp_path)
    database.push()
    (tmp_path / "mail").mkdir()
    (tmp_path / "hang").touch()

    first = start_worker(database, tmp_path, "first")
    try:
        wait_for((tmp_path / "hang.sending").exists, 30, "the first send to start", tmp_path)
    finally:
        stop(first, signal.SIGKILL)

    # Killed before the hand-off: nothing sent, the staff task stuck in "running".
    assert sent_messages(tmp_path) == []
    assert database.task_statuses() == [
        ("contact.tasks.acknowledge_patient", TaskResultStatus.READY),
        ("contact.tasks.notify_staff", TaskResultStatus.RUNNING),
    ]
    registration.refresh_from_db()
    assert registration.staff_notified_at is None
    assert registration.staff_notification_claimed_at is not None

    # A second worker (mail works again) finds the stuck task once the timeout has passed.
    (tmp_path / "hang").unlink()
    second = start_worker(database, tmp_path, "second")
    try:
        wait_for(
            lambda: (
                {status for _, status in database.task_statuses()} == {TaskResultStatus.SUCCESSFUL}
            ),
            40,
            "both tasks to succeed",
            tmp_path,
        )
        time.sleep(TIMEOUT_SECONDS)  # another recovery round: still nothing more to send
    finally:
        stop(second, signal.SIGTERM)
    database.pull()

    messages = sent_messages(tmp_path)
    assert [to for to, _ in messages] == [INTAKE_EMAIL, PATIENT]
    staff_task = DBTaskResult.objects.get(task_path="contact.tasks.notify_staff")
    assert len(staff_task.worker_ids) == 2  # the killed worker's claim, then the retry
    assert staff_task.return_value is True
    registration.refresh_from_db()
    assert registration.staff_notified_at is not None
    assert registration.patient_acknowledged_at is not None
    assert registration.staff_notification_claimed_at is None
    assert not registration.notification_pending

    # The scheduled job finds nothing left to send either.
    call_command("send_pending_notifications", min_age_minutes=0, stdout=io.StringIO())
    assert mail.outbox == []
    assert Registration.objects.notification_pending().count() == 0
