import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.factories import TEST_PASSWORD

LOGIN_URL = "/admin/login/"


@pytest.fixture
def mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True
    return settings


def sign_in(client, username="dana", password=TEST_PASSWORD, address="203.0.113.7"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def current_code(device, offset=0):
    """The TOTP code an authenticator app would show now (``offset`` steps later)."""
    # Shifting t0 back by one step gives the next step's code (the device accepts +-1 step);
    # a code is refused once used, so a second sign-in in the same 30 s needs the next one.
    return (
        f"{totp(device.bin_key, device.step, device.t0 - offset * device.step, device.digits):06d}"
    )


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
