"""The registration flow end to end with Django's test client: paths through the steps."""

import html
import re
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

from conditions.factories import ConditionPageFactory
from contact.models import Registration
from tests.contact.flow import (
    PATIENT_EMAIL,
    PATIENT_NAME,
    PATIENT_PHONE_E164,
    STEPS,
    fill_steps,
    flow_id,
    session_done,
    session_flow,
    start_link,
    steps_before,
    submit,
    valid_answers,
)

pytestmark = pytest.mark.django_db


def _submit_and_follow(client, site, capture):
    with capture(execute=True):
        response = submit(client, site)
    assert response.status_code == 302
    assert response.url == site.confirmation_url
    return client.get(response.url)


def test_patient_happy_path_from_a_condition_page(
    client, reg_site, django_capture_on_commit_callbacks
):
    condition = reg_site.condition
    start = client.get(reg_site.url(f"?condition={condition.pk}"))
    assert start.status_code == 200
    first_url = start_link(start)
    assert first_url.startswith(reg_site.step_url("urgent") + "?entry=")

    medical = None
    answers = valid_answers(condition.pk)
    for slug in STEPS:
        url = first_url if slug == "urgent" else reg_site.step_url(slug)
        page = client.get(url)
        assert page.status_code == 200
        if slug == "medical":
            medical = page.content.decode()
        response = client.post(url, answers[slug])
        assert response.status_code == 302
    # The condition arrives preselected from the ?condition= link.
    assert re.search(
        rf'<option value="{condition.pk}" selected>Spinal metastases</option>', medical
    )
    assert response.url == reg_site.check_url

    check = client.get(reg_site.check_url)
    assert check.status_code == 200
    assert "Check your answers" in check.content.decode()

    confirmation = _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    body = confirmation.content.decode()
    assert registration.reference in body
    assert "A coordinator will call you within one business day." in body
    assert 'href="tel:+18885550142"' in body

    assert registration.submitted_by == "patient"
    assert (registration.first_name, registration.last_name) == PATIENT_NAME
    assert registration.phone == PATIENT_PHONE_E164
    assert registration.email == PATIENT_EMAIL
    assert registration.condition_id == condition.pk
    assert registration.source_page_id == condition.pk
    assert registration.zip_code == "02115"
    assert registration.state == "MA"
    assert registration.date_of_birth.isoformat() == "1958-03-27"
    assert registration.consent_to_contact is True
    assert registration.in_hospital_now is False and registration.emergency_symptoms is False
    assert registration.staff_notified_at is not None
    assert registration.patient_acknowledged_at is not None
    assert not registration.notification_pending
    assert str(registration) == registration.reference


def test_caregiver_happy_path(client, reg_site, django_capture_on_commit_callbacks):
    answers = valid_answers(reg_site.condition.pk, caregiver=True)
    fill_steps(client, reg_site, answers, steps=steps_before("patient", answers))
    patient_step = client.get(reg_site.step_url("patient")).content.decode()
    # Questions are about "the patient", and autofill is off for someone else's details.
    assert "Patient&#x27;s legal first name" in patient_step
    assert 'autocomplete="given-name"' not in patient_step
    fill_steps(client, reg_site, answers, steps=list(answers)[3:])
    check = client.get(reg_site.check_url).content.decode()
    assert "Orlanda Quargrave" in check and "Daughter" in check

    _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    assert registration.submitted_by == "someone_else"
    assert registration.submitter_name == "Orlanda Quargrave"
    assert registration.submitter_relationship == "Daughter"
    assert (registration.first_name, registration.last_name) == PATIENT_NAME


def test_patient_answers_drop_caregiver_fields(
    client, reg_site, django_capture_on_commit_callbacks
):
    # The caregiver's page was answered, then "I am the patient" chosen instead.
    answers = valid_answers(reg_site.condition.pk, caregiver=True)
    fill_steps(client, reg_site, answers, steps=["urgent", "who", "caregiver"])
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=["who"])
    assert client.get(reg_site.step_url("caregiver")).url == reg_site.step_url("patient")
    fill_steps(client, reg_site, answers, steps=list(answers)[2:])
    assert "Orlanda" not in client.get(reg_site.check_url).content.decode()
    _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    assert Registration.objects.get().submitter_name == ""


def test_not_sure_condition_is_stored_as_empty(
    client, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers("not_sure")
    fill_steps(client, reg_site, answers)
    assert "Not sure" in client.get(reg_site.check_url).content.decode()
    _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    assert registration.condition is None and registration.condition_not_sure


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999999999", "1 OR 1=1", ""])
def test_junk_condition_parameter_is_ignored(client, reg_site, value):
    start = client.get(reg_site.url(f"?condition={value}"))
    assert start.status_code == 200
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(
        client, reg_site, answers, steps=steps_before("medical"), first_url=start_link(start)
    )
    medical = client.get(reg_site.step_url("medical")).content.decode()
    assert "selected>Spinal metastases" not in medical


def test_condition_parameter_must_be_a_live_condition_page(client, reg_site):
    draft = ConditionPageFactory(parent=reg_site.tree.service_line, title="Chordoma", live=False)
    for pk in (draft.pk, reg_site.tree.service_line.pk, reg_site.registration_page.pk):
        start = client.get(reg_site.url(f"?condition={pk}"))
        assert start_link(start) == reg_site.step_url("urgent")  # nothing to carry
    fill_steps(
        client, reg_site, valid_answers(reg_site.condition.pk), steps=steps_before("medical")
    )
    medical = client.get(reg_site.step_url("medical")).content.decode()
    assert '<option value="" selected>Select a condition</option>' in medical
    assert "Chordoma" not in medical  # a draft is not offered at all


def test_steps_cannot_be_skipped(client, reg_site):
    # Without a flow, only the first step starts one (when it is sent, not when it is shown).
    response = client.get(reg_site.step_url("contact"))
    assert response.status_code == 302 and response.url == reg_site.url()
    client.get(reg_site.step_url("urgent"))
    response = client.get(reg_site.step_url("medical"))
    assert response.url == reg_site.url()
    client.post(reg_site.step_url("urgent"), {"emergency_symptoms": ""})  # with an error
    response = client.get(reg_site.step_url("medical"))
    assert response.url == reg_site.step_url("urgent")
    response = client.get(reg_site.check_url)
    assert response.url == reg_site.step_url("urgent")
    # A step that does not apply (the caregiver's, for a patient) sends the patient on.
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk), steps=["urgent", "who"])
    assert client.get(reg_site.step_url("caregiver")).url == reg_site.step_url("patient")
    assert client.get(reg_site.step_url("language")).url == reg_site.step_url("patient")
    assert client.get(reg_site.url("step/nonsense/")).status_code == 404


def test_going_back_keeps_answers(client, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=steps_before("medical"))
    who = client.get(reg_site.step_url("who")).content.decode()
    assert 'value="patient" id="id_submitted_by_0" required checked' in who
    patient = client.get(reg_site.step_url("patient")).content.decode()
    assert f'value="{PATIENT_NAME[0]}"' in patient
    assert 'value="1958"' in patient
    contact = client.get(reg_site.step_url("contact")).content.decode()
    assert 'value="(617) 555-0123"' in contact
    assert '<option value="MA" selected>' in contact
    # The back link on each step goes to the previous step.
    assert f'href="{reg_site.step_url("patient")}">Back' in contact
    # Re-posting an earlier step moves forward again without losing later answers.
    client.post(reg_site.step_url("patient"), answers["patient"])
    assert 'value="(617) 555-0123"' in client.get(reg_site.step_url("contact")).content.decode()


def test_change_link_returns_to_check_answers(client, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers)
    check = client.get(reg_site.check_url).content.decode()
    change_url = reg_site.step_url("contact", change=True)
    assert f'href="{change_url}" aria-label="Change phone"' in check
    for slug in STEPS:
        assert f'href="{reg_site.step_url(slug, change=True)}"' in check

    step = client.get(change_url).content.decode()
    assert 'value="(617) 555-0123"' in step
    assert f'href="{reg_site.check_url}">Back to check your answers' in step
    assert "Save and return to check your answers" in step

    new_contact = {**answers["contact"], "phone": "(212) 555-0199"}
    response = client.post(change_url, new_contact)
    assert response.status_code == 302 and response.url == reg_site.check_url
    assert "(212) 555-0199" in client.get(reg_site.check_url).content.decode()


def test_change_with_an_error_stays_on_the_step(client, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers)
    change_url = reg_site.step_url("patient", change=True)
    response = client.post(change_url, {**answers["patient"], "first_name": ""})
    assert response.status_code == 302 and response.url == change_url
    page = client.get(change_url).content.decode()
    assert "Enter your first name." in page
    assert "Save and return to check your answers" in page
    # The stored answer is unchanged until the step validates.
    assert session_flow(client)["answers"]["patient"]["first_name"] == PATIENT_NAME[0]


def test_change_to_caregiver_asks_the_caregiver_page_then_returns(client, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers)
    response = client.post(reg_site.step_url("who", change=True), {"submitted_by": "someone_else"})
    # The newly applicable step is asked next, then check your answers.
    assert response.url == reg_site.step_url("caregiver", change=True)
    caregiver = valid_answers(reg_site.condition.pk, caregiver=True)["caregiver"]
    response = client.post(reg_site.step_url("caregiver", change=True), caregiver)
    assert response.url == reg_site.check_url


def test_errors_are_shown_after_a_redirect_so_browser_back_works(client, reg_site):
    """A page rendered from a POST breaks the phone's Back button ("Confirm resubmission")."""
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=steps_before("patient"))
    url = reg_site.step_url("patient")
    typed = {**answers["patient"], "dob_year": "19x8", "website": ""}
    response = client.post(url, typed)
    assert response.status_code == 302 and response.url == url
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "There is a problem" in body and body.count("<title>Error: ") == 1
    assert 'value="19x8"' in body and f'value="{PATIENT_NAME[0]}"' in body  # what was typed
    assert "patient" not in session_flow(client)["answers"]
    # Fixed and sent: the draft goes; Back to this step later shows the saved answers.
    fill_steps(client, reg_site, answers, steps=["patient"])
    back = client.get(url).content.decode()
    assert "There is a problem" not in back and 'value="1958"' in back
    assert not session_flow(client).get("drafts")


def test_a_draft_in_the_session_is_bounded(client, reg_site):
    fill_steps(
        client,
        reg_site,
        valid_answers(reg_site.condition.pk, caregiver=True),
        steps=["urgent", "who"],
    )
    client.post(
        reg_site.step_url("caregiver"),
        {"submitter_name": "x" * 100000, "junk": "y" * 100000},
    )
    draft = session_flow(client)["drafts"]["caregiver"]
    assert set(draft) == {"submitter_name"}
    assert len(draft["submitter_name"]) == 121  # one over the limit: the error still shows
    assert "at most 120 characters" in client.get(reg_site.step_url("caregiver")).content.decode()


def test_medical_wording_follows_who_is_filling_it_in(client, reg_site):
    answers = valid_answers(reg_site.condition.pk, in_hospital="yes")
    fill_steps(client, reg_site, answers, steps=steps_before("medical"))
    url = reg_site.step_url("medical")
    medical = client.get(url).content.decode()
    assert "If you have new weakness" in medical and "the patient" not in medical.lower()
    client.post(url, {**answers["medical"], "biopsy_confirmed": ""})
    assert (
        "Select whether a biopsy has confirmed your diagnosis." in client.get(url).content.decode()
    )
    fill_steps(client, reg_site, answers, steps=["medical", "visit"])
    check = client.get(reg_site.check_url).content.decode()
    assert "If you are in hospital now, tell the hospital team caring for you." in check
    # A caregiver reads about "the patient" throughout.
    caregiver = valid_answers(reg_site.condition.pk, caregiver=True)
    fill_steps(client, reg_site, caregiver, steps=["who", "caregiver"])
    client.post(url, {**answers["medical"], "biopsy_confirmed": ""})
    medical = client.get(url).content.decode()
    assert "If the patient has new weakness" in medical
    assert "Select whether a biopsy has confirmed the patient&#x27;s diagnosis." in medical


def test_session_cleared_after_submit(client, reg_site, django_capture_on_commit_callbacks):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    assert "registration_flow" not in client.session
    assert set(session_done(client)) == {
        "flow",
        "reference",
        "urgent",
        "for_self",
        "contact_method",
        "emailed",
        "at",
    }
    # Stored answers are gone: going back to a step starts again.
    response = client.get(reg_site.step_url("visit"))
    assert response.status_code == 302 and response.url == reg_site.url()
    fresh = client.get(reg_site.step_url("patient"))
    assert fresh.url == reg_site.url()
    who = client.get(reg_site.step_url("who")).content.decode()
    assert "checked" not in who
    serialized = str(dict(client.session))
    assert PATIENT_NAME[0] not in serialized and PATIENT_EMAIL not in serialized


def test_no_patient_data_in_urls_or_redirects(client, reg_site, django_capture_on_commit_callbacks):
    answers = valid_answers(reg_site.condition.pk)
    locations = []
    for slug in STEPS:
        locations.append(client.post(reg_site.step_url(slug), answers[slug]).url)
    with django_capture_on_commit_callbacks(execute=True):
        final = submit(client, reg_site)
    locations.append(final.url)
    registration = Registration.objects.get()
    forbidden = [
        *PATIENT_NAME,
        "617",
        "5550123",
        "zelphine",
        "1958",
        "02115",
        registration.reference,
        str(registration.pk),
        str(registration.submission_token),
    ]
    for location in locations:
        assert "?" not in location
        for value in forbidden:
            assert value.lower() not in location.lower(), (value, location)
    assert final.url == reg_site.confirmation_url


def test_flow_pages_are_not_cached(client, reg_site):
    response = client.get(reg_site.step_url("who"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_post_values_hidden_from_error_reports(client, reg_site):
    response = client.post(reg_site.step_url("who"), {"submitted_by": "someone_else"})
    request = response.wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert set(cleansed.values()) == {"********************"}


def test_urgent_answers_show_emergency_advice_without_blocking(
    client, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers(reg_site.condition.pk, emergency="yes", in_hospital="yes")
    fill_steps(client, reg_site, answers, steps=["urgent"])
    fill_steps(client, reg_site, answers, steps=steps_before("visit")[1:])
    visit = client.get(reg_site.step_url("visit")).content.decode()
    assert "Call 911 or go to the nearest emergency department now" in visit
    assert 'href="tel:+18885550142"' in visit
    fill_steps(client, reg_site, answers, steps=["visit"])
    assert "Call 911" in client.get(reg_site.check_url).content.decode()
    confirmation = _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    assert "Call 911 or go to the nearest emergency department now" in confirmation.content.decode()
    registration = Registration.objects.get()
    assert registration.in_hospital_now and registration.emergency_symptoms
    assert registration.is_urgent


def test_in_hospital_only_shows_hospital_advice(
    client, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers(reg_site.condition.pk, in_hospital="yes")
    fill_steps(client, reg_site, answers, steps=["urgent"])
    fill_steps(client, reg_site, answers, steps=STEPS[1:])
    check = client.get(reg_site.check_url).content.decode()
    # The patient filled it in: "you", as on every step.
    assert "If you are in hospital now, tell the hospital team caring for you." in check
    assert "Call 911 or go to the nearest emergency department now" not in check
    confirmation = _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    body = confirmation.content.decode()
    assert "If you are in hospital now, tell the hospital team caring for you that" in body
    assert "Call 911 or go to the nearest emergency department now" not in body
    assert Registration.objects.get().in_hospital_now


def test_non_urgent_answers_show_no_emergency_box(client, reg_site):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk), steps=steps_before("visit"))
    assert "reg-urgent" not in client.get(reg_site.step_url("visit")).content.decode()


def test_phone_number_on_every_step(client, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    for slug in STEPS:
        body = client.get(reg_site.step_url(slug)).content.decode()
        assert (
            'class="reg-call">Prefer to talk to someone? Call <a href="tel:+18885550142">' in body
        )
        client.post(reg_site.step_url(slug), answers[slug])
    assert "tel:+18885550142" in client.get(reg_site.check_url).content.decode()


def test_editable_texts_from_the_page(client, reg_site, django_capture_on_commit_callbacks):
    page = reg_site.registration_page
    page.who_help = "Editors wrote this help."
    page.sex_reason = "Editors explain why sex is asked."
    page.response_time_promise = "A coordinator will call you within two hours."
    page.save()
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=["urgent"])
    assert "Editors wrote this help." in client.get(reg_site.step_url("who")).content.decode()
    fill_steps(client, reg_site, answers, steps=["who"])
    patient = client.get(reg_site.step_url("patient")).content.decode()
    assert "Editors explain why sex is asked." in patient
    fill_steps(client, reg_site, answers, steps=STEPS[2:])
    confirmation = _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    assert "within two hours" in confirmation.content.decode()
    assert "A care coordinator reviews every registration." in confirmation.content.decode()


def test_privacy_notice_linked_from_consent(client, reg_site):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk), steps=steps_before("visit"))
    visit = client.get(reg_site.step_url("visit")).content.decode()
    assert '<a href="/privacy/">privacy notice</a>' in visit
    assert 'aria-describedby="id_consent_to_contact-hint"' in visit


def test_start_again_clears_answers(client, reg_site):
    fill_steps(
        client, reg_site, valid_answers(reg_site.condition.pk), steps=steps_before("contact")
    )
    start = client.get(reg_site.url()).content.decode()
    assert "Continue your registration" in start
    assert f'href="{reg_site.step_url("contact")}"' in start
    client.post(reg_site.url())
    assert "registration_flow" not in client.session
    assert "Start now" in client.get(reg_site.url()).content.decode()


def test_old_answers_expire(client, reg_site, settings):
    settings.REGISTRATION_FLOW_MAX_AGE_SECONDS = 60
    fill_steps(
        client, reg_site, valid_answers(reg_site.condition.pk), steps=steps_before("contact")
    )
    import time

    later = time.time() + 120
    with mock.patch("contact.flow.sealing.time.time", return_value=later):
        response = client.get(reg_site.step_url("contact"))
    assert response.status_code == 302 and response.url == reg_site.url()
    assert "registration_flow" not in client.session


def test_answers_sent_after_the_flow_expired_explain_why(client, reg_site, settings):
    settings.REGISTRATION_FLOW_MAX_AGE_SECONDS = 4 * 3600
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=steps_before("contact"))
    import time

    later = time.time() + 5 * 3600
    with mock.patch("contact.flow.sealing.time.time", return_value=later):
        response = client.post(reg_site.step_url("contact"), answers["contact"])
    assert response.status_code == 302 and response.url == reg_site.url() + "?expired=1"
    page = client.get(response.url).content.decode()
    assert "Your answers were not saved" in page
    assert "cleared after 4 hours" in page
    assert 'href="tel:+18885550142"' in page.split("<h1>")[0]
    assert "Start now" in page


def test_answers_sent_with_a_lost_session_explain_why(client, reg_site):
    # The session cookie has gone (expired, or the phone's browser dropped it).
    response = client.post(reg_site.step_url("medical"), {"biopsy_confirmed": "yes"})
    assert response.url == reg_site.url() + "?expired=1"
    response = client.post(reg_site.check_url, {"flow": "f" * 32})
    assert response.url == reg_site.url() + "?expired=1"
    # Simply opening a later step is not a loss: no message.
    assert client.get(reg_site.step_url("medical")).url == reg_site.url()
    assert "not saved" not in client.get(reg_site.url()).content.decode()


def test_expired_message_not_shown_over_a_flow_in_progress(client, reg_site):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk), steps=STEPS[:1])
    page = client.get(reg_site.url() + "?expired=1").content.decode()
    assert "not saved" not in page and "Continue your registration" in page


def test_browser_back_from_the_confirmation_shows_it_again(
    client, reg_site, django_capture_on_commit_callbacks
):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    # Back goes to the check-answers page: it must not look as if nothing was sent.
    response = client.get(reg_site.check_url)
    assert response.status_code == 302 and response.url == reg_site.confirmation_url
    assert Registration.objects.count() == 1


def test_csrf_failure_is_a_friendly_page_with_the_phone_number(reg_site):
    from django.test import Client

    # The patient's cookies were cleared while the check-answers page was open.
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reg_site.check_url, {"flow": "f" * 32, "first_name": PATIENT_NAME[0]})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Sorry, this page has expired" in page
    assert "some answers may need entering again" in page
    assert 'href="tel:+18885550142"' in page
    assert f'href="{reg_site.url()}"' in page  # back to the registration
    assert PATIENT_NAME[0] not in page and "CSRF" not in page
    assert "no-store" in response["Cache-Control"]
    assert Registration.objects.count() == 0


def test_session_holding_answers_expires_with_the_flow(client, reg_site, settings):
    settings.REGISTRATION_FLOW_MAX_AGE_SECONDS = 1800
    client.post(reg_site.step_url("urgent"), {"emergency_symptoms": "no", "in_hospital_now": "no"})
    assert client.session.get_expiry_age() == 1800
    # A browser-session cookie: gone when the browser closes (shared computers).
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    row = Session.objects.get(session_key=cookie.value)
    remaining = (row.expire_date - timezone.now()).total_seconds()
    assert 1790 < remaining <= 1800


def test_source_page_from_referer(client, reg_site, django_capture_on_commit_callbacks):
    service_line = reg_site.tree.service_line
    start = client.get(reg_site.url(), HTTP_REFERER=f"http://testserver{service_line.url}")
    first_url = start_link(start)
    # The first step's form posts where the patient came from along with the answers.
    assert f'action="{html.escape(first_url)}"' in client.get(first_url).content.decode()
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk), first_url=first_url)
    _submit_and_follow(client, reg_site, django_capture_on_commit_callbacks)
    assert Registration.objects.get().source_page_id == service_line.pk


def test_foreign_referer_is_ignored(client, reg_site):
    start = client.get(
        reg_site.url(), HTTP_REFERER="https://elsewhere.example/spinal-tumor-program/"
    )
    assert start_link(start) == reg_site.step_url("urgent")


@pytest.mark.parametrize(
    "referer",
    [
        "http://[::1/",  # urlsplit raises ValueError: unclosed IPv6 address
        "http://testserver/spinal\x00tumor/",  # PostgreSQL refuses NUL in a query
        "http://testserver/" + "a/" * 2000,
    ],
)
def test_malformed_referer_is_ignored_not_a_server_error(client, reg_site, referer):
    response = client.get(reg_site.url(), HTTP_REFERER=referer)
    assert response.status_code == 200
    assert start_link(response) == reg_site.step_url("urgent")


def test_confirmation_needs_a_submission(client, reg_site):
    response = client.get(reg_site.confirmation_url)
    assert response.status_code == 302 and response.url == reg_site.url()


def test_check_answers_form_carries_only_the_flow_id(client, reg_site):
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    check = client.get(reg_site.check_url).content.decode()
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', check)
    assert sorted(name for name, _value in hidden) == ["csrfmiddlewaretoken", "flow"]
    assert dict(hidden)["flow"] == flow_id(client)
