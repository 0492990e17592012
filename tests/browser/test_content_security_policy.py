"""The Content-Security-Policy in a real Chromium: an injected inline script and style are
blocked and reported to our endpoint; the real public pages and the whole registration flow
raise no CSP complaint at all; the Wagtail admin works, page preview included, under its
policy.

This module is also the URL configuration of these tests: the site's URLs plus one page that
carries what an attacker would inject, served through the real middleware.
"""

import logging
import re
import time

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from playwright.sync_api import expect

from contact.models import Registration
from core.factories import UserFactory
from site_project import urls as site_urls
from tests.contact.flow import STEPS, build_registration_site, valid_answers

INJECTED_PATH = "/csp-test/injected/"
INJECTED_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Injected</title>
<style>body { background-color: rgb(255, 0, 0); }</style></head>
<body>
<p id="styled" style="color: rgb(255, 0, 0)">Text an attacker tried to colour.</p>
<script>document.title = "script ran";</script>
</body>
</html>"""


def injected(request):
    return HttpResponse(INJECTED_PAGE)


urlpatterns = [path(INJECTED_PATH.strip("/") + "/", injected), *site_urls.urlpatterns]


REPORT_ONLY = re.compile(r"\[Report Only\]|policy is report-only")
BLOCKED = {
    "inline script": ("Refused to execute inline script", "Executing inline script violates"),
    "inline style": ("Refused to apply inline style", "Applying inline style violates"),
}


class Console:
    """Every console message and page error of a page (all its frames)."""

    def __init__(self, page):
        self.messages = []
        page.on("console", lambda message: self.messages.append(message.text))
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))

    def csp_complaints(self, *, enforced_only=False):
        found = [
            m
            for m in self.messages
            if "Content Security Policy" in m or "Permissions-Policy" in m or "Refused to" in m
        ]
        if enforced_only:
            found = [m for m in found if not REPORT_ONLY.search(m)]
        return found

    def blocked(self, what):
        """Chromium's words for an enforced block: "Refused to execute inline script ..."
        until about version 150, "Executing inline script violates ... has been blocked." now."""
        old, new = BLOCKED[what]
        return [
            m
            for m in self.csp_complaints(enforced_only=True)
            if m.startswith(old) or (m.startswith(new) and "has been blocked" in m)
        ]


def csp_log_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "core.csp"]


def wait_for_reports(caplog, count, seconds=10):
    deadline = time.monotonic() + seconds
    while len(csp_log_lines(caplog)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return csp_log_lines(caplog)


@pytest.fixture
def site_server(live_server, settings):
    settings.ROOT_URLCONF = __name__
    settings.REGISTRATION_MIN_FILL_SECONDS = 0
    return live_server


def test_an_injected_inline_script_and_style_are_blocked_and_reported(page, site_server, caplog):
    console = Console(page)
    with caplog.at_level(logging.INFO, logger="core.csp"):
        page.goto(site_server.url + INJECTED_PATH)
        expect(page.locator("#styled")).to_be_visible()
        # The script did not run; neither style applied.
        assert page.title() == "Injected"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != (
            "rgb(255, 0, 0)"
        )
        assert page.evaluate("getComputedStyle(styled).color") != "rgb(255, 0, 0)"
        lines = wait_for_reports(caplog, 3)

    assert len(console.blocked("inline script")) == 1, console.messages
    assert len(console.blocked("inline style")) == 2, console.messages  # <style> and style=""
    # The browser reported each violation to /csp-report/, which logged one line for each.
    assert sorted(lines) == sorted(
        [
            f"CSP violation (enforce): script-src-elem blocked inline on {INJECTED_PATH}",
            f"CSP violation (enforce): style-src-elem blocked inline on {INJECTED_PATH}",
            f"CSP violation (enforce): style-src-attr blocked inline on {INJECTED_PATH}",
        ]
    )


def test_public_pages_and_the_whole_registration_raise_no_csp_complaint(page, site_server, caplog):
    site = build_registration_site()
    # Answers go in with Django's test client (same database); the browser then shows every
    # page of the flow with that session, and sends the registration itself.
    client = Client()
    answers = valid_answers(site.condition.pk)
    for slug in STEPS:
        assert client.post(site.step_url(slug), answers[slug]).status_code == 302
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": site_server.url}])

    console = Console(page)
    paths = [
        "/",
        site.tree.service_line.url,
        site.condition.url,
        site.tree.condition_index.url,
        site.privacy_page.url,
        site.url(),
        *(site.step_url(slug) for slug in STEPS),
        "/no-such-page/",
        site.check_url,
    ]
    with caplog.at_level(logging.INFO, logger="core.csp"):
        for url in paths:
            response = page.goto(site_server.url + url)
            assert response.status == (404 if url == "/no-such-page/" else 200), url
            assert "script-src 'self'" in response.headers["content-security-policy"], url
            if url == site.step_url("who"):
                # The honeypot, its inline style now in registration.css, is still off screen.
                box = page.locator(".reg-hp").bounding_box()
                assert box["x"] + box["width"] <= 0, box
        page.get_by_role("button", name="Send registration").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Registration sent")
        page.wait_for_timeout(500)  # time for any report to arrive
    assert Registration.objects.count() == 1
    assert console.csp_complaints() == []
    assert csp_log_lines(caplog) == []


def test_the_admin_works_and_previews_under_its_policy(page, site_server, caplog):
    site = build_registration_site()
    editor = UserFactory(username="csp-admin", superuser=True)
    client = Client()
    client.force_login(editor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_server.url}]
    )
    console = Console(page)
    condition = site.condition

    with caplog.at_level(logging.INFO, logger="core.csp"):
        page.goto(site_server.url + reverse("wagtailadmin_pages:edit", args=[condition.pk]))
        expect(page.get_by_role("heading", level=1)).to_contain_text(condition.title)
        # The preview panel is the admin's own JavaScript framing the page.
        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")
        expect(preview.get_by_role("heading", level=1)).to_have_text(condition.title)

        # An editor on the live page: Wagtail's user bar loads under the public policy.
        page.goto(site_server.url + condition.url)
        expect(page.locator("wagtail-userbar")).to_be_attached()
        page.wait_for_timeout(500)

    assert console.csp_complaints(enforced_only=True) == []
    assert csp_log_lines(caplog) == []
