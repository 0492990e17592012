"""Sign-in events in Wagtail's audit log (Reports → Site history).

Entries name the account (the user, or the username typed when no such account exists) and
carry the time; never a password, a code or an address.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

SIGN_IN_FAILED = "staff_security.sign_in_failed"
LOCKED_OUT = "staff_security.locked_out"
UNLOCKED = "staff_security.unlocked"
MFA_ENROLLED = "staff_security.mfa_enrolled"
MFA_FAILED = "staff_security.mfa_failed"
MFA_RESET = "staff_security.mfa_reset"
RECOVERY_CODES_REGENERATED = "staff_security.recovery_codes_regenerated"
IDLE_SIGN_OUT = "staff_security.idle_sign_out"

ACTIONS = {
    SIGN_IN_FAILED: ("Sign-in failed", "Sign-in failed"),
    LOCKED_OUT: ("Sign-in locked", "Sign-in locked after repeated failures"),
    UNLOCKED: ("Sign-in unlocked", "Sign-in unlocked"),
    MFA_ENROLLED: ("Two-step verification set up", "Two-step verification set up"),
    MFA_FAILED: ("Verification code refused", "Verification code refused"),
    MFA_RESET: ("Two-step verification reset", "Two-step verification reset"),
    RECOVERY_CODES_REGENERATED: ("Recovery codes replaced", "Recovery codes replaced"),
    IDLE_SIGN_OUT: ("Signed out when idle", "Signed out after inactivity or session limit"),
}


def log_account_event(action, username, acting_user=None):
    """Log ``action`` against the account called ``username``; unknown names are kept as text."""
    username = (username or "")[:150]
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        return log(user, action, user=acting_user, data={"username": username})
    # No account to attach the entry to (a guessed name): keep the name as the label.
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        label=username or "(no username)",
        action=action,
        timestamp=timezone.now(),
        object_id="0",  # required; no account has id 0
        user=acting_user,
        data={"username": username},
    )
