from axes.models import AccessAttempt
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import audit, views


@hooks.register("register_admin_urls")
def staff_security_urls():
    return [
        path("two-step/enrol/", views.enrol, name="staff_security_enrol"),
        path("two-step/verify/", views.verify, name="staff_security_verify"),
        path("two-step/recovery-codes/", views.recovery_codes, name="staff_security_codes"),
        path("two-step/reset/<int:user_id>/", views.reset, name="staff_security_reset"),
        path("sign-in/unlock/<int:user_id>/", views.unlock, name="staff_security_unlock"),
    ]


@hooks.register("register_log_actions")
def staff_security_log_actions(actions):
    for action, (label, message) in audit.ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_user_listing_buttons")
def staff_security_user_buttons(user, request_user):
    if not request_user.is_superuser:
        return []
    return [
        ListingButton(
            "Reset two-step verification",
            reverse("staff_security_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        ),
        ListingButton(
            "Unlock sign-in",
            reverse("staff_security_unlock", args=[user.pk]),
            icon_name="lock-open",
            priority=61,
        ),
    ]


@hooks.register("register_account_menu_item")
def staff_security_account_item(request):
    return {
        "url": reverse("staff_security_codes"),
        "label": "Two-step verification",
        "help_text": "See how many recovery codes you have left, or make new ones.",
    }


class SuperuserOnlyListAndDelete(ModelPermissionPolicy):
    """Lockout records are seen and removed (unlocked) by superusers; nobody adds or edits."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in {"view", "delete"}

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AccessAttemptViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Sign-in lockouts"
    name = "sign_in_lockouts"
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = ["username"]
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]


register_permission_policy(AccessAttempt, SuperuserOnlyListAndDelete(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_access_attempts():
    return AccessAttemptViewSet()
