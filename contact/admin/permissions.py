"""Who may use the intake admin, and the 403 every other user gets on every intake URL."""

import functools

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.permission_policies import ModelPermissionPolicy

from contact.models import Registration

INTAKE_GROUP_NAME = "Intake coordinators"

# Any of these lets a user into the intake admin at all; each view then checks its own.
INTAKE_ACTIONS = ("view", "change", "delete", "export")


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, except that nobody, not even a superuser, adds registrations.

    ``export`` maps to the model's custom ``contact.export_registration`` permission.
    """

    NEVER = frozenset({"add"})

    def user_has_permission(self, user, action):
        if action in self.NEVER:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.NEVER]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


registration_permission_policy = RegistrationPermissionPolicy(Registration)


def user_is_intake_staff(user):
    """Intake coordinators, superusers and anyone else granted a registration permission."""
    return bool(
        user
        and user.is_authenticated
        and registration_permission_policy.user_has_any_permission(user, INTAKE_ACTIONS)
    )


def intake_coordinators():
    return get_user_model().objects.filter(is_active=True, groups__name=INTAKE_GROUP_NAME)


def forbidden(request):
    return TemplateResponse(request, "contact/admin/403.html", status=403)


def intake_staff_only(view_func):
    """Gate every intake URL: a 403, never a redirect, for anyone who is not intake staff.

    The check runs before the view looks anything up, so the answer is the same whether or
    not a registration exists. A PermissionDenied raised by a view (delete, export, add) also
    becomes a 403 rather than Wagtail's redirect to the dashboard.
    """

    @functools.wraps(view_func)
    @sensitive_post_parameters()  # error reports never show what was posted (internal notes)
    def wrapped(request, *args, **kwargs):
        if not user_is_intake_staff(request.user):
            return forbidden(request)
        try:
            return view_func(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    return wrapped
