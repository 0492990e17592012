"""The condition page in a real browser: reached by clicking, keyboard-first, no axe violations.

Runs on the demo content, so it checks what editors will actually publish.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conditions.models import ConditionPage
from tests.browser.conftest import assert_no_axe_violations

PROGRAM = "Spinal Tumor Program"
CONDITION = "Spinal metastases"


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo_content", stdout=StringIO())
    return live_server


def focused_text(page):
    return page.evaluate("document.activeElement.textContent.trim()")


def open_condition_page_by_clicking(page, base_url, *, check_axe_on_the_way=False):
    page.goto(base_url + "/")
    expect(page.locator("h1")).to_have_count(1)
    if check_axe_on_the_way:
        assert_no_axe_violations(page)

    page.locator("main").get_by_role("link", name=PROGRAM, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    if check_axe_on_the_way:
        assert_no_axe_violations(page)

    page.locator("main").get_by_role("link", name=CONDITION, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONDITION)


def test_condition_page_reached_from_home_is_accessible(page, demo_site):
    open_condition_page_by_clicking(page, demo_site.url, check_axe_on_the_way=True)

    # The skip links are the first two stops for a keyboard user, and they work.
    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to navigation"
    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"

    expect(page.locator("h1")).to_have_count(1)
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main")).to_have_count(1)
    expect(page.get_by_role("complementary", name="Talk to our team")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_visible()

    # The call to action preselects this condition on the registration form.
    condition = ConditionPage.objects.get(title=CONDITION)
    register = page.locator("aside.cta").get_by_role("link", name="Register as a new patient")
    expect(register).to_have_attribute("href", f"/register/?condition={condition.pk}")

    # The emergency card leads with its level in words, not only in colour.
    expect(page.locator(".care-card--emergency .care-card__heading")).to_contain_text("Emergency:")
    expect(page.locator(".review")).to_contain_text("Medically reviewed by")

    assert_no_axe_violations(page)


def test_condition_page_is_accessible_on_a_320px_phone(page_factory, demo_site):
    page = page_factory(width=320, height=640)
    open_condition_page_by_clicking(page, demo_site.url)

    # Reflow (WCAG 1.4.10): nothing forces sideways scrolling at 320 CSS pixels.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_axe_violations(page)


def test_conditions_a_to_z_is_accessible(page, demo_site):
    page.goto(demo_site.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Conditions A to Z"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conditions A to Z")
    expect(page.get_by_role("navigation", name="Conditions by letter")).to_be_visible()

    page.get_by_role("navigation", name="Conditions by letter").get_by_role(
        "link", name="S", exact=True
    ).click()
    expect(page.locator("main").get_by_role("link", name=CONDITION, exact=True)).to_be_visible()

    assert_no_axe_violations(page)
