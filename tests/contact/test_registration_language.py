"""The language a registration was made in: stored, shown to intake staff, used for the
patient's acknowledgement email (staff emails stay in English), and suggesting an interpreter
in that language."""

import dataclasses

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from contact.models import Registration
from tests.contact.flow import INTAKE_EMAIL, PATIENT_EMAIL, fill_steps, submit, valid_answers
from tests.core.builders import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_site(reg_site):
    translate_page(reg_site.tree.home, title="Inicio")
    page = translate_page(
        reg_site.registration_page, title="Registrarse como paciente nuevo", slug="registrarse"
    )
    return dataclasses.replace(reg_site, registration_page=page)


def register(client, site, capture, answers):
    fill_steps(client, site, answers)
    with capture(execute=True):
        response = submit(client, site)
    assert response.status_code == 302
    return Registration.objects.get()


def test_spanish_flow_is_served_under_es(client, spanish_site):
    assert spanish_site.step_url("who").startswith("/es/registrarse/")
    response = client.get(spanish_site.url())
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "es"


def test_spanish_flow_suggests_a_spanish_interpreter(client, spanish_site, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, spanish_site, answers, steps=["urgent", "who", "patient"])
    form = BeautifulSoup(client.get(spanish_site.step_url("contact")).content, "html.parser")
    assert form.select_one('input[name="interpreter_needed"][value="yes"]').has_attr("checked")
    answers["contact"]["interpreter_needed"] = "yes"
    fill_steps(client, spanish_site, answers, steps=["contact"])
    form = BeautifulSoup(client.get(spanish_site.step_url("language")).content, "html.parser")
    assert form.select_one('input[name="interpreter_language"]')["value"] == "Español"


def test_english_flow_suggests_no_interpreter(client, reg_site):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, reg_site, answers, steps=["urgent", "who", "patient"])
    form = BeautifulSoup(client.get(reg_site.step_url("contact")).content, "html.parser")
    assert not form.select_one('input[name="interpreter_needed"][value="yes"]').has_attr("checked")


def test_registration_in_spanish_stores_the_language_and_emails_in_it(
    client, spanish_site, reg_site, django_capture_on_commit_callbacks
):
    answers = valid_answers(reg_site.condition.pk, interpreter="Español")
    registration = register(client, spanish_site, django_capture_on_commit_callbacks, answers)
    assert registration.language == "es"
    assert registration.language_name == "Español"
    assert registration.interpreter_language == "Español"
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient[PATIENT_EMAIL].extra_headers["Content-Language"] == "es"
    staff = by_recipient[INTAKE_EMAIL]
    assert "Content-Language" not in staff.extra_headers
    assert staff.subject.startswith(("New patient registration", "URGENT"))


def test_registration_in_english_is_stored_as_english(
    client, reg_site, django_capture_on_commit_callbacks
):
    registration = register(
        client, reg_site, django_capture_on_commit_callbacks, valid_answers(reg_site.condition.pk)
    )
    assert registration.language == "en"
    patient = next(m for m in mail.outbox if m.to == [PATIENT_EMAIL])
    assert patient.extra_headers["Content-Language"] == "en"


def test_intake_list_shows_the_language(client, coordinator, reg_site):
    from contact.factories import RegistrationFactory

    RegistrationFactory(language="es", first_name="Ximena")
    client.force_login(coordinator)
    response = client.get(reverse("registrations:index"))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    headers = [th.get_text(strip=True) for th in html.select("thead th")]
    assert "Language" in headers
    row = next(tr for tr in html.select("tbody tr") if "Ximena" in tr.get_text())
    assert row.select("td")[headers.index("Language")].get_text(strip=True) == "Español"


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_spanish_errors_for_a_bad_date_of_birth_and_a_missing_answer(
    client, spanish_site, reg_site
):
    answers = valid_answers(reg_site.condition.pk)
    fill_steps(client, spanish_site, answers, steps=["urgent", "who"])
    bad_date = {**answers["patient"], "dob_month": "13"}
    response = client.post(spanish_site.step_url("patient"), bad_date, follow=True)
    text = page_text(response)
    assert "Hay un problema" in text
    assert "El mes debe ser un número del 1 al 12." in text
    assert "Month must be" not in text
    missing_name = {**answers["patient"], "first_name": ""}
    text = page_text(client.post(spanish_site.step_url("patient"), missing_name, follow=True))
    assert "Escriba su nombre." in text
    assert "Enter your first name" not in text
    assert Registration.objects.count() == 0


def test_check_answers_in_spanish(client, spanish_site, reg_site):
    answers = valid_answers(reg_site.condition.pk, caregiver=True)
    fill_steps(client, spanish_site, answers)
    response = client.get(spanish_site.check_url)
    # (The step help texts are the page's own fields, which the fixture leaves in English.)
    assert BeautifulSoup(response.content, "html.parser").h1.get_text() == "Revise sus respuestas"
    text = page_text(response)
    assert "Nombre legal completo del paciente" in text
    assert "Enviar el registro" in text
    for english in ("Send your registration", "Send registration", "Patient's legal name"):
        assert english not in text


def test_acknowledgement_in_spanish_and_staff_email_in_english(
    client, spanish_site, reg_site, django_capture_on_commit_callbacks
):
    registration = register(
        client,
        spanish_site,
        django_capture_on_commit_callbacks,
        valid_answers(reg_site.condition.pk),
    )
    assert registration.language == "es"
    by_recipient = {message.to[0]: message for message in mail.outbox}
    patient = by_recipient[PATIENT_EMAIL]
    assert patient.subject == f"Recibimos su registro ({registration.reference})"
    assert f"Su número de referencia es {registration.reference}." in patient.body
    assert "Si usted no se registró con nosotros" in patient.body
    assert "Thank you" not in patient.body and "reference" not in patient.body
    staff = by_recipient[INTAKE_EMAIL]
    assert "registration" in staff.body.lower()
    assert "Recibimos" not in staff.body and "registro" not in staff.body


def test_confirmation_in_spanish(
    client, spanish_site, reg_site, django_capture_on_commit_callbacks
):
    register(
        client,
        spanish_site,
        django_capture_on_commit_callbacks,
        valid_answers(reg_site.condition.pk),
    )
    text = page_text(client.get(spanish_site.confirmation_url))
    assert "Su número de referencia es" in text
    assert "Qué pasa ahora" in text
    assert "Your reference is" not in text
