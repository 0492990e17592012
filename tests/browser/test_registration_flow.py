"""The new-patient registration in a real browser at phone size: every step, one error, axe.

Starts on the demo content's spinal metastases page, follows its registration link (which
preselects the condition) and checks axe-core reports no WCAG 2.2 AA violation on any page.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conditions.models import ConditionPage
from contact.models import Registration
from tests.browser.conftest import assert_no_axe_violations

CONDITION = "Spinal metastases"


@pytest.fixture
def demo_site(live_server, settings):
    settings.REGISTRATION_MIN_FILL_SECONDS = 0  # a script fills the form in a second or two
    call_command("load_demo_content", stdout=StringIO())
    return live_server


def continue_to(page, heading):
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_no_axe_violations(page)


def test_registration_from_condition_page_at_phone_size(phone_page, demo_site):
    page = phone_page
    condition = ConditionPage.objects.live().get(title=CONDITION)
    page.goto(demo_site.url + condition.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(CONDITION)

    page.get_by_role("link", name="Register as a new patient online").first.click()
    assert f"?condition={condition.pk}" in page.url
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you start: is this urgent?")
    assert_no_axe_violations(page)
    expect(page.locator(".reg-call a[href^='tel:']")).to_be_visible()

    # 1. The screening first: nothing urgent, so straight on.
    page.get_by_role("group", name=re.compile("new weakness, numbness")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("in hospital now")).get_by_label("No").check()
    continue_to(page, "Who is filling in this form?")

    # 2. Who (its question is the heading): continuing without an answer shows the error
    # state for a group of radios.
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Select who is filling in this form.")
    expect(page.get_by_label("I am the patient")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    # Someone on the patient's behalf.
    page.get_by_label("I am filling it in for someone else").check()
    continue_to(page, "About you")
    page.get_by_label("Your full name").fill("Orlanda Quargrave")
    page.get_by_label("Your relationship to the patient").fill("Daughter")
    continue_to(page, "About the patient")

    # 2. About the patient.
    page.get_by_label("Patient's legal first name").fill("Zelphine")
    page.get_by_label("Patient's legal last name").fill("Quargrave")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Day").fill("27")
    page.get_by_label("Year").fill("1958")
    page.get_by_label("Prefer not to say").check()
    continue_to(page, "Your contact details")

    # 3. Contact, first with a phone number we cannot call: the error state.
    page.get_by_label("Best phone number to reach you").fill("555-0123")
    page.get_by_label("Email address (optional)").fill("orlanda@example.org")
    page.get_by_label("Phone call").check()
    page.get_by_label("Any time").check()
    page.get_by_label("State the patient lives in").select_option("MA")
    page.get_by_label("Patient's ZIP code").fill("02115")
    page.get_by_role("group", name="Does the patient need an interpreter?").get_by_label(
        "No"
    ).check()
    page.get_by_role("button", name="Continue").click()

    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading", name="There is a problem")).to_be_visible()
    summary_link = alert.get_by_role("link", name=re.compile("Enter a phone number we can call"))
    expect(summary_link).to_have_attribute("href", "#id_phone")
    phone = page.get_by_label("Best phone number to reach you")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_attribute("aria-describedby", re.compile(r"\bid_phone-error\b"))
    expect(page.locator("#id_phone-error")).to_contain_text("Enter a phone number we can call")
    assert page.title().startswith("Error: ")
    # Other answers on the step were kept.
    expect(page.get_by_label("Patient's ZIP code")).to_have_value("02115")
    assert_no_axe_violations(page)
    summary_link.click()
    assert page.evaluate("document.activeElement.id") == "id_phone"

    phone.fill("617-555-0123")
    continue_to(page, "About the patient's condition")

    # 4. Medical: the condition came preselected from the condition page.
    expect(
        page.get_by_label("Which condition would the patient like to see us about?")
    ).to_have_value(str(condition.pk))
    page.get_by_role("group", name="Has a biopsy confirmed the patient's diagnosis?").get_by_label(
        "Not sure"
    ).check()
    continue_to(page, "The patient's visit and consent")

    # 5. Visit and consent.
    page.get_by_label("Either").check()
    page.get_by_label("Anything else you would like us to know? (optional)").fill(
        "Mornings are best."
    )
    expect(page.locator("main").get_by_role("link", name="privacy notice")).to_be_visible()
    page.get_by_label("I agree that the care team may contact me").check()
    continue_to(page, "Check your answers")

    # Check answers, change one answer, come back.
    expect(page.get_by_text("(617) 555-0123")).to_be_visible()
    page.get_by_role("link", name="Change type of visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The patient's visit and consent")
    expect(page.get_by_label("Either")).to_be_checked()
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Save and return to check your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.locator(".reg-summary__value", has_text="In person")).to_be_visible()

    page.get_by_role("button", name="Send registration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration sent")
    assert_no_axe_violations(page)

    registration = Registration.objects.get()
    expect(page.locator(".reg-reference")).to_have_text(registration.reference)
    assert re.fullmatch(r"NP-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", registration.reference)
    expect(page.get_by_text("A coordinator will call you within one business day.")).to_be_visible()
    assert page.url.endswith("/confirmation/")
    assert registration.reference not in page.url
    assert registration.visit_type == "in_person"
    assert registration.condition_id == condition.pk
    assert registration.phone == "+16175550123"

    # Going back after sending shows no answers: the session was cleared.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Check your answers")
    assert "Zelphine" not in page.content()


def test_emergency_first_then_stop_page_then_urgent_registration_at_phone_size(
    phone_page, demo_site
):
    """The first question is the emergency screening; "yes" stops with 911 and the team's
    number, and the person can still register: the confirmation then leads with what to do."""
    page = phone_page
    page.goto(demo_site.url + "/register/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you start: is this urgent?")
    assert_no_axe_violations(page)

    # Unanswered: the error state of the screening's two questions.
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("new weakness, numbness")
    assert_no_axe_violations(page)

    page.get_by_role("group", name=re.compile("new weakness, numbness")).get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("in hospital now")).get_by_label("No").check()
    continue_to(page, "Call 911 now")
    expect(page.locator("main a[href^='tel:']").first).to_be_visible()
    assert "/help-now/" in page.url and "?" not in page.url

    page.get_by_role("link", name="Continue to register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is filling in this form?")
    assert_no_axe_violations(page)
    page.get_by_label("I am the patient").check()
    continue_to(page, "About you")

    page.get_by_label("Your legal first name").fill("Zelphine")
    page.get_by_label("Your legal last name").fill("Quargrave")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Day").fill("27")
    page.get_by_label("Year").fill("1958")
    continue_to(page, "Your contact details")
    # The emergency advice stays on every later step.
    expect(page.locator(".reg-urgent")).to_contain_text("Call 911")

    page.get_by_label("Your phone number").fill("617-555-0123")
    page.get_by_label("Phone call").check()
    page.get_by_label("Any time").check()
    page.get_by_label("State you live in").select_option("MA")
    page.get_by_label("Your ZIP code").fill("02115")
    page.get_by_role("group", name="Do you need an interpreter?").get_by_label("Yes").check()
    # Which language: its own page, its question the heading (no script needed).
    continue_to(page, "Which language do you need?")
    page.get_by_label("Which language do you need?").fill("Portuguese")
    continue_to(page, "About your condition")

    page.get_by_label("Which condition would you like to see us about?").select_option(
        label="Not sure"
    )
    page.get_by_role("group", name="Has a biopsy confirmed your diagnosis?").get_by_label(
        "Yes"
    ).check()
    continue_to(page, "Your visit and consent")
    page.get_by_label("Either").check()
    page.get_by_label("I agree that the care team may contact me").check()
    continue_to(page, "Check your answers")

    page.get_by_role("button", name="Send registration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration sent: what to do now")
    assert_no_axe_violations(page)
    registration = Registration.objects.get()
    assert registration.is_urgent and registration.interpreter_language == "Portuguese"
    expect(page.locator(".reg-urgent")).to_contain_text("Call 911")
    expect(page.locator(".reg-reference")).to_have_text(registration.reference)
    expect(page.get_by_text("call you today during our opening hours")).to_be_visible()
    # No sideways scrolling at 375 px, even with the reference in large type.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.get_by_role("link", name="Printable version of this page").click()
    expect(page.locator(".reg-reference")).to_have_text(registration.reference)
    assert page.url.endswith("/confirmation/print/")
    assert_no_axe_violations(page)
