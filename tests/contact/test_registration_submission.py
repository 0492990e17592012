"""Submitting: exactly one registration, abuse handling, notifications that survive outages."""

import io
import logging
import smtplib
import time
import uuid
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import NoReverseMatch

from contact import emails
from contact.factories import RegistrationFactory
from contact.models import Registration
from tests.contact.flow import (
    INTAKE_EMAIL,
    PATIENT_EMAIL,
    PATIENT_MESSAGE,
    PATIENT_NAME,
    PATIENT_TREATMENT,
    STEPS,
    fill_steps,
    flow_id,
    flow_token,
    session_flow,
    store_flow,
    submit,
    valid_answers,
)

pytestmark = pytest.mark.django_db

LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture
def filled(client, reg_site):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    return client


def submit_committed(client, site, capture, **kwargs):
    with capture(execute=True):
        return submit(client, site, **kwargs)


# --- Exactly one registration ----------------------------------------------------------------


def test_double_submit_creates_one_registration(
    filled, reg_site, django_capture_on_commit_callbacks
):
    flow = flow_id(filled)
    first = submit_committed(filled, reg_site, django_capture_on_commit_callbacks, flow=flow)
    second = submit_committed(filled, reg_site, django_capture_on_commit_callbacks, flow=flow)
    assert first.url == second.url == reg_site.confirmation_url
    registration = Registration.objects.get()
    assert registration.reference in filled.get(second.url).content.decode()
    assert len(mail.outbox) == 2  # one staff notification, one acknowledgement: not four


def test_replayed_post_after_session_restored(client, reg_site, django_capture_on_commit_callbacks):
    """A copy of the session from before the submit (e.g. a replayed cookie) finds the row."""
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    saved_flow = session_flow(client)
    submit_committed(client, reg_site, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()

    session = client.session
    session.pop("registration_done")
    session.save()
    store_flow(client, saved_flow)
    replay = submit_committed(
        client, reg_site, django_capture_on_commit_callbacks, flow=saved_flow["id"]
    )
    assert replay.url == reg_site.confirmation_url
    assert Registration.objects.count() == 1
    assert registration.reference in client.get(replay.url).content.decode()


def test_existing_token_shows_existing_confirmation(
    filled, reg_site, django_capture_on_commit_callbacks
):
    existing = RegistrationFactory(submission_token=uuid.UUID(flow_token(filled)))
    response = submit_committed(filled, reg_site, django_capture_on_commit_callbacks)
    assert response.url == reg_site.confirmation_url
    assert Registration.objects.count() == 1
    assert existing.reference in filled.get(response.url).content.decode()


def test_integrity_error_from_a_concurrent_submit(
    filled, reg_site, django_capture_on_commit_callbacks
):
    """Another request commits the same token between our check and our insert."""
    from contact import services

    token = uuid.UUID(flow_token(filled))
    real_build = services.build_registration
    competitor = {}

    def build_after_a_competitor(bound_forms, flow):
        if not competitor:
            competitor["row"] = RegistrationFactory(submission_token=token)
        return real_build(bound_forms, flow)

    with mock.patch.object(services, "build_registration", build_after_a_competitor):
        response = submit_committed(filled, reg_site, django_capture_on_commit_callbacks)
    assert response.url == reg_site.confirmation_url
    assert Registration.objects.get().pk == competitor["row"].pk
    assert competitor["row"].reference in filled.get(response.url).content.decode()


def test_reference_collision_is_retried(filled, reg_site, django_capture_on_commit_callbacks):
    taken = RegistrationFactory(reference="NP-AAAA-AAAA")
    references = iter(["NP-AAAA-AAAA", "NP-BBBB-BBBB"])
    field = Registration._meta.get_field("reference")
    with mock.patch.object(field, "_get_default", lambda: next(references)):
        submit_committed(filled, reg_site, django_capture_on_commit_callbacks)
    new = Registration.objects.exclude(pk=taken.pk).get()
    assert new.reference == "NP-BBBB-BBBB"


def test_two_tabs_share_one_flow(client, reg_site, django_capture_on_commit_callbacks):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    tab_a = client.get(reg_site.check_url).content.decode()
    tab_b = client.get(reg_site.check_url).content.decode()
    flow = flow_id(client)
    assert f'value="{flow}"' in tab_a and f'value="{flow}"' in tab_b
    submit_committed(client, reg_site, django_capture_on_commit_callbacks, flow=flow)
    submit_committed(client, reg_site, django_capture_on_commit_callbacks, flow=flow)
    assert Registration.objects.count() == 1


def test_stale_flow_id_does_not_submit(filled, reg_site, django_capture_on_commit_callbacks):
    response = submit_committed(filled, reg_site, django_capture_on_commit_callbacks, flow="old")
    assert response.url == reg_site.check_url
    assert Registration.objects.count() == 0


def test_submit_without_a_flow_goes_to_start(client, reg_site):
    response = client.post(reg_site.check_url, {"flow": "anything"})
    assert response.status_code == 302 and response.url == reg_site.url() + "?expired=1"
    assert Registration.objects.count() == 0


def test_reference_is_unguessable_and_readable(
    filled, reg_site, django_capture_on_commit_callbacks
):
    submit_committed(filled, reg_site, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    assert registration.reference.startswith("NP-")
    assert str(registration.pk) not in registration.reference.replace("NP-", "")
    assert not set(registration.reference) & set("01OIL")


# --- Bots and abuse ------------------------------------------------------------------------


@pytest.mark.parametrize("slug", STEPS)
def test_honeypot_discards_silently(client, reg_site, slug):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=STEPS[: STEPS.index(slug)])
    response = client.post(reg_site.step_url(slug), {**answers[slug], "website": "http://spam"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Thank you</h1>" in body
    assert "error" not in body.lower().split("<main")[1]
    # A person caught by mistake is not told they are registered, and is given the number.
    main = body.split("<main")[1]
    assert "could not give you a registration reference" in main
    assert reg_site.registration_page.response_time_promise not in main
    assert 'href="tel:+18885550142"' in main
    assert "registration_flow" not in client.session
    assert Registration.objects.count() == 0


def test_honeypot_is_labelled_and_out_of_the_tab_order(client, reg_site):
    body = client.get(reg_site.step_url("urgent")).content.decode()
    assert '<label for="id_website">Leave this field empty</label>' in body
    assert (
        '<input type="text" name="website" autocomplete="off" tabindex="-1" maxlength="200" '
        'id="id_website">' in body
    )
    # Off screen (never display:none, which some bots skip), by registration.css: the
    # Content-Security-Policy allows no inline style.
    assert '<div class="reg-hp">' in body
    assert "css/registration.css" in body
    import re
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/registration.css")).read_text()
    rule = re.search(r"\.reg-hp \{([^}]*)\}", css).group(1)
    assert "position: absolute;" in rule and "left: -10000px;" in rule


def test_too_fast_submission_discarded_silently(
    filled, reg_site, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_MIN_FILL_SECONDS = 60
    response = submit_committed(filled, reg_site, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "<h1>Thank you</h1>" in response.content.decode()
    assert Registration.objects.count() == 0
    assert "registration_flow" not in filled.session
    assert mail.outbox == []


def test_fill_time_measured_from_signed_server_side_start(
    filled, reg_site, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_MIN_FILL_SECONDS = 60
    # Posting a start time from the client changes nothing: it is not read from the request.
    later = time.time() + 61
    with mock.patch("contact.flow.sealing.time.time", return_value=later):
        response = submit(filled, reg_site)
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_tampered_start_time_discards_the_flow(filled, reg_site, settings):
    flow = session_flow(filled)
    flow["started"] = flow["started"][:-2] + "xx"
    store_flow(filled, flow)
    response = submit(filled, reg_site)
    assert response.status_code == 302 and response.url == reg_site.url() + "?expired=1"
    assert Registration.objects.count() == 0


def _complete_flow(client, site, capture, ip="203.0.113.7", **extra):
    fill_steps(client, site, valid_answers(site.condition.pk))
    with capture(execute=True):
        return client.post(site.check_url, {"flow": flow_id(client)}, REMOTE_ADDR=ip, **extra)


def test_rate_limit_per_client(client, reg_site, settings, django_capture_on_commit_callbacks):
    settings.REGISTRATION_RATE_LIMIT = 2
    for _ in range(2):
        assert (
            _complete_flow(client, reg_site, django_capture_on_commit_callbacks).status_code == 302
        )
    limited = _complete_flow(client, reg_site, django_capture_on_commit_callbacks)
    assert limited.status_code == 429
    body = limited.content.decode()
    assert "Please try again later" in body
    assert 'href="tel:+18885550142"' in body
    assert Registration.objects.count() == 2
    # The answers are kept so the patient can send them later.
    assert "registration_flow" in client.session
    # Another address is not affected.
    other = client.post(reg_site.check_url, {"flow": flow_id(client)}, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302
    assert Registration.objects.count() == 3


def test_rate_limit_window_expires(client, reg_site, settings, django_capture_on_commit_callbacks):
    settings.REGISTRATION_RATE_LIMIT = 1
    settings.REGISTRATION_RATE_WINDOW_SECONDS = 3600
    assert _complete_flow(client, reg_site, django_capture_on_commit_callbacks).status_code == 302
    assert _complete_flow(client, reg_site, django_capture_on_commit_callbacks).status_code == 429
    an_hour_later = time.time() + 3601
    with mock.patch("time.time", return_value=an_hour_later):
        response = client.post(
            reg_site.check_url, {"flow": flow_id(client)}, REMOTE_ADDR="203.0.113.7"
        )
    assert response.status_code == 302
    assert Registration.objects.count() == 2


def test_forwarded_for_only_trusted_when_configured(
    client, reg_site, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT = 1
    spoof = {"HTTP_X_FORWARDED_FOR": "192.0.2.1"}
    assert (
        _complete_flow(client, reg_site, django_capture_on_commit_callbacks, **spoof).status_code
        == 302
    )
    # Changing a spoofable header does not reset the count while no proxy is trusted.
    spoof = {"HTTP_X_FORWARDED_FOR": "192.0.2.2"}
    assert (
        _complete_flow(client, reg_site, django_capture_on_commit_callbacks, **spoof).status_code
        == 429
    )
    settings.REGISTRATION_TRUSTED_PROXY_COUNT = 1
    spoof = {"HTTP_X_FORWARDED_FOR": "192.0.2.3"}
    response = client.post(
        reg_site.check_url, {"flow": flow_id(client)}, REMOTE_ADDR="203.0.113.7", **spoof
    )
    assert response.status_code == 302


def test_rate_limit_cache_outage_does_not_lose_registrations(
    filled, reg_site, django_capture_on_commit_callbacks
):
    with mock.patch("contact.ratelimit.cache.add", side_effect=ConnectionError("down")):
        response = submit_committed(filled, reg_site, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_rate_limit_key_holds_no_ip_address(filled, reg_site, django_capture_on_commit_callbacks):
    with mock.patch("contact.ratelimit.cache.add", wraps=cache.add) as add:
        submit_committed(filled, reg_site, django_capture_on_commit_callbacks)
    keys = [call.args[0] for call in add.call_args_list]
    assert keys and all(key.startswith("registration-rate") for key in keys)
    assert not any("127.0.0.1" in key for key in keys)


# --- Notifications -------------------------------------------------------------------------


PHI_STRINGS = [
    *PATIENT_NAME,
    "Orlanda",
    "1958",
    "March 27",
    "3/27",
    "5550123",
    "555-0123",
    "617",
    PATIENT_EMAIL,
    PATIENT_MESSAGE,
    PATIENT_TREATMENT,
    "Spinal metastases",
    "Acme Health",
    "Hallam",
    "02115",
]


def assert_no_phi(text):
    for value in PHI_STRINGS:
        assert value.lower() not in text.lower(), value


def test_emails_carry_reference_and_link_only(client, reg_site, django_capture_on_commit_callbacks):
    answers = valid_answers(reg_site.condition.pk, caregiver=True)
    fill_steps(client, reg_site, answers)
    submit_committed(client, reg_site, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    staff, patient = sorted(mail.outbox, key=lambda message: message.to != [INTAKE_EMAIL])
    assert staff.to == [INTAKE_EMAIL]
    assert registration.reference in staff.subject and registration.reference in staff.body
    assert f"http://testserver/admin/registrations/inspect/{registration.pk}/" in staff.body
    assert patient.to == [PATIENT_EMAIL]
    assert registration.reference in patient.body
    assert "A coordinator will call you within one business day." in patient.body
    assert "1-888-555-0142" in patient.body
    for message in mail.outbox:
        assert_no_phi(message.subject + "\n" + message.body)
        assert not message.attachments


def test_no_acknowledgement_without_an_email(client, reg_site, django_capture_on_commit_callbacks):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk, email=""))
    submit_committed(client, reg_site, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [[INTAKE_EMAIL]]
    registration = Registration.objects.get()
    assert registration.patient_acknowledged_at is None
    assert not registration.notification_pending


def test_admin_link_falls_back_when_admin_view_missing(db):
    registration = RegistrationFactory()
    with mock.patch("contact.emails.reverse", side_effect=NoReverseMatch):
        assert emails.admin_url(registration) == "http://testserver/admin/registrations/"


def test_mail_outage_keeps_registration_and_retries_later(
    client, reg_site, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    with mock.patch(LOCMEM_SEND, side_effect=smtplib.SMTPException("451 try later")):
        response = submit_committed(client, reg_site, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reg_site.confirmation_url
    confirmation = client.get(response.url)
    registration = Registration.objects.get()
    assert registration.reference in confirmation.content.decode()
    assert registration.staff_notified_at is None
    assert registration.patient_acknowledged_at is None
    assert registration.notification_pending
    assert registration.last_notification_error == "SMTPException"
    assert registration.notification_attempts == 2
    assert mail.outbox == []
    assert registration.reference in caplog.text  # staff can trace it, by reference only

    # Too new for the default minimum age: the first send may still be queued.
    call_command("send_pending_notifications")
    assert mail.outbox == []

    out = io.StringIO()
    call_command("send_pending_notifications", min_age_minutes=0, stdout=out)
    registration.refresh_from_db()
    assert registration.staff_notified_at is not None
    assert registration.patient_acknowledged_at is not None
    assert not registration.notification_pending
    assert sorted(message.to[0] for message in mail.outbox) == [INTAKE_EMAIL, PATIENT_EMAIL]
    assert "Staff notifications sent: 1. Patient acknowledgements sent: 1." in out.getvalue()
    assert_no_phi(out.getvalue())

    # Nothing is sent twice.
    call_command("send_pending_notifications", min_age_minutes=0, stdout=out)
    assert len(mail.outbox) == 2
    assert_no_phi(caplog.text)


def test_missing_intake_address_leaves_notification_pending(
    client, reg_site, django_capture_on_commit_callbacks
):
    reg_site.registration_settings.intake_notification_email = ""
    reg_site.registration_settings.save()
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk, email=""))
    response = submit_committed(client, reg_site, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.notification_pending
    assert registration.last_notification_error == "NoRecipient"


def test_queue_outage_does_not_fail_the_request(
    filled, reg_site, django_capture_on_commit_callbacks
):
    broken = mock.Mock(**{"enqueue.side_effect": RuntimeError("queue down")})
    with mock.patch("contact.tasks.notify_staff", broken):
        response = submit_committed(filled, reg_site, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Registration.objects.get().staff_notified_at is None


def test_command_can_enqueue_for_the_worker(reg_site):
    registration = RegistrationFactory(email="")
    out = io.StringIO()
    call_command("send_pending_notifications", min_age_minutes=0, enqueue=True, stdout=out)
    assert "Queued: 1." in out.getvalue()
    # The test settings run queued tasks immediately, so the notification went out.
    registration.refresh_from_db()
    assert registration.staff_notified_at is not None
    assert [message.to for message in mail.outbox] == [[INTAKE_EMAIL]]


def test_notifications_wait_for_commit(filled, reg_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(filled, reg_site)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_nothing_logged_contains_patient_data(
    client, reg_site, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=["urgent", "who"])
    client.post(reg_site.step_url("patient"), {**answers["patient"], "dob_year": "2999"})
    fill_steps(client, reg_site, answers, steps=STEPS[2:])
    with mock.patch(
        LOCMEM_SEND, side_effect=smtplib.SMTPRecipientsRefused({PATIENT_EMAIL: (550, b"no")})
    ):
        submit_committed(client, reg_site, django_capture_on_commit_callbacks)
    assert Registration.objects.count() == 1
    assert caplog.records  # the failed send was logged...
    assert_no_phi(caplog.text)  # ...without the address the SMTP error quoted
    for record in caplog.records:
        assert_no_phi(str(record.args))
