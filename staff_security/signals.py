from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import audit
from .sessions import start_staff_session


@receiver(user_login_failed, dispatch_uid="staff_security_login_failed")
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    audit.log_account_event(audit.SIGN_IN_FAILED, credentials.get("username"))


@receiver(user_locked_out, dispatch_uid="staff_security_locked_out")
def log_lockout(sender, request=None, username=None, **kwargs):
    audit.log_account_event(audit.LOCKED_OUT, username)


@receiver(user_logged_in, dispatch_uid="staff_security_logged_in")
def mark_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_staff_session(request)
