"""manage.py purge_registrations: closed registrations go after the retention period."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contact.admin.audit import LOG_PURGE
from contact.factories import RegistrationFactory
from contact.models import Registration

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def make(status, closed_days_ago=None, updated_days_ago=0, **kwargs):
    """A registration with closed_at and updated_at that many days in the past."""
    registration = RegistrationFactory(status=status, condition=None, **kwargs)
    now = timezone.now()
    Registration.objects.filter(pk=registration.pk).update(
        closed_at=None if closed_days_ago is None else now - closed_days_ago * DAY,
        updated_at=now - updated_days_ago * DAY,
        created_at=now - max(updated_days_ago, closed_days_ago or 0, 1) * DAY,
    )
    return registration


@pytest.fixture
def registrations(settings):
    settings.REGISTRATION_RETENTION_DAYS = 365
    closed = Registration.Status.CLOSED
    return {
        "old_closed": make(closed, closed_days_ago=400, updated_days_ago=400),
        # closed_at decides, even if the row was touched since.
        "old_closed_touched": make(closed, closed_days_ago=366, updated_days_ago=2),
        # No closed_at: updated_at stands in.
        "old_closed_no_date": make(closed, closed_days_ago=None, updated_days_ago=500),
        "recent_closed": make(closed, closed_days_ago=364, updated_days_ago=364),
        "recent_closed_no_date": make(closed, closed_days_ago=None, updated_days_ago=10),
        "old_new": make(Registration.Status.NEW, updated_days_ago=900),
        "old_contacted": make(Registration.Status.REACHED, updated_days_ago=900),
        "old_scheduled": make(Registration.Status.SCHEDULED, updated_days_ago=900),
    }


DUE = {"old_closed", "old_closed_touched", "old_closed_no_date"}


def run(*args):
    out = io.StringIO()
    call_command("purge_registrations", *args, stdout=out)
    return out.getvalue()


def remaining(registrations):
    left = set(Registration.objects.values_list("pk", flat=True))
    return {name for name, r in registrations.items() if r.pk in left}


def test_deletes_only_closed_registrations_past_retention(registrations):
    output = run()

    assert remaining(registrations) == set(registrations) - DUE
    assert "Deleted 3 closed registration(s) older than 365 days." in output


def test_writes_one_audit_entry_per_purged_registration(registrations):
    run()

    entries = ModelLogEntry.objects.filter(action=LOG_PURGE)
    assert sorted(entries.values_list("label", flat=True)) == sorted(
        registrations[name].reference for name in DUE
    )
    for entry in entries:
        assert entry.user is None
        assert entry.deleted is True
        assert entry.data == {"retention_days": 365}
        recorded = entry.label + json.dumps(entry.data)
        registration = next(r for r in registrations.values() if r.reference == entry.label)
        for secret in (registration.first_name, registration.last_name, registration.phone):
            assert secret not in recorded


def test_dry_run_deletes_nothing_and_reports_the_count(registrations):
    output = run("--dry-run")

    assert remaining(registrations) == set(registrations)
    assert "Dry run: 3 closed registration(s) older than 365 days would be deleted" in output
    assert not ModelLogEntry.objects.filter(action=LOG_PURGE).exists()


def test_retention_period_comes_from_settings(registrations, settings):
    settings.REGISTRATION_RETENTION_DAYS = 5

    output = run()

    assert remaining(registrations) == {"old_new", "old_contacted", "old_scheduled"}
    assert "Deleted 5 closed registration(s) older than 5 days." in output


def test_nothing_due(settings):
    settings.REGISTRATION_RETENTION_DAYS = 365
    kept = make(Registration.Status.CLOSED, closed_days_ago=1)

    assert "Deleted 0 closed registration(s)" in run()
    assert Registration.objects.filter(pk=kept.pk).exists()


@pytest.mark.parametrize("bad", [0, -1])
def test_refuses_a_nonsensical_retention_period(registrations, settings, bad):
    settings.REGISTRATION_RETENTION_DAYS = bad

    with pytest.raises(CommandError):
        run()
    assert remaining(registrations) == set(registrations)
