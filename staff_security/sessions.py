"""Session limits for signed-in staff: idle timeout and absolute lifetime.

Patients never sign in, so their (anonymous) registration sessions are left alone.
"""

import time

from django.conf import settings
from django.urls import Resolver404, resolve

SIGNED_IN_AT = "_staff_signed_in_at"
LAST_SEEN_AT = "_staff_last_seen_at"

# Requests the admin sends by itself while a page editor is open; they are not activity.
BACKGROUND_NAMESPACES = {"wagtailadmin_editing_sessions"}


def idle_seconds():
    return getattr(settings, "STAFF_SESSION_IDLE_SECONDS", 1800)


def max_age_seconds():
    return getattr(settings, "STAFF_SESSION_MAX_AGE_SECONDS", 12 * 3600)


def start_staff_session(request):
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def is_background_request(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return bool(set(match.namespaces) & BACKGROUND_NAMESPACES)


def session_expired(request, now):
    """Why this signed-in session must end now ("idle" or "lifetime"), or None."""
    session = request.session
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is None or last_seen_at is None:
        # Signed in before these limits existed: start counting from now.
        return None
    if now - signed_in_at >= max_age_seconds():
        return "lifetime"
    if now - last_seen_at >= idle_seconds():
        return "idle"
    return None
