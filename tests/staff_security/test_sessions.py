"""Idle logout (background pings do not count), absolute lifetime, sign-out flushes."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from staff_security.sessions import LAST_SEEN_AT, SIGNED_IN_AT

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def shift_clock(client, seconds):
    """Make the session look ``seconds`` older, as if that much time had passed."""
    session = client.session
    session[SIGNED_IN_AT] -= seconds
    session[LAST_SEEN_AT] -= seconds
    session.save()


def ping_url(staff):
    # The page editor's editing-session heartbeat (wagtailadmin_editing_sessions:ping).
    return reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", "2", 0])


@pytest.fixture
def signed_in(client, staff):
    assert sign_in(client).status_code == 302
    return client


def test_signed_out_after_thirty_idle_minutes(signed_in):
    shift_clock(signed_in, 30 * 60)
    response = signed_in.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in signed_in.session


def test_still_signed_in_after_twenty_nine_minutes(signed_in):
    shift_clock(signed_in, 29 * 60)
    assert signed_in.get("/admin/").status_code == 200


def test_a_request_resets_the_idle_clock(signed_in):
    shift_clock(signed_in, 20 * 60)
    assert signed_in.get("/admin/").status_code == 200
    shift_clock(signed_in, 20 * 60)  # 40 minutes since sign-in, 20 since the last request
    assert signed_in.get("/admin/").status_code == 200


def test_editor_pings_do_not_count_as_activity(signed_in, staff):
    shift_clock(signed_in, 20 * 60)
    before = signed_in.session[LAST_SEEN_AT]
    signed_in.post(ping_url(staff), HTTP_ACCEPT="application/json")
    assert signed_in.session[LAST_SEEN_AT] == before
    shift_clock(signed_in, 10 * 60)
    assert signed_in.get("/admin/").status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_absolute_lifetime_of_twelve_hours(signed_in):
    session = signed_in.session
    session[SIGNED_IN_AT] -= 12 * 3600  # busy all day: last request just now
    session.save()
    response = signed_in.get("/admin/")
    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_sign_out_deletes_the_session(signed_in):
    key = signed_in.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    signed_in.post(reverse("wagtailadmin_logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_anonymous_sessions_are_left_alone(client, db):
    """A patient's session (no sign-in) carries no staff clock and is never flushed."""
    session = client.session
    session["patient_answer"] = "kept"
    session.save()
    client.get("/admin/login/")
    assert client.session.get("patient_answer") == "kept"
    assert SIGNED_IN_AT not in client.session


def test_a_staff_session_row_expires_with_the_absolute_limit(signed_in):
    """So the scheduled clean-up deletes an abandoned staff session after 12 hours, not 14 days."""
    row = Session.objects.get(session_key=signed_in.session.session_key)
    assert row.expire_date <= timezone.now() + timedelta(hours=12)
    assert row.expire_date > timezone.now() + timedelta(hours=11, minutes=59)


def test_the_idle_clock_is_written_at_most_once_a_minute(signed_in):
    """A page's many requests save the session once, not once each."""
    before = signed_in.session[LAST_SEEN_AT]
    assert signed_in.get("/admin/").status_code == 200
    assert signed_in.session[LAST_SEEN_AT] == before
    shift_clock(signed_in, 61)
    assert signed_in.get("/admin/").status_code == 200
    assert signed_in.session[LAST_SEEN_AT] > before - 61
