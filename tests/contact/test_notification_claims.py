"""Each registration email is claimed before it is sent, so no retry sends it twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from contact.factories import RegistrationFactory
from contact.tasks import send_patient_acknowledgement, send_staff_notification


@pytest.fixture
def registration(reg_site, settings):
    settings.TASKS_RUNNING_TIMEOUT_SECONDS = 600  # claims expire after 300 s
    return RegistrationFactory(email="claims.patient@example.org")


def test_send_records_and_releases_the_claim(registration):
    assert send_staff_notification(registration.pk) is True
    registration.refresh_from_db()
    assert registration.staff_notified_at is not None
    assert registration.staff_notification_claimed_at is None
    assert len(mail.outbox) == 1


def test_retry_after_a_send_that_completed_sends_nothing(registration):
    # A worker killed after the send was recorded but before its task was marked done:
    # the requeued task runs again and must not send a second copy.
    assert send_staff_notification(registration.pk) is True
    assert send_staff_notification(registration.pk) is False
    assert len(mail.outbox) == 1


def test_fresh_claim_of_another_sender_is_respected(registration):
    # Another process is in the middle of the send (claimed 10 s ago).
    registration.staff_notification_claimed_at = timezone.now() - timedelta(seconds=10)
    registration.save()
    assert send_staff_notification(registration.pk) is False
    call_command("send_pending_notifications", min_age_minutes=0, stdout=None)
    assert [m.to for m in mail.outbox] == [["claims.patient@example.org"]]  # only the other


def test_expired_claim_of_a_dead_sender_is_taken_over(registration):
    registration.staff_notification_claimed_at = timezone.now() - timedelta(seconds=301)
    registration.save()
    assert send_staff_notification(registration.pk) is True
    assert len(mail.outbox) == 1


def test_claims_are_per_email(registration):
    registration.staff_notification_claimed_at = timezone.now()
    registration.save()
    assert send_patient_acknowledgement(registration.pk) is True
    assert send_staff_notification(registration.pk) is False


def test_failed_send_releases_the_claim_for_the_next_retry(registration, settings):
    settings.EMAIL_BACKEND = "tests.contact.test_notification_claims.BrokenBackend"
    assert send_staff_notification(registration.pk) is False
    registration.refresh_from_db()
    assert registration.staff_notification_claimed_at is None
    assert registration.last_notification_error == "ConnectionRefusedError"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_staff_notification(registration.pk) is True


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError
