"""The session engine's browser-session cookies and the scheduled session clean-up."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.apps import schedule_upkeep
from core.sessions import SessionStore, end_with_browser
from core.tasks import delete_expired_sessions, schedule_session_cleanup

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_browser_session_has_no_cookie_lifetime_and_a_short_row(settings):
    session = SessionStore()
    session["x"] = 1
    assert not session.get_expire_at_browser_close()
    assert session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    end_with_browser(session, 1800)
    assert session.get_expire_at_browser_close()
    assert session.get_expiry_age() == 1800
    session.save()
    row = Session.objects.get(session_key=session.session_key)
    assert 1790 < (row.expire_date - timezone.now()).total_seconds() <= 1800


def test_signing_in_keeps_djangos_usual_lifetime(settings):
    """A staff member who signs in where a flow was started keeps staff session rules."""
    session = SessionStore()
    end_with_browser(session, 1800)
    session[SESSION_KEY] = "1"
    assert not session.get_expire_at_browser_close()
    assert session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_the_job_deletes_expired_rows_only():
    expired, current = SessionStore(), SessionStore()
    for session in (expired, current):
        session["x"] = 1
        end_with_browser(session, 60)
    expired.save()
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1)):
        current.save()
        assert delete_expired_sessions.call() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


def _waiting_runs():
    return DBTaskResult.objects.filter(
        task_path="core.tasks.delete_expired_sessions", status=TaskResultStatus.READY
    )


def test_the_worker_keeps_the_job_scheduled(settings):
    settings.TASKS = DB_TASKS
    settings.SESSION_CLEANUP_INTERVAL_SECONDS = 900
    schedule_upkeep(sender=None)  # what migrate does
    first = _waiting_runs().get()
    assert abs((first.run_after - timezone.now()).total_seconds()) < 5  # due at once
    schedule_upkeep(sender=None)
    schedule_session_cleanup()
    assert _waiting_runs().count() == 1  # never queued twice

    # The worker runs it: the next run is queued an interval later, before the work is done.
    DBTaskResult.objects.filter(pk=first.pk).update(status=TaskResultStatus.RUNNING)
    with (
        mock.patch("core.tasks.delete_expired_session_rows", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        delete_expired_sessions.call()
    following = _waiting_runs().get()
    assert 890 < (following.run_after - timezone.now()).total_seconds() <= 900


def test_an_in_process_backend_schedules_nothing():
    # Development and tests run tasks at once: a self-scheduling job would never end.
    assert schedule_session_cleanup() is None
    assert delete_expired_sessions.call() == 0
