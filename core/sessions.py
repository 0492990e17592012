"""The session engine: Django's database sessions, plus sessions that end with the browser.

A view can ask (``end_with_browser``) for a session whose cookie has no Expires or Max-Age, so
it is gone when the browser closes (a patient's answers on a shared computer), and whose
database row expires after a given time rather than SESSION_COOKIE_AGE, so the scheduled
clean-up (``core.tasks.delete_expired_sessions``) deletes it once it is abandoned. A session
that someone signs in to keeps Django's usual lifetime (staff_security sets staff limits).
"""

from datetime import timedelta

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

BROWSER_SESSION_KEY = "_browser_session_seconds"


def end_with_browser(session, row_seconds):
    """Make `session` a browser-session cookie whose row expires `row_seconds` after a write."""
    session[BROWSER_SESSION_KEY] = int(row_seconds)


class SessionStore(DatabaseSessionStore):
    def _browser_session_seconds(self):
        seconds = self.get(BROWSER_SESSION_KEY)
        if not isinstance(seconds, int) or seconds <= 0 or self.get(SESSION_KEY) is not None:
            return None
        return seconds

    def get_expire_at_browser_close(self):
        if self._browser_session_seconds() is not None:
            return True
        return super().get_expire_at_browser_close()

    def get_expiry_age(self, **kwargs):
        seconds = self._browser_session_seconds()
        if seconds is not None and "expiry" not in kwargs:
            return seconds
        return super().get_expiry_age(**kwargs)

    def get_expiry_date(self, **kwargs):
        seconds = self._browser_session_seconds()
        if seconds is not None and "expiry" not in kwargs:
            modified = kwargs.get("modification") or timezone.now()
            return modified + timedelta(seconds=seconds)
        return super().get_expiry_date(**kwargs)
