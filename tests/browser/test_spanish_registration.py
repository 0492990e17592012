"""The registration in Spanish in a real browser at 375 px: from the Spanish spinal metastases
page's registration link, every step in Spanish (one error shown in Spanish), check your
answers, the confirmation; no sideways scrolling and no axe violation (WCAG 2.2 AA) anywhere."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conditions.models import ConditionPage
from contact.models import Registration
from tests.browser.conftest import assert_no_axe_violations

WIDTH = 375


@pytest.fixture
def demo_site(live_server, settings):
    settings.REGISTRATION_MIN_FILL_SECONDS = 0  # a script fills the form in a second or two
    call_command("load_demo_content", stdout=StringIO())
    return live_server


def check(page):
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert_no_axe_violations(page)


def continue_to(page, heading):
    page.get_by_role("button", name="Continuar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    check(page)


def test_registration_in_spanish_from_the_spanish_condition_page(page_factory, demo_site):
    page = page_factory(width=WIDTH, height=800)
    condition = ConditionPage.objects.live().get(slug="metastasis-en-la-columna")
    page.goto(demo_site.url + condition.url)
    check(page)

    page.locator(f"a[href='/es/registrarse/?condition={condition.pk}']:visible").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regístrese como paciente nuevo")
    check(page)

    page.get_by_role("link", name="Empezar ahora").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antes de empezar: ¿es urgente?")
    check(page)
    page.get_by_role("group", name=re.compile("debilidad nueva")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("en el hospital ahora")).get_by_label("No").check()
    continue_to(page, "¿Quién está llenando este formulario?")
    page.get_by_label("Yo soy el paciente").check()
    continue_to(page, "Sobre usted")

    # A date of birth with a month of 13: the error is in Spanish, in the summary and the field.
    page.get_by_label("Su nombre legal", exact=True).fill("Zelphine")
    page.get_by_label("Su apellido legal").fill("Quargrave")
    page.get_by_label("Mes").fill("13")
    page.get_by_label("Día").fill("27")
    page.get_by_label("Año").fill("1958")
    page.get_by_role("button", name="Continuar").click()
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading", name="Hay un problema")).to_be_visible()
    expect(alert).to_contain_text("El mes debe ser un número del 1 al 12.")
    assert page.title().startswith("Error: ")
    check(page)
    page.get_by_label("Mes").fill("3")
    continue_to(page, "Sus datos de contacto")

    page.get_by_label("Su número de teléfono").fill("617-555-0123")
    page.get_by_label("Llamada telefónica").check()
    page.get_by_label("A cualquier hora").check()
    page.get_by_label("Estado donde vive").select_option("MA")
    page.get_by_label("Su código postal").fill("02115")
    # The Spanish flow suggests an interpreter in Spanish.
    expect(
        page.get_by_role("group", name="¿Necesita un intérprete?").get_by_label("Sí")
    ).to_be_checked()
    continue_to(page, "¿Qué idioma necesita?")
    continue_to(page, "Sobre su afección")

    expect(page.get_by_label("¿Por qué afección quiere consultarnos?")).to_have_value(
        str(condition.pk)
    )
    page.get_by_role("group", name="¿Una biopsia confirmó su diagnóstico?").get_by_label(
        "No estoy seguro"
    ).check()
    continue_to(page, "Su consulta y su consentimiento")

    page.get_by_label("Cualquiera de las dos").check()
    page.get_by_label("Acepto que el equipo de atención se comunique conmigo").check()
    continue_to(page, "Revise sus respuestas")

    page.get_by_role("button", name="Enviar el registro").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registro enviado")
    check(page)
    registration = Registration.objects.get()
    expect(page.locator(".reg-reference")).to_have_text(registration.reference)
    assert registration.language == "es"
    assert registration.condition_id == condition.pk
