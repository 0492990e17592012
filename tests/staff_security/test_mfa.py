"""Second factor: no admin URL without it when required; enrolment, verification, recovery
codes and a superuser's reset."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from core.factories import UserFactory
from staff_security import audit

from .conftest import confirmed_device, current_code, sign_in

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/reports/site-history/",
    "/admin/registrations/",
    "/admin/sign_in_lockouts/",
    "/admin/account/",
    "/admin/two-step/recovery-codes/",
]
JSON_URLS = ["/admin/api/main/pages/", "/admin/api/main/pages/?child_of=root"]


@pytest.fixture
def signed_in(client, staff, mfa_required):
    assert sign_in(client).status_code == 302
    return client


def test_registrations_url_is_the_real_one():
    assert reverse("registrations:index") == "/admin/registrations/"


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_no_admin_page_without_a_second_factor(signed_in, url):
    response = signed_in.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff_security_enrol") + "?next=")


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_no_admin_page_before_verifying_an_enrolled_factor(signed_in, staff, url):
    confirmed_device(staff)
    response = signed_in.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff_security_verify") + "?next=")


@pytest.mark.parametrize("url", JSON_URLS)
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ACCEPT": "application/json"},
        {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"},
        {"HTTP_SEC_FETCH_MODE": "cors", "HTTP_ACCEPT": "*/*"},
    ],
)
def test_scripts_get_a_json_403_not_a_redirect(signed_in, url, headers):
    response = signed_in.get(url, **headers)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"


def test_posts_are_refused_too(signed_in):
    response = signed_in.post("/admin/pages/add_subpage/1/", {})
    assert response.status_code == 403


def test_not_required_in_test_settings_without_a_device(client, staff):
    sign_in(client)
    assert client.get("/admin/").status_code == 200


def test_enrolled_user_is_asked_even_when_not_required(client, staff):
    confirmed_device(staff)
    sign_in(client)
    assert client.get("/admin/").url.startswith(reverse("staff_security_verify"))


def test_enrolment_verify_and_single_use_recovery_codes(client, staff, mfa_required):
    sign_in(client)
    page = client.get(reverse("staff_security_enrol") + "?next=/admin/pages/")
    html = page.content.decode()
    assert "<svg" in html and "<img" not in html  # QR code drawn inline, no request
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    import base64

    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    assert client.get("/admin/").status_code == 302  # still not in

    wrong = client.post(reverse("staff_security_enrol"), {"code": "000000"})
    assert "did not match" in wrong.content.decode()
    # django-otp makes a retry after a wrong code wait a second; the test does not wait.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    done = client.post(
        reverse("staff_security_enrol"), {"code": current_code(device), "next": "/admin/pages/"}
    )
    codes = done.context["codes"]
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    assert ModelLogEntry.objects.filter(action=audit.MFA_ENROLLED).count() == 1
    assert client.get("/admin/").status_code == 200

    # A new session: password, then a recovery code, which works once only.
    client.post(reverse("wagtailadmin_logout"))
    sign_in(client)
    assert client.get("/admin/").url.startswith(reverse("staff_security_verify"))
    used = client.post(reverse("staff_security_verify"), {"code": codes[0], "next": "/admin/"})
    assert used.status_code == 302 and used.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9

    client.post(reverse("wagtailadmin_logout"))
    sign_in(client)
    again = client.post(reverse("staff_security_verify"), {"code": codes[0]})
    assert again.status_code == 200
    assert "did not work" in again.content.decode()
    assert client.get("/admin/").status_code == 302

    # The authenticator's next code works.
    device.refresh_from_db()
    ok = client.post(reverse("staff_security_verify"), {"code": current_code(device, offset=1)})
    assert ok.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_recovery_codes_can_be_regenerated(client, staff, mfa_required):
    from staff_security.views import new_recovery_codes

    device = confirmed_device(staff)
    old = new_recovery_codes(staff)
    sign_in(client)
    client.post(reverse("staff_security_verify"), {"code": current_code(device)})

    response = client.post(reverse("staff_security_codes"))
    new = response.context["codes"]
    assert set(new).isdisjoint(old)
    assert set(
        StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    ) == set(new)


def test_superuser_resets_a_members_factor(client, staff, superuser_client):
    member = UserFactory(username="morgan", is_staff=True)
    member.groups.add(Group.objects.get(name="Editors"))
    confirmed_device(member)
    from staff_security.views import new_recovery_codes

    new_recovery_codes(member)

    listing = superuser_client.get(reverse("wagtailusers_users:index")).content.decode()
    reset_url = reverse("staff_security_reset", args=[member.pk])
    assert reset_url in listing
    confirm = superuser_client.get(reset_url)
    assert confirm.status_code == 200
    assert "Reset two-step verification for morgan?" in confirm.content.decode()
    assert superuser_client.post(reset_url).status_code == 302

    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticToken.objects.filter(device__user=member).exists()
    entry = ModelLogEntry.objects.get(action=audit.MFA_RESET)
    assert entry.object_id == str(member.pk) and entry.user.username == "admin"


def test_only_superusers_reset_factors(client, staff):
    member = UserFactory(username="morgan", is_staff=True)
    member.groups.add(Group.objects.get(name="Editors"))
    device = confirmed_device(member)
    client.force_login(member)
    client.post(reverse("staff_security_verify"), {"code": current_code(device)})

    response = client.post(reverse("staff_security_reset", args=[staff.pk]))
    assert response.status_code == 302 and response.url == "/admin/"
    confirmed_device(staff)
    assert TOTPDevice.objects.filter(user=staff).exists()
