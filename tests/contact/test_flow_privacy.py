"""No patient answers left behind: encrypted in the session, no session before the first
answer, a browser-session cookie, abandoned rows deleted by the scheduled job, and a
confirmation that can be seen again only briefly."""

import base64
import json
import zlib
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from contact.flow.sealing import seal, unseal
from contact.models import Registration
from core.sessions import SessionStore
from core.tasks import delete_expired_sessions
from tests.contact.flow import (
    PATIENT_EMAIL,
    PATIENT_MESSAGE,
    PATIENT_NAME,
    PATIENT_PHONE,
    PATIENT_TREATMENT,
    STEPS,
    fill_steps,
    flow_id,
    session_flow,
    start_link,
    valid_answers,
)

pytestmark = pytest.mark.django_db

ANSWERS = [*PATIENT_NAME, PATIENT_PHONE, PATIENT_EMAIL, PATIENT_MESSAGE, PATIENT_TREATMENT]
ANSWERS += ["Dr. Hallam", "Acme Health", "02115", "1958", "Brexlorin"]
EMERGENCY_ADVICE = "Call 911 or go to the nearest emergency department now"


def _raw_payload(session_data):
    """What anyone reading the table sees without the key: Django's signed (not encrypted)
    base64, zlib-compressed when that is shorter."""
    payload = session_data.split(":")[0]
    compressed = payload.startswith(".")
    payload = payload.lstrip(".")
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return (zlib.decompress(data) if compressed else data).decode()


def _every_session_row_text():
    rows = list(Session.objects.all())
    assert rows
    texts = []
    for row in rows:
        decoded = SessionStore().decode(row.session_data)  # with the key, as the site does
        assert decoded
        texts += [row.session_data, _raw_payload(row.session_data), json.dumps(decoded)]
    return "\n".join(texts)


def test_no_readable_patient_value_in_any_session_row(client, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers)
    # A step with an error keeps what was typed as a draft: that is encrypted too.
    client.post(
        reg_site.step_url("medical", change=True),
        {**answers["medical"], "current_treatment": "Brexlorin " + "x" * 2000},
    )
    assert session_flow(client)["drafts"]["medical"]  # the draft is really there
    stored = _every_session_row_text()
    for value in ANSWERS:
        assert value not in stored, value
    # The session holds a Fernet token, which the site's key opens.
    flow = session_flow(client)
    assert flow["answers"]["patient"]["first_name"] == PATIENT_NAME[0]


def test_no_readable_value_after_sending_either(
    client, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers(reg_site.condition.pk)
    answers["urgent"].update(emergency_symptoms="yes")
    fill_steps(client, reg_site, answers)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reg_site.check_url, {"flow": flow_id(client)})
    reference = Registration.objects.get().reference
    stored = _every_session_row_text()
    for value in [*ANSWERS, reference, "emergency"]:
        assert value not in stored, value


def test_the_key_comes_from_secret_key_and_rotates_with_its_fallbacks(settings):
    settings.SECRET_KEY = "old-key-" + "x" * 50
    token = seal({"answer": "Zelphine"})
    settings.SECRET_KEY = "new-key-" + "y" * 50
    assert unseal(token) is None  # another key: no flow, never an error
    settings.SECRET_KEY_FALLBACKS = ["old-key-" + "x" * 50]
    assert unseal(token) == {"answer": "Zelphine"}
    assert unseal(token[:-4] + "AAAA") is None  # tampered
    assert unseal("not a token") is None and unseal(None) is None


# --- No session before the first answer -----------------------------------------------------


def test_cookie_less_gets_of_the_start_and_first_step_write_no_session(reg_site):
    before = Session.objects.count()
    for _ in range(5):
        browser = Client()  # no cookies: a bot, or a first visit
        start = browser.get(reg_site.url(f"?condition={reg_site.condition.pk}"))
        assert start.status_code == 200
        browser.get(reg_site.url(), HTTP_REFERER=f"http://testserver{reg_site.condition.url}")
        first = browser.get(start_link(start))
        assert first.status_code == 200
        assert browser.get(reg_site.step_url("who")).status_code == 302
        assert browser.get(reg_site.step_url("patient")).status_code == 302
        assert "sessionid" not in browser.cookies
    assert Session.objects.count() == before
    # The first answer creates the one row, and where the patient came from is kept.
    browser = Client()
    start = browser.get(reg_site.url(f"?condition={reg_site.condition.pk}"))
    browser.post(start_link(start), {"submitted_by": "patient"})
    assert Session.objects.count() == before + 1
    flow = session_flow(browser)
    assert flow["condition"] == reg_site.condition.pk
    assert flow["source_page"] == reg_site.condition.pk


def test_a_tampered_entry_token_is_ignored(client, reg_site):
    start = client.get(reg_site.url(f"?condition={reg_site.condition.pk}"))
    url = start_link(start)
    response = client.post(url[:-3] + "abc", {"submitted_by": "patient"})
    assert response.status_code == 302
    assert session_flow(client)["condition"] is None


# --- Browser-session cookie and the scheduled clean-up --------------------------------------


def test_the_flow_cookie_ends_with_the_browser(
    client, reg_site, settings, django_capture_on_commit_callbacks
):
    responses = [
        client.post(reg_site.step_url(slug), valid_answers(reg_site.condition.pk)[slug])
        for slug in STEPS
    ]
    with django_capture_on_commit_callbacks(execute=True):
        responses.append(client.post(reg_site.check_url, {"flow": flow_id(client)}))
    for response in responses:
        cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is not None:
            assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_an_abandoned_flows_session_row_is_deleted_by_the_scheduled_job(reg_site, settings):
    settings.REGISTRATION_FLOW_MAX_AGE_SECONDS = 4 * 3600
    abandoned, active = Client(), Client()
    fill_steps(abandoned, reg_site, valid_answers(reg_site.condition.pk), steps=STEPS[:2])
    abandoned_key = abandoned.cookies[settings.SESSION_COOKIE_NAME].value
    later = timezone.now() + timedelta(hours=4, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        fill_steps(active, reg_site, valid_answers(reg_site.condition.pk), steps=STEPS[:1])
        deleted = delete_expired_sessions.call()
    assert deleted == 1
    assert not Session.objects.filter(session_key=abandoned_key).exists()
    active_key = active.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=active_key).exists()


# --- Confirmation: this browser session, 30 minutes ----------------------------------------


def test_confirmation_shown_again_for_30_minutes_then_a_neutral_page(
    client, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers(reg_site.condition.pk)
    answers["urgent"].update(emergency_symptoms="yes")
    sent_at = 1_900_000_000.0
    clock = "contact.flow.sealing.time.time"
    with mock.patch(clock, return_value=sent_at - 600):
        fill_steps(client, reg_site, answers)
    with mock.patch(clock, return_value=sent_at), django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reg_site.check_url, {"flow": flow_id(client)})
    assert sent.url == reg_site.confirmation_url
    reference = Registration.objects.get().reference
    posted_flow = {"flow": unseal(client.session["registration_done"])["flow"]}

    with mock.patch(clock, return_value=sent_at + 29 * 60):
        body = client.get(reg_site.confirmation_url).content.decode()
    assert reference in body and EMERGENCY_ADVICE in body

    # Another browser session (the cookie ended with the browser) sees nothing.
    with mock.patch(clock, return_value=sent_at + 60):
        elsewhere = Client().get(reg_site.confirmation_url)
    assert elsewhere.status_code == 302 and elsewhere.url == reg_site.url()

    with mock.patch(clock, return_value=sent_at + 30 * 60 + 1):
        late = client.get(reg_site.confirmation_url)
        resent = client.post(reg_site.check_url, posted_flow)
    body = late.content.decode()
    assert late.status_code == 200 and "Registration sent" in body
    assert reference not in body and EMERGENCY_ADVICE not in body
    assert "no longer shown" in body
    assert resent.url == reg_site.confirmation_url  # a resent form: still no 429, no new row
    assert Registration.objects.count() == 1
    # The reference has left the session for good, whatever the clock says next.
    assert set(unseal(client.session["registration_done"])) == {"flow", "at"}
    with mock.patch(clock, return_value=sent_at + 60):
        assert reference not in client.get(reg_site.confirmation_url).content.decode()
