"""The call log: attempts added from the inspect view, newest first, audited, exported; the
first successful one sets first_contacted_at."""

import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contact.admin import actions
from contact.admin.audit import LOG_CONTACT_ATTEMPT
from contact.factories import RegistrationFactory
from contact.models import ContactAttempt
from tests.contact.intake_fixtures import UTC, index_url, inspect_url

pytestmark = pytest.mark.django_db


def log_call(client, registration, **data):
    payload = {"action": "contact_attempt", "method": "phone", "outcome": "no_answer", "note": ""}
    payload.update(data)
    return client.post(inspect_url(registration), payload)


def test_logging_a_call_adds_a_row_and_an_audit_entry_without_the_note(client, coordinator):
    registration = RegistrationFactory()
    client.force_login(coordinator)
    response = log_call(client, registration, outcome="left_message", note="Asked for Ana Diaz")
    assert response.status_code == 302
    assert response["Location"] == inspect_url(registration)

    attempt = ContactAttempt.objects.get()
    assert attempt.registration == registration
    assert attempt.made_by == coordinator
    assert attempt.outcome == "left_message"
    assert attempt.note == "Asked for Ana Diaz"
    registration.refresh_from_db()
    assert registration.last_contact_attempt_at == attempt.made_at
    assert registration.first_contacted_at is None  # a message is not contact

    entry = ModelLogEntry.objects.get(action=LOG_CONTACT_ATTEMPT)
    assert entry.user == coordinator
    assert entry.label == registration.reference
    assert entry.data == {"attempt": attempt.pk, "method": "phone", "outcome": "left_message"}
    assert "Ana" not in json.dumps(entry.data)


def test_first_successful_contact_sets_first_contacted_at_once(coordinator):
    registration = RegistrationFactory()
    start = timezone.now()
    actions.record_contact_attempt(
        registration, coordinator, method="phone", outcome="no_answer", made_at=start
    )
    assert registration.first_contacted_at is None
    reached = start + datetime.timedelta(hours=2)
    actions.record_contact_attempt(
        registration, coordinator, method="phone", outcome="reached", made_at=reached
    )
    actions.record_contact_attempt(
        registration,
        coordinator,
        method="email",
        outcome="reached",
        made_at=reached + datetime.timedelta(days=1),
    )
    registration.refresh_from_db()
    assert registration.first_contacted_at == reached
    assert registration.last_contact_attempt_at == reached + datetime.timedelta(days=1)


def test_inspect_lists_attempts_newest_first_in_the_site_zone(client, coordinator):
    registration = RegistrationFactory()
    for hour, outcome in ((14, "no_answer"), (16, "wrong_number"), (15, "left_message")):
        actions.record_contact_attempt(
            registration,
            coordinator,
            method="phone",
            outcome=outcome,
            made_at=datetime.datetime(2026, 11, 20, hour, 0, tzinfo=UTC),
        )
    client.force_login(coordinator)
    soup = BeautifulSoup(client.get(inspect_url(registration)).content, "html.parser")
    rows = [
        row.get_text(" ", strip=True) for row in soup.select(".intake-call-log__table tbody tr")
    ]
    assert [row.split(" Coordinator")[0] for row in rows] == [
        "Nov 20, 2026, 11 a.m. EST",
        "Nov 20, 2026, 10 a.m. EST",
        "Nov 20, 2026, 9 a.m. EST",
    ]
    assert "Wrong number" in rows[0]


def test_an_attempt_without_outcome_is_refused_next_to_the_field(client, coordinator):
    registration = RegistrationFactory()
    client.force_login(coordinator)
    response = log_call(client, registration, outcome="", note="kept")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select the outcome of the attempt." in html
    assert "The contact attempt was not saved" in html
    assert not ContactAttempt.objects.exists()
    assert not ModelLogEntry.objects.filter(action=LOG_CONTACT_ATTEMPT).exists()


def test_editors_cannot_log_calls(client, editor):
    registration = RegistrationFactory()
    client.force_login(editor)
    assert log_call(client, registration).status_code == 403
    assert not ContactAttempt.objects.exists()


def test_the_call_log_is_in_the_csv_export(client, coordinator):
    registration = RegistrationFactory()
    actions.record_contact_attempt(
        registration,
        coordinator,
        method="phone",
        outcome="reached",
        note="Booked for Monday",
        made_at=datetime.datetime(2026, 11, 20, 18, 9, tzinfo=UTC),
    )
    client.force_login(coordinator)
    response = client.get(index_url("export=csv"))
    row = next(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert row["Contact attempts"] == "1"
    assert row["First contacted"] == "2026-11-20 13:09 EST"
    assert row["Call log (newest first)"] == (
        "2026-11-20 13:09 EST, Phone call, Reached, Coordinator Staff: Booked for Monday"
    )
