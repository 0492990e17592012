"""The intake list to work from: order, columns, assign to me, status from the list and the
inspect view, bulk actions, the seven statuses and their migration, and the audit entries."""

import datetime
import importlib
import json

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contact.admin.audit import LOG_ASSIGN, LOG_STATUS
from contact.factories import RegistrationFactory
from contact.models import Registration
from tests.contact.intake_fixtures import (
    UTC,
    bulk_url,
    index_url,
    inspect_url,
    make_user,
    set_created,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def hours_ago(hours):
    return NOW - datetime.timedelta(hours=hours)


def listed(response):
    return [registration.reference for registration in response.context["object_list"]]


# --- Order and columns -----------------------------------------------------------------------


def test_list_is_urgent_oldest_first_then_oldest_waiting(client, coordinator):
    routine_old = set_created(RegistrationFactory(), hours_ago(50))
    routine_new = set_created(RegistrationFactory(), hours_ago(1))
    urgent_new = set_created(RegistrationFactory(emergency_symptoms=True), hours_ago(2))
    urgent_old = set_created(RegistrationFactory(in_hospital_now=True), hours_ago(30))

    client.force_login(coordinator)
    assert listed(client.get(index_url())) == [
        urgent_old.reference,
        urgent_new.reference,
        routine_old.reference,
        routine_new.reference,
    ]


def test_list_columns_show_name_phone_waiting_time_in_site_zone(client, coordinator):
    registration = RegistrationFactory(first_name="Ana", last_name="Diaz", phone="+16175550123")
    # 18:09 UTC on 20 November is 1:09 p.m. Eastern Standard Time.
    set_created(registration, datetime.datetime(2026, 11, 20, 18, 9, tzinfo=UTC))

    client.force_login(coordinator)
    soup = BeautifulSoup(client.get(index_url()).content, "html.parser")
    headings = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    for heading in (
        "Reference",
        "Patient",
        "Phone",
        "Condition",
        "Urgent",
        "Status",
        "Assigned to",
        "Waiting since",
        "Last contact attempt",
    ):
        assert any(heading in text for text in headings), heading
    row = soup.select_one("table tbody tr").get_text(" ", strip=True)
    assert "Ana Diaz" in row
    assert "(617) 555-0123" in row
    assert "Nov 20, 1:09 p.m. EST" in row
    assert "None yet" in row
    assert soup.select_one("td.intake-reference")


def test_list_query_count_does_not_grow_with_rows(
    client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    RegistrationFactory.create_batch(3)
    client.get(index_url())  # warm caches (content types, site)
    with django_assert_max_num_queries(40) as few:
        client.get(index_url())
    RegistrationFactory.create_batch(20, assigned_to=coordinator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(index_url())


# --- Assign to me and status, from the list and the inspect view ------------------------------


def test_assign_to_me_from_the_list_returns_to_the_list_and_is_audited(client, coordinator):
    registration = RegistrationFactory()
    client.force_login(coordinator)
    html = client.get(index_url()).content.decode()
    assert "Assign to me" in html

    response = client.post(
        inspect_url(registration),
        {"action": "assign_to_me", "next": index_url("urgent=true")},
    )
    assert response.status_code == 302
    assert response["Location"] == index_url("urgent=true")
    registration.refresh_from_db()
    assert registration.assigned_to == coordinator
    assert registration.first_opened_at is not None
    entry = ModelLogEntry.objects.get(action=LOG_ASSIGN)
    assert entry.user == coordinator
    assert entry.label == registration.reference
    assert entry.data == {"from": None, "to": coordinator.pk}


def test_status_from_the_inspect_view_is_audited_and_finishing_stamps_closed_at(
    client, coordinator
):
    registration = RegistrationFactory()
    client.force_login(coordinator)
    response = client.post(inspect_url(registration), {"action": "status", "status": "reached"})
    assert response.status_code == 302
    assert response["Location"] == inspect_url(registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REACHED
    assert registration.closed_at is None

    client.post(inspect_url(registration), {"action": "status", "status": "referred_elsewhere"})
    registration.refresh_from_db()
    assert registration.closed_at is not None

    moves = [e.data["status"] for e in ModelLogEntry.objects.filter(action=LOG_STATUS)]
    assert {"from": "new", "to": "reached"} in moves
    assert {"from": "reached", "to": "referred_elsewhere"} in moves


def test_inspect_view_offers_the_actions(client, coordinator):
    registration = RegistrationFactory(emergency_symptoms=True)
    client.force_login(coordinator)
    html = client.get(inspect_url(registration)).content.decode()
    assert "Assign to me" in html
    assert "Set status" in html
    assert "Log contact attempt" in html
    assert "Call back first" in html


def test_unknown_status_changes_nothing(client, coordinator):
    registration = RegistrationFactory()
    client.force_login(coordinator)
    response = client.post(
        inspect_url(registration), {"action": "status", "status": "lost"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose one of the statuses." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.NEW
    assert not ModelLogEntry.objects.filter(action=LOG_STATUS).exists()


def test_actions_need_the_change_permission(client, django_user_model, editor):
    registration = RegistrationFactory()
    viewer = make_user(django_user_model, "viewer")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_registration"),
    )
    for user in (editor, viewer):
        client.force_login(user)
        response = client.post(inspect_url(registration), {"action": "assign_to_me"})
        assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.assigned_to is None


# --- Bulk actions ----------------------------------------------------------------------------


def test_bulk_status_changes_each_and_audits_each(client, coordinator):
    chosen = RegistrationFactory.create_batch(2)
    untouched = RegistrationFactory()
    client.force_login(coordinator)

    confirm = client.get(bulk_url("status", *chosen))
    assert confirm.status_code == 200
    assert chosen[0].reference in confirm.content.decode()

    response = client.post(
        bulk_url("status", *chosen, next_url=index_url()), {"status": "attempting_contact"}
    )
    assert response.status_code == 302
    assert set(Registration.objects.filter(status="attempting_contact")) == set(chosen)
    untouched.refresh_from_db()
    assert untouched.status == Registration.Status.NEW
    entries = ModelLogEntry.objects.filter(action=LOG_STATUS)
    assert {e.label for e in entries} == {r.reference for r in chosen}
    assert all(e.user == coordinator for e in entries)


def test_bulk_assign(client, coordinator, other_coordinator):
    chosen = RegistrationFactory.create_batch(3)
    client.force_login(coordinator)
    response = client.post(
        bulk_url("assign", *chosen), {"assigned_to": other_coordinator.pk}, follow=True
    )
    assert "3 registrations updated." in [str(m).strip() for m in response.context["messages"]]
    assert Registration.objects.filter(assigned_to=other_coordinator).count() == 3
    assert ModelLogEntry.objects.filter(action=LOG_ASSIGN).count() == 3


def test_bulk_assign_refuses_a_non_coordinator(client, coordinator, editor):
    chosen = RegistrationFactory.create_batch(2)
    client.force_login(coordinator)
    response = client.post(bulk_url("assign", *chosen), {"assigned_to": editor.pk})
    assert response.status_code == 200
    assert "assigned_to" in response.context["form"].errors
    assert not Registration.objects.filter(assigned_to__isnull=False).exists()


def test_bulk_actions_are_forbidden_to_editors(client, editor):
    chosen = RegistrationFactory.create_batch(2)
    client.force_login(editor)
    assert client.get(bulk_url("status", *chosen)).status_code == 403
    response = client.post(bulk_url("status", *chosen), {"status": "closed"})
    assert response.status_code == 403
    assert not Registration.objects.filter(status="closed").exists()


def test_no_patient_data_in_action_audit_entries(client, coordinator):
    registration = RegistrationFactory(first_name="Anabela", last_name="Quintero")
    client.force_login(coordinator)
    client.post(inspect_url(registration), {"action": "assign_to_me"})
    client.post(inspect_url(registration), {"action": "status", "status": "reached"})
    client.post(bulk_url("status", registration), {"status": "closed"})
    for entry in ModelLogEntry.objects.all():
        recorded = entry.label + json.dumps(entry.data)
        assert "Anabela" not in recorded
        assert "Quintero" not in recorded


# --- Statuses --------------------------------------------------------------------------------


def test_the_seven_statuses():
    assert Registration.Status.values == [
        "new",
        "attempting_contact",
        "reached",
        "scheduled",
        "referred_elsewhere",
        "not_proceeding",
        "closed",
    ]


def test_data_migration_maps_the_old_four_and_back():
    migration = importlib.import_module("contact.migrations.0007_intake_statuses_from_four")
    old = {status: RegistrationFactory() for status in ("new", "contacted", "scheduled", "closed")}
    for status, registration in old.items():
        Registration.objects.filter(pk=registration.pk).update(status=status)

    migration.remap(migration.FORWARD)(apps, None)
    assert {s: Registration.objects.get(pk=r.pk).status for s, r in old.items()} == {
        "new": "new",
        "contacted": "reached",
        "scheduled": "scheduled",
        "closed": "closed",
    }

    Registration.objects.filter(pk=old["new"].pk).update(status="not_proceeding")
    migration.remap(migration.BACKWARD)(apps, None)
    assert Registration.objects.get(pk=old["new"].pk).status == "closed"
    assert Registration.objects.get(pk=old["contacted"].pk).status == "contacted"


# --- Times in the site's zone ---------------------------------------------------------------


def test_inspect_shows_times_in_the_site_zone_with_abbreviation(client, coordinator):
    registration = set_created(
        RegistrationFactory(), datetime.datetime(2026, 11, 20, 18, 9, tzinfo=UTC)
    )
    client.force_login(coordinator)
    response = client.get(inspect_url(registration))
    values = {str(f["label"]): f["value"] for f in response.context["fields"]}
    assert values["Created at"] == "Nov 20, 2026, 1:09 p.m. EST"
    summer = set_created(RegistrationFactory(), datetime.datetime(2026, 7, 1, 16, 0, tzinfo=UTC))
    response = client.get(inspect_url(summer))
    values = {str(f["label"]): f["value"] for f in response.context["fields"]}
    assert values["Created at"] == "Jul 1, 2026, noon EDT"


def test_csv_times_in_the_site_zone_with_abbreviation(client, coordinator):
    set_created(RegistrationFactory(), datetime.datetime(2026, 11, 20, 18, 9, tzinfo=UTC))
    client.force_login(coordinator)
    response = client.get(index_url("export=csv"))
    body = b"".join(response.streaming_content).decode()
    assert "2026-11-20 13:09 EST" in body


def test_dashboard_and_bulk_urls_answer(client, coordinator):
    RegistrationFactory()
    client.force_login(coordinator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
