"""The emergency screening comes first, with a stop page; the confirmation is tailored."""

import re
from unittest import mock

import pytest

from contact.models import Registration
from tests.contact.flow import (
    PATIENT_NAME,
    fill_steps,
    flow_id,
    start_link,
    valid_answers,
)

pytestmark = pytest.mark.django_db

NO_URGENCY = {"emergency_symptoms": "no", "in_hospital_now": "no"}


def _send(client, site, capture):
    with capture(execute=True):
        response = client.post(site.check_url, {"flow": flow_id(client)})
    assert response.url == site.confirmation_url
    return client.get(site.confirmation_url).content.decode()


# --- The question before you start -----------------------------------------------------------


def test_the_screening_is_the_first_question_before_any_personal_details(client, reg_site):
    first_url = start_link(client.get(reg_site.url()))
    assert first_url == reg_site.step_url("urgent")
    body = client.get(first_url).content.decode()
    assert "<h1>Before you start: is this urgent?</h1>" in body
    assert "Step 1 of" in body
    # Only the two screening questions: nothing about who, names or contact details.
    form = body.split('<form class="reg-form"', 1)[1].split("</form>", 1)[0]
    names = set(re.findall(r'<input[^>]*name="([^"]+)"', form)) - {"csrfmiddlewaretoken"}
    assert names == {"emergency_symptoms", "in_hospital_now", "website"}
    # A "no" to both goes straight on to who is filling it in.
    response = client.post(first_url, NO_URGENCY)
    assert response.url == reg_site.step_url("who")
    assert client.get(reg_site.url("help-now/")).url == reg_site.url()  # no stop page


def test_an_emergency_answer_stops_with_911_and_the_number_then_lets_them_register(
    client, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers(reg_site.condition.pk, emergency="yes")
    response = client.post(reg_site.step_url("urgent"), answers["urgent"])
    stop_url = reg_site.url("help-now/")
    assert response.url == stop_url  # no answer in the URL: the stop page reads the session
    stop = client.get(stop_url)
    assert "no-store" in stop["Cache-Control"]
    body = stop.content.decode()
    assert "<h1>Call 911 now</h1>" in body
    assert 'href="tel:+18885550142"' in body
    assert f'href="{reg_site.step_url("who")}">Continue to register</a>' in body
    assert f'href="{reg_site.step_url("urgent")}">Back</a>' in body

    fill_steps(client, reg_site, answers, steps=list(answers)[1:])
    confirmation = _send(client, reg_site, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    assert registration.emergency_symptoms and registration.is_urgent
    # The urgent confirmation leads with what to do now, then the same-day promise.
    lead = confirmation.split("<h1>", 1)[1]
    assert lead.startswith("Registration sent: what to do now</h1>")
    assert lead.index("Call 911") < lead.index(registration.reference)
    assert "call you today during our opening hours" in confirmation
    assert "within one business day" not in confirmation


def test_in_hospital_only_stop_page_speaks_of_the_hospital_team(client, reg_site):
    client.post(reg_site.step_url("urgent"), {"emergency_symptoms": "no", "in_hospital_now": "yes"})
    body = client.get(reg_site.url("help-now/")).content.decode()
    assert "<h1>Tell the hospital team caring for them</h1>" in body
    assert "Call 911 now" not in body
    assert "Continue to register" in body


def test_changing_the_screening_to_an_emergency_shows_the_stop_page_then_check_answers(
    client, reg_site
):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    response = client.post(
        reg_site.step_url("urgent", change=True), {**NO_URGENCY, "emergency_symptoms": "yes"}
    )
    assert response.url == reg_site.url("help-now/")
    body = client.get(response.url).content.decode()
    assert f'href="{reg_site.check_url}">Continue to register</a>' in body


def test_the_urgent_promise_is_editable_in_registration_settings(
    client, reg_site, django_capture_on_commit_callbacks
):
    reg_settings = reg_site.registration_settings
    reg_settings.urgent_response_promise = "A nurse will call you within two hours today."
    reg_settings.save()
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk, in_hospital="yes"))
    body = _send(client, reg_site, django_capture_on_commit_callbacks)
    assert "A nurse will call you within two hours today." in body
    assert "If you are in hospital now, tell the hospital team caring for you" in body


# --- The tailored confirmation ---------------------------------------------------------------


PROMISES = {
    "phone": "A coordinator will call you within one business day.",
    "email": "A coordinator will email you within one business day.",
    "text": "A coordinator will send you a text message within one business day.",
}


@pytest.mark.parametrize(("method", "promise"), PROMISES.items())
def test_the_promise_follows_the_chosen_contact_method(
    client, reg_site, django_capture_on_commit_callbacks, method, promise
):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk, contact_method=method))
    body = _send(client, reg_site, django_capture_on_commit_callbacks)
    assert f'<p class="reg-promise"><strong>{promise}</strong></p>' in body
    for other in PROMISES.values():
        if other != promise:
            assert other not in body, other
    assert "If you gave an email address" not in body  # no hedging: we know
    assert "We have also sent your reference to the email address you gave." in body


def test_no_email_no_mention_of_an_email(client, reg_site, django_capture_on_commit_callbacks):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk, email=""))
    body = _send(client, reg_site, django_capture_on_commit_callbacks)
    assert "email address you gave" not in body


def test_what_to_have_ready_and_how_to_send_records(
    client, reg_site, django_capture_on_commit_callbacks
):
    reg_settings = reg_site.registration_settings
    reg_settings.records_address = "Medical Records, Example Health\n1 Harbor Way\nBoston, MA"
    reg_settings.save()
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    body = _send(client, reg_site, django_capture_on_commit_callbacks)
    ready = body.split("<h2>What to have ready</h2>", 1)[1].split("<h2>", 1)[0]
    for item in ("scans", "reports", "list of medicines", "insurance card"):
        assert item in ready, item
    records = body.split("<h2>How to send records</h2>", 1)[1].split("</address>", 1)[0]
    assert 'href="tel:+18885550142"' in records
    assert "Medical Records, Example Health<br>1 Harbor Way<br>Boston, MA" in records
    reference = Registration.objects.get().reference
    assert f'<p class="reg-reference reg-reference--large"><strong>{reference}' in body


def test_without_a_records_address_patients_are_asked_to_call(
    client, reg_site, django_capture_on_commit_callbacks
):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    body = _send(client, reg_site, django_capture_on_commit_callbacks)
    assert "<address" not in body
    assert "To send scans or reports before your first appointment, call" in body


def test_the_printable_version_keeps_the_privacy_rules(
    client, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers(reg_site.condition.pk, emergency="yes", caregiver=True)
    sent_at = 1_900_000_000.0
    clock = "contact.flow.sealing.time.time"
    with mock.patch(clock, return_value=sent_at - 600):
        fill_steps(client, reg_site, answers)
    with mock.patch(clock, return_value=sent_at):
        body = _send(client, reg_site, django_capture_on_commit_callbacks)
    print_url = reg_site.url("confirmation/print/")
    assert f'href="{print_url}">Printable version of this page</a>' in body
    reference = Registration.objects.get().reference
    with mock.patch(clock, return_value=sent_at + 60):
        printable = client.get(print_url)
    text = printable.content.decode()
    assert printable.status_code == 200 and "no-store" in printable["Cache-Control"]
    assert reference in text and "reg-printable" in text and "Call 911" in text
    assert PATIENT_NAME[0] not in text  # the reference and advice, never the answers
    # After 30 minutes, like the confirmation: no reference, no advice.
    with mock.patch(clock, return_value=sent_at + 30 * 60 + 1):
        late = client.get(print_url).content.decode()
    assert reference not in late and "Call 911" not in late
    # Another browser gets nothing but the start page.
    from django.test import Client

    assert Client().get(print_url).url == reg_site.url()


def test_caregiver_confirmation_speaks_of_the_patient(
    client, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers(reg_site.condition.pk, caregiver=True, in_hospital="yes")
    fill_steps(client, reg_site, answers)
    body = _send(client, reg_site, django_capture_on_commit_callbacks)
    assert "If the patient is in hospital now, tell the hospital team caring for them" in body
    assert "these about the patient to hand" in body


def test_an_emptied_promise_falls_back_to_the_default(
    client, reg_site, django_capture_on_commit_callbacks
):
    reg_settings = reg_site.registration_settings
    reg_settings.email_response_promise = ""
    reg_settings.save()
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk, contact_method="email"))
    body = _send(client, reg_site, django_capture_on_commit_callbacks)
    assert f'<p class="reg-promise"><strong>{PROMISES["email"]}</strong></p>' in body
