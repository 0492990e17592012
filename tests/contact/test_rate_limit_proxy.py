"""The rate limit as deployed: behind one trusted proxy, one unit per registration flow."""

import threading
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from contact.models import Registration
from contact.ratelimit import rate_limit_exceeded
from tests.contact.flow import fill_steps, flow_id, session_flow, store_flow, valid_answers
from tests.test_settings_security import production_env, run_python

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"  # the socket address of every request: the reverse proxy


def _behind_proxy(real_client, spoofed=None):
    # The proxy appends the address it received the request from to whatever the client sent.
    forwarded = f"{spoofed}, {real_client}" if spoofed else real_client
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def _send_new_flow(client, site, capture, **meta):
    fill_steps(client, site, valid_answers(site.condition.pk))
    with capture(execute=True):
        return client.post(site.check_url, {"flow": flow_id(client)}, **meta)


@pytest.fixture
def one_proxy(settings):
    settings.REGISTRATION_TRUSTED_PROXY_COUNT = 1  # the production default
    settings.REGISTRATION_RATE_LIMIT = 5
    return settings


def test_spoofed_left_most_addresses_share_the_real_clients_bucket(
    client, reg_site, one_proxy, django_capture_on_commit_callbacks
):
    statuses = [
        _send_new_flow(
            client,
            reg_site,
            django_capture_on_commit_callbacks,
            **_behind_proxy("203.0.113.7", spoofed=f"192.0.2.{n}"),
        ).status_code
        for n in range(1, 9)
    ]
    assert statuses == [302] * 5 + [429] * 3
    assert Registration.objects.count() == 5


def test_two_real_clients_behind_the_proxy_have_separate_buckets(
    client, reg_site, one_proxy, django_capture_on_commit_callbacks
):
    one_proxy.REGISTRATION_RATE_LIMIT = 2
    capture = django_capture_on_commit_callbacks
    first = [
        _send_new_flow(client, reg_site, capture, **_behind_proxy("203.0.113.7")).status_code
        for _ in range(3)
    ]
    assert first == [302, 302, 429]
    # The proxy's own address is the same for both: the second client is not affected.
    other = _send_new_flow(client, reg_site, capture, **_behind_proxy("198.51.100.9"))
    assert other.status_code == 302
    assert Registration.objects.count() == 3


def test_a_request_that_bypassed_the_proxy_counts_against_its_socket_address(
    client, reg_site, one_proxy, django_capture_on_commit_callbacks
):
    one_proxy.REGISTRATION_RATE_LIMIT = 1
    capture = django_capture_on_commit_callbacks
    direct = {"REMOTE_ADDR": "203.0.113.7"}  # no X-Forwarded-For at all
    assert _send_new_flow(client, reg_site, capture, **direct).status_code == 302
    assert _send_new_flow(client, reg_site, capture, **direct).status_code == 429


def test_duplicate_final_posts_use_one_unit_and_show_the_confirmation(
    client, reg_site, one_proxy, django_capture_on_commit_callbacks
):
    one_proxy.REGISTRATION_RATE_LIMIT = 2
    meta = _behind_proxy("203.0.113.7", spoofed="192.0.2.1")
    fill_steps(client, reg_site, valid_answers(reg_site.condition.pk))
    flow = session_flow(client)
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.post(reg_site.check_url, {"flow": flow["id"]}, **meta) for _ in range(9)
        ]
    assert {response.url for response in responses} == {reg_site.confirmation_url}
    assert Registration.objects.count() == 1
    # A double click racing the first post: its session still holds the answers and the
    # registration was not saved yet when it looked. It is counted with the same flow's unit.
    session = client.session
    session.pop("registration_done")
    session.save()
    store_flow(client, flow)
    with (
        mock.patch("contact.flow.views._saved_registration", side_effect=[None, None]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        racing = client.post(reg_site.check_url, {"flow": flow["id"]}, **meta)
    assert racing.status_code == 302 and racing.url == reg_site.confirmation_url
    assert reg_site.registration_page.title in client.get(racing.url).content.decode()
    assert Registration.objects.count() == 1
    # Ten posts of that flow used one of the two units: one more flow is allowed, then none.
    capture = django_capture_on_commit_callbacks
    assert _send_new_flow(client, reg_site, capture, **meta).status_code == 302
    assert _send_new_flow(client, reg_site, capture, **meta).status_code == 429


def test_a_refused_flow_uses_no_unit_and_its_reposts_stay_refused(reg_site, one_proxy):
    one_proxy.REGISTRATION_RATE_LIMIT = 1
    request = RequestFactory().post("/register/check/", **_behind_proxy("203.0.113.7"))
    assert rate_limit_exceeded(request, "flow-a") is False
    assert [rate_limit_exceeded(request, "flow-b") for _ in range(5)] == [True] * 5
    assert rate_limit_exceeded(request, "flow-a") is False  # the allowed flow, posted again
    counters = [
        value
        for key, value in caches["shared"]._cache.items()
        if ":registration-rate:" in key  # the per-client counter, not the per-flow marks
    ]
    assert len(counters) == 1


def test_concurrent_posts_of_one_flow_use_one_unit(reg_site, one_proxy):
    one_proxy.REGISTRATION_RATE_LIMIT = 2
    request = RequestFactory().post("/register/check/", **_behind_proxy("203.0.113.7"))
    results, start = [], threading.Barrier(8)

    def post():
        start.wait()
        results.append(rate_limit_exceeded(request, "double-clicked"))

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [False] * 8
    assert rate_limit_exceeded(request, "second") is False
    assert rate_limit_exceeded(request, "third") is True


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("site_project.settings.production", 1),  # behind the one proxy the README describes
        ("site_project.settings.dev", 0),  # the socket address
        ("site_project.settings.test", 0),
    ],
)
def test_trusted_proxy_count_defaults(module, expected):
    env = production_env(DJANGO_SETTINGS_MODULE=module)
    read = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.REGISTRATION_TRUSTED_PROXY_COUNT, settings.AXES_IPWARE_PROXY_COUNT)"
    )
    result = run_python(["-c", read], env)
    assert result.returncode == 0, result.stderr
    # The rate limit and the sign-in lockout agree on where the client address is.
    assert result.stdout.split()[-2:] == [str(expected), str(expected)]
