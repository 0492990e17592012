"""What a locked-out sign-in sees: the Wagtail login page with an explanation (HTTP 429)."""

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from wagtail.admin.forms.auth import LoginForm


def cooloff_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    # Attempts made during a lockout are not recorded, so the latest one is the locking one.
    username = get_client_username(request, credentials)
    latest = (
        AccessAttempt.objects.filter(
            Q(username=username) | Q(ip_address=getattr(request, "axes_ip_address", None))
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    until = timezone.localtime((latest or timezone.now()) + settings.AXES_COOLOFF_TIME)
    # Rendered now: AxesMiddleware hands this back after the template-response phase.
    return render(
        request,
        "staff_security/locked_out.html",
        {
            "form": LoginForm(request=request),
            "next": request.POST.get("next", ""),
            "minutes": cooloff_minutes(),
            "until": until,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
