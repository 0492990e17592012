"""A real browser signs in, sets up two-step verification from the key on the page, reaches
the dashboard, signs out and signs in again with an authenticator code."""

import base64

import pytest
from django_otp.oath import totp

from core.factories import TEST_PASSWORD
from tests.browser.conftest import assert_no_axe_violations


def code_for(secret_text, steps_ahead=0):
    """What an authenticator app shows for the key typed from the page."""
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, 30, -steps_ahead * 30, 6):06d}"


def sign_in_with_password(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "dana")
    page.fill("#id_password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def staff_member(staff, settings):
    settings.STAFF_MFA_REQUIRED = True
    return staff


def test_enrol_then_sign_in_again_with_a_code(live_server, page, staff_member):
    base = live_server.url
    sign_in_with_password(page, base)

    page.wait_for_url("**/admin/two-step/enrol/**")
    assert page.locator("figure svg").count() == 1  # the QR code, inline
    assert_no_axe_violations(page)
    secret = page.locator("#totp-secret").inner_text()
    page.fill("#id_code", code_for(secret))
    page.get_by_role("button", name="Confirm").click()

    codes = page.locator(".staff-security-codes li")
    codes.first.wait_for()  # the confirmation is a new page: wait for it under load
    assert codes.count() == 10
    assert_no_axe_violations(page)
    page.get_by_role("link", name="I have saved them: continue").click()
    page.wait_for_url(base + "/admin/")
    assert page.locator("#wagtail-sidebar, [data-wagtail-sidebar]").count() >= 1

    # Sign out from the account menu's form (a POST that flushes the session).
    page.evaluate("document.querySelector('form[action=\"/admin/logout/\"]').requestSubmit()")
    page.wait_for_url("**/admin/login/**")

    sign_in_with_password(page, base)
    page.wait_for_url("**/admin/two-step/verify/**")
    assert_no_axe_violations(page)
    # The code used at enrolment cannot be used twice: wait for the next one (or use the
    # next step's, which the device's one-step tolerance accepts).
    page.fill("#id_code", code_for(secret, steps_ahead=1))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(base + "/admin/")
    assert "Two-step verification" not in page.title()


def test_lockout_page_explains_and_is_accessible(live_server, page, staff_member):
    for _ in range(5):
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "dana")
        page.fill("#id_password", "not-the-password")
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()

    alert = page.get_by_role("alert")
    assert "Sign-in is paused" in alert.inner_text()
    assert "15 minutes" in alert.inner_text()
    assert_no_axe_violations(page)
