"""Second-factor pages: enrol (TOTP + recovery codes), verify, new recovery codes, reset."""

import base64
from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import mark_safe
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .forms import CodeForm

RECOVERY_CODE_COUNT = 10


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def _qr_svg(uri):
    # Drawn here, inline: no image request, no script, no third party sees the secret.
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title="QR code for your authenticator app"
    )
    return mark_safe(svg)  # noqa: S308 - segno's own SVG markup, no user input in it


def _grouped_secret(device):
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_recovery_codes(user):
    """Replace the user's recovery codes; each works once. Returns them for showing once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    user = request.user
    if django_otp.user_has_device(user, confirmed=True):
        return redirect(
            reverse("staff_security_verify") + "?" + urlencode({"next": _next_url(request)})
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            audit.log_account_event(audit.MFA_ENROLLED, user.get_username(), acting_user=user)
            return _show_codes(request, new_recovery_codes(user), first_time=True)
        form.add_error(
            "code", "That code did not match. Check the time on your phone and try again."
        )
    return TemplateResponse(
        request,
        "staff_security/enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": _grouped_secret(device),
            "next": _next_url(request),
        },
    )


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    user = request.user
    if not django_otp.user_has_device(user, confirmed=True):
        return redirect(
            reverse("staff_security_enrol") + "?" + urlencode({"next": _next_url(request)})
        )
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        # Six digits are an app's code, anything else a recovery code (deleted as it is used,
        # by StaticDevice.verify_token); trying only the matching kind keeps a mistyped
        # recovery code from throttling the app's codes.
        kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
        for device in kind.objects.devices_for_user(user, confirmed=True):
            if device.verify_token(code):
                django_otp.login(request, device)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    messages.warning(
                        request,
                        f"You used a recovery code; {left} left. Make new ones in "
                        "your account menu, under Two-step verification.",
                    )
                return redirect(_next_url(request))
        audit.log_account_event(audit.MFA_FAILED, user.get_username(), acting_user=user)
        form.add_error("code", "That code did not work. Try the current code or a recovery code.")
    return TemplateResponse(
        request, "staff_security/verify.html", {"form": form, "next": _next_url(request)}
    )


def _show_codes(request, codes, first_time=False):
    return TemplateResponse(
        request,
        "staff_security/recovery_codes.html",
        {"codes": codes, "first_time": first_time, "next": _next_url(request)},
    )


@never_cache
def recovery_codes(request):
    """Your own codes: how many are left, and a button that replaces them all."""
    user = request.user
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("staff_security_enrol")
    if not user.is_verified():
        return redirect(reverse("staff_security_verify") + "?" + urlencode({"next": request.path}))
    if request.method == "POST":
        codes = new_recovery_codes(user)
        audit.log_account_event(
            audit.RECOVERY_CODES_REGENERATED, user.get_username(), acting_user=user
        )
        return _show_codes(request, codes)
    left = StaticToken.objects.filter(device__user=user).count()
    return TemplateResponse(request, "staff_security/recovery_codes.html", {"left": left})


def _superuser_only(request):
    if not request.user.is_superuser:
        raise PermissionDenied


@never_cache
def reset(request, user_id):
    """A superuser removes a member's second factor; they enrol again at their next sign-in."""
    _superuser_only(request)
    member = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        for device in django_otp.devices_for_user(member, confirmed=None):
            device.delete()
        audit.log_account_event(audit.MFA_RESET, member.get_username(), acting_user=request.user)
        messages.success(request, f"Two-step verification reset for {member.get_username()}.")
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request,
        "staff_security/confirm.html",
        {
            "member": member,
            "title": "Reset two-step verification",
            "body": "They will set up an authenticator app again at their next sign-in. "
            "Their recovery codes stop working.",
            "button": "Reset",
        },
    )


@never_cache
def unlock(request, user_id):
    """A superuser clears a member's failed sign-ins (all addresses) so they can sign in."""
    _superuser_only(request)
    from axes.utils import reset as axes_reset

    member = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        axes_reset(username=member.get_username())
        audit.log_account_event(audit.UNLOCKED, member.get_username(), acting_user=request.user)
        messages.success(request, f"Sign-in unlocked for {member.get_username()}.")
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request,
        "staff_security/confirm.html",
        {
            "member": member,
            "title": "Unlock sign-in",
            "body": "Their failed sign-ins are forgotten and they can sign in again at once. "
            "A lock on an address is lifted under Settings → Sign-in lockouts.",
            "button": "Unlock",
        },
    )
