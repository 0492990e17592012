"""Lockout after repeated failures (django-axes), its audit trail and how a superuser lifts it."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.factories import UserFactory
from staff_security import audit

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def fail(client, times, username="dana", address="203.0.113.7"):
    return [sign_in(client, username, "wrong-password", address) for _ in range(times)]


def test_five_failures_lock_and_the_sixth_correct_password_is_refused(client, staff):
    responses = fail(client, 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4  # the form again, with an error
    assert responses[4].status_code == 429

    response = sign_in(client)  # the right password now

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    # The admin's own login page, saying what happened, for how long and whom to ask.
    assert 'class="login-form"' in page
    assert "Sign-in is paused" in page
    assert "refused for 15 minutes" in page
    assert "ask a site administrator to unlock" in page


def test_four_failures_do_not_lock(client, staff):
    fail(client, 4)
    response = sign_in(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_lockout_is_per_address_too(client, staff):
    """Five names tried from one address lock that address, even for a sixth, real account."""
    for name in ["ann", "ben", "cy", "dee", "eve"]:
        fail(client, 1, username=name, address="198.51.100.9")

    assert sign_in(client, address="198.51.100.9").status_code == 429
    # The same account from another address is not locked by that.
    assert sign_in(client, address="203.0.113.50").status_code == 302


def test_lockout_expires_after_fifteen_minutes(client, staff):
    fail(client, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time.replace(year=2000)
    )
    assert sign_in(client).status_code == 302


def test_failures_and_lockouts_are_in_the_audit_log_without_secrets(client, staff):
    fail(client, 5)
    fail(client, 1, username="nobody-by-this-name")

    failed = ModelLogEntry.objects.filter(action=audit.SIGN_IN_FAILED)
    assert failed.filter(object_id=str(staff.pk)).count() == 5
    assert failed.filter(label="nobody-by-this-name", object_id="0").count() == 1
    locked = ModelLogEntry.objects.filter(action=audit.LOCKED_OUT, object_id=str(staff.pk))
    assert locked.count() == 1
    for entry in ModelLogEntry.objects.filter(action__startswith="staff_security."):
        assert entry.timestamp is not None
        assert "wrong-password" not in str(entry.data)
        assert "203.0.113.7" not in str(entry.data)
    # Shown in the admin's site history with a readable label.
    assert audit.ACTIONS[audit.LOCKED_OUT][0] == "Sign-in locked"


def test_superuser_unlocks_a_member_from_the_user_list(client, staff, superuser_client):
    fail(client, 5)
    assert sign_in(client).status_code == 429

    users_page = superuser_client.get(reverse("wagtailusers_users:index"))
    unlock_url = reverse("staff_security_unlock", args=[staff.pk])
    assert unlock_url in users_page.content.decode()
    assert "Unlock sign-in for dana?" in superuser_client.get(unlock_url).content.decode()
    response = superuser_client.post(unlock_url)

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert ModelLogEntry.objects.filter(action=audit.UNLOCKED, object_id=str(staff.pk)).exists()
    assert sign_in(client).status_code == 302


def test_superuser_unlocks_an_address_under_sign_in_lockouts(client, staff, superuser_client):
    fail(client, 5, username="guessed", address="198.51.100.9")
    attempt = AccessAttempt.objects.get()

    listing = superuser_client.get("/admin/sign_in_lockouts/")
    assert listing.status_code == 200
    assert "guessed" in listing.content.decode()
    response = superuser_client.post(f"/admin/sign_in_lockouts/delete/{attempt.pk}/")

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, address="198.51.100.9").status_code == 302


def test_only_superusers_can_unlock(client, staff):
    fail(client, 5)
    editor = UserFactory(username="ed", is_staff=True)
    from django.contrib.auth.models import Group, Permission

    editor.groups.add(Group.objects.get(name="Editors"))
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other = client.__class__()
    other.force_login(editor)

    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    refused = other.post(reverse("staff_security_unlock", args=[staff.pk]))
    assert refused.status_code == 302 and refused.url == "/admin/"
    listing = other.get("/admin/sign_in_lockouts/")
    assert listing.status_code == 302 and listing.url == "/admin/"
    assert AccessAttempt.objects.exists()


def test_address_comes_from_the_trusted_proxy(rf, settings):
    from staff_security.client import client_ip

    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    spoofed = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1", REMOTE_ADDR="10.0.0.2")
    assert client_ip(spoofed) == "192.0.2.1"  # what the proxy appended, not the client's claim
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"

    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    assert client_ip(spoofed) == "10.0.0.2"
