"""Session limits and the second-factor gate for the Wagtail admin."""

import time
from urllib.parse import quote

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import audit
from .sessions import (
    LAST_SEEN_AT,
    SIGNED_IN_AT,
    idle_seconds,
    is_background_request,
    session_expired,
    start_staff_session,
)

# Reachable with a password alone: signing in and out, the second-factor pages themselves and
# what those pages load (translations, icons).
EXEMPT_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "staff_security_enrol",
    "staff_security_verify",
}


# The idle clock moves at most once a minute: a page's many requests then save the session
# once, not each (fewer writes, and no two requests racing to write the same row).
LAST_SEEN_RESOLUTION_SECONDS = 60


class StaffSessionMiddleware:
    """Signs a user out after ``STAFF_SESSION_IDLE_SECONDS`` without a request of their own
    (the editor's background pings do not count) or ``STAFF_SESSION_MAX_AGE_SECONDS`` after
    signing in, whichever comes first. Goes after the auth and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            reason = session_expired(request, now)
            if reason:
                audit.log_account_event(audit.IDLE_SIGN_OUT, request.user.get_username())
                logout(request)  # flushes the session
                messages.info(
                    request,
                    f"You were signed out after {idle_seconds() // 60} minutes without activity."
                    if reason == "idle"
                    else "You were signed out because your session reached its time limit.",
                )
            elif request.session.get(SIGNED_IN_AT) is None:
                start_staff_session(request)
            elif not is_background_request(request) and (
                now - request.session.get(LAST_SEEN_AT, 0) >= LAST_SEEN_RESOLUTION_SECONDS
            ):
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)


def mfa_required_for(user):
    """Everyone when STAFF_MFA_REQUIRED; otherwise whoever has set up a factor anyway."""
    if getattr(settings, "STAFF_MFA_REQUIRED", False):
        return True
    return django_otp.user_has_device(user, confirmed=True)


def wants_page(request):
    """A browser navigating (which may be redirected), not a script fetching data."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return False
    mode = request.headers.get("sec-fetch-mode")
    if mode and mode != "navigate":
        return False
    accept = request.headers.get("accept", "")
    if "json" in accept and "text/html" not in accept:
        return False
    return "wagtailadmin_api" not in request.resolver_match.namespaces


class MFARequiredMiddleware:
    """No admin URL for a signed-in user without a verified second factor this session.

    Pages redirect to enrolment (no factor yet) or verification; scripts get a JSON 403, so
    the admin's background requests never follow a redirect into an HTML page. Goes after
    django_otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        user = request.user
        if not user.is_authenticated or request.resolver_match.url_name in EXEMPT_URL_NAMES:
            return None
        if user.is_verified() or not mfa_required_for(user):
            return None
        if not wants_page(request):
            return JsonResponse(
                {"error": "Two-step verification is required. Reload the page to continue."},
                status=403,
            )
        target = (
            "staff_security_verify"
            if django_otp.user_has_device(user, confirmed=True)
            else "staff_security_enrol"
        )
        return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
