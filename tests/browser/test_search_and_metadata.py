"""Search, the A–Z with other names and the condition page on a 320 px phone, on the demo
content: reached by typing and clicking, axe-clean, no sideways scrolling, and the JSON-LD
blocks raise no Content-Security-Policy complaint (nothing in the console, nothing posted to
the report endpoint)."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

PHONE_WIDTH = 320


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo_content", stdout=StringIO())
    return live_server


class Watch:
    """CSP complaints in the console and posts to /csp-report/ of one page."""

    def __init__(self, page):
        self.console = []
        self.reports = []
        page.on("console", lambda message: self.console.append(message.text))
        page.on(
            "request",
            lambda request: "/csp-report/" in request.url and self.reports.append(request.url),
        )

    def csp_complaints(self):
        return [
            m for m in self.console if "Content Security Policy" in m or "Refused to" in m
        ] + self.reports


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width} px"


def check(page):
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)


@pytest.fixture
def phone(page_factory):
    return page_factory(width=PHONE_WIDTH, height=640)


def test_searching_from_the_header_finds_spinal_metastases_on_a_phone(demo_site, phone):
    watch = Watch(phone)
    phone.goto(demo_site.url + "/")
    header = phone.locator("header.site-header")
    header.get_by_role("searchbox", name="Search this site").fill("spinal mets")
    header.get_by_role("button", name="Search").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Search")
    expect(phone.get_by_role("status")).to_contain_text("for “spinal mets”")
    results = phone.locator(".search-results__link")
    expect(results.first).to_have_text("Spinal metastases")
    check(phone)

    results.first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Spinal metastases")
    check(phone)
    json_ld = phone.locator('script[type="application/ld+json"]')
    expect(json_ld).to_have_count(1)
    assert '"MedicalWebPage"' in json_ld.text_content()
    phone.wait_for_timeout(300)  # let any report reach the endpoint
    assert watch.csp_complaints() == []


def test_a_fruitless_search_and_the_404_page_offer_a_way_on(demo_site, phone):
    watch = Watch(phone)
    phone.goto(demo_site.url + "/search/?q=zzqxv")
    expect(phone.get_by_role("status")).to_have_text("No results for “zzqxv”.")
    expect(phone.locator("main").get_by_role("link", name="Conditions A to Z")).to_be_visible()
    expect(phone.locator("main a[href^='tel:']")).to_be_visible()
    check(phone)

    phone.goto(demo_site.url + "/no-such-page/")
    main = phone.locator("main")
    main.get_by_role("searchbox", name="Search for what you were looking for").fill(
        "cord compression"
    )
    main.get_by_role("button", name="Search").click()
    expect(phone.locator(".search-results__link").first).to_have_text("Spinal metastases")
    check(phone)
    assert watch.csp_complaints() == []


def test_the_a_to_z_lists_other_names_on_a_phone(demo_site, phone):
    watch = Watch(phone)
    phone.goto(demo_site.url + "/")
    phone.locator("main").get_by_role("link", name="Conditions A to Z").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Conditions A to Z")
    check(phone)

    phone.get_by_role("navigation", name="Conditions by letter").get_by_role(
        "link", name="M", exact=True
    ).click()
    alias = phone.get_by_role("link", name="Metastatic spinal tumors — see Spinal metastases")
    expect(alias).to_be_visible()
    alias.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Spinal metastases")
    check(phone)
    assert watch.csp_complaints() == []
