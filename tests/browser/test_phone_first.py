"""Issue 11, phone first, in a real browser: no sideways scrolling (WCAG 1.4.10 reflow) on the
condition page, search results, the A–Z and home at 320 px, at 200 % text size and at 200 %
zoom, axe-clean each time; call and register on one line near the top; the menu collapsed
behind "Menu" on a phone with JavaScript switched off, and open on a wide screen."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conditions.factories import ConditionPageFactory
from contact.factories import RegistrationPageFactory, RegistrationSettingsFactory
from tests.browser.conftest import assert_no_axe_violations
from tests.core.builders import build_site_tree, configure_site_settings

PAGES = [
    "/spinal-tumor-program/spinal-metastases/",
    "/search/?q=spinal+mets",
    "/conditions/",
    "/",
]


# name: (browser context options, default font size in px or None)
SIZES = {
    "320 px phone": ({"viewport": {"width": 320, "height": 640}}, None),
    # The reader set the text size to 200 %: the default font becomes 32 px, which rem sizes
    # and em media queries follow, as with the browser's own setting.
    "320 px phone at 200 % text": ({"viewport": {"width": 320, "height": 640}}, 32),
    # A 1280 x 800 window zoomed to 200 %: 640 x 400 CSS pixels, two device pixels each.
    "200 % zoom": ({"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}, None),
}


def assert_no_sideways_scroll(page, label):
    scroll_width, inner_width = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{label}: {page.url} scrolls sideways: {scroll_width} px content in {inner_width} px"
    )


def test_no_sideways_scroll_and_axe_clean_at_every_size(live_server, browser):
    # One test for all sizes: the demo content is loaded once (a transactional test reloads it).
    call_command("load_demo_content", stdout=StringIO())
    for size, (options, font_size) in SIZES.items():
        context = browser.new_context(**options)
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            if font_size:
                context.new_cdp_session(page).send(
                    "Page.setFontSizes", {"fontSizes": {"standard": font_size, "fixed": 26}}
                )
            for path in PAGES:
                page.goto(live_server.url + path)
                expect(page.locator("h1")).to_be_visible()
                if font_size:
                    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
                    assert body >= 2 * 16, f"the 200 % text size did not apply ({body} px)"
                assert_no_sideways_scroll(page, size)
                assert_no_axe_violations(page)
        finally:
            context.close()


@pytest.fixture
def small_site():
    tree = build_site_tree()
    configure_site_settings(tree.site)
    registration = RegistrationPageFactory(parent=tree.home, show_in_menus=True)
    RegistrationSettingsFactory(site=tree.site, registration_page=registration)
    tree.service_line.show_in_menus = True
    tree.service_line.save_revision().publish()
    condition = ConditionPageFactory(parent=tree.service_line, title="Spinal metastases")
    return condition, registration


def test_on_a_phone_without_javascript_call_and_register_share_a_line_and_the_menu_folds(
    live_server, browser, small_site
):
    condition, registration = small_site
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + condition.url)

        actions = page.locator(".site-header__actions")
        call = actions.get_by_role("link", name="1-888-555-0142")
        register = actions.get_by_role("link", name="Register as a new patient for Spinal")
        expect(call).to_be_in_viewport()
        expect(register).to_be_in_viewport()
        assert register.get_attribute("href") == f"{registration.url}?condition={condition.pk}"
        call_box, register_box = call.bounding_box(), register.bounding_box()
        same_line = (
            call_box["y"] < register_box["y"] + register_box["height"]
            and register_box["y"] < call_box["y"] + call_box["height"]
        )
        assert same_line, f"call and register are not on one line: {call_box}, {register_box}"
        line_height = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.site-header__actions'))"
            ".lineHeight)"
        )
        assert actions.bounding_box()["height"] < 1.5 * line_height

        menu_link = page.locator(".site-nav").get_by_role("link", name="Spinal Tumor Program")
        expect(menu_link).to_be_hidden()
        page.locator(".site-nav").get_by_text("Menu").click()
        expect(menu_link).to_be_visible()
        menu_register = page.locator(".site-nav").get_by_role("link", name="Register as a new")
        assert menu_register.get_attribute("href") == register.get_attribute("href")
        # Only the way back up is shown in the breadcrumbs on a phone.
        expect(page.locator(".breadcrumbs").get_by_role("link", name="Home")).to_be_hidden()
        expect(
            page.locator(".breadcrumbs").get_by_role("link", name="Spinal Tumor Program")
        ).to_be_visible()
    finally:
        context.close()

    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = wide.new_page()
        page.goto(live_server.url + condition.url)
        expect(
            page.locator(".site-nav").get_by_role("link", name="Spinal Tumor Program")
        ).to_be_visible()
        expect(page.locator(".site-nav__toggle")).to_be_hidden()
        assert_no_axe_violations(page)
    finally:
        wide.close()
