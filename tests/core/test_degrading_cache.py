"""The "shared" cache (Redis in production) degrades to a miss: with Redis refusing connections
every public page and a whole registration still answer 200 and the registration is stored.
Against a real Redis the same backend works like Django's own."""

import logging
import os
import uuid
from unittest import mock

import pytest
from django.test import Client

from contact.models import Registration
from contact.ratelimit import rate_limit_exceeded
from core import cache as degrading
from core.cache import DegradingRedisCache
from tests.contact.flow import STEPS, build_registration_site, submit, valid_answers
from tests.core.builders import drop_cache_keys

REFUSED_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
BACKEND = "core.cache.DegradingRedisCache"


@pytest.fixture(autouse=True)
def _fresh_outage_state():
    degrading._outages.clear()
    yield
    degrading._outages.clear()


def outage_lines(caplog):
    return [r for r in caplog.records if r.name == "core.cache"]


def test_a_refused_connection_answers_like_an_empty_cache(caplog):
    cache = DegradingRedisCache(REFUSED_URL, {})
    with caplog.at_level(logging.INFO):
        assert cache.get("k") is None
        assert cache.get("k", "fallback") == "fallback"
        assert cache.add("k", 1) is False
        assert cache.set("k", 1) is None
        assert cache.touch("k") is False
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.delete_many(["a"]) is None
        assert cache.clear() is False
        assert cache.get_or_set("k", "computed") == "computed"
        with pytest.raises(ValueError):
            cache.incr("k")
        with pytest.raises(ValueError):
            cache.decr("k")
    lines = outage_lines(caplog)
    assert len(lines) == 1
    assert lines[0].levelno == logging.WARNING
    assert lines[0].getMessage() == (
        "Shared cache unavailable (ConnectionError); treating it as empty for now."
    )
    assert lines[0].exc_info is None


def test_the_outage_is_logged_at_most_once_a_minute_per_process(caplog):
    now = [1000.0]
    with (
        mock.patch("core.cache.time.monotonic", lambda: now[0]),
        caplog.at_level(logging.INFO),
    ):
        # Two cache objects (Django makes one per thread) share the process's outage state.
        first, second = DegradingRedisCache(REFUSED_URL, {}), DegradingRedisCache(REFUSED_URL, {})
        for step in range(12):  # two minutes, a call every ten seconds from each
            now[0] = 1000.0 + 10 * step
            assert first.get("k") is None and second.add("k", 1) is False
    assert len(outage_lines(caplog)) == 2  # at 0 s and at 60 s


def test_after_a_failure_the_server_is_left_alone_for_a_few_seconds():
    cache = DegradingRedisCache(REFUSED_URL, {})
    client_calls = []
    real_get_client = cache._cache.get_client

    def counting_get_client(*args, **kwargs):
        client_calls.append(1)
        return real_get_client(*args, **kwargs)

    now = [1000.0]
    with (
        mock.patch("core.cache.time.monotonic", lambda: now[0]),
        mock.patch.object(cache._cache, "get_client", counting_get_client),
    ):
        assert cache.get("k") is None
        tried = len(client_calls)
        assert tried >= 1
        now[0] += degrading.RETRY_AFTER - 1
        assert cache.get("k") is None and cache.add("k", 1) is False
        assert len(client_calls) == tried  # not tried again yet
        now[0] += 2
        assert cache.get("k") is None
        assert len(client_calls) > tried


def test_short_socket_timeouts_by_default():
    cache = DegradingRedisCache(REFUSED_URL, {})
    options = cache._cache._pool_options
    assert options["socket_connect_timeout"] == degrading.SOCKET_TIMEOUT <= 1
    assert options["socket_timeout"] == degrading.SOCKET_TIMEOUT
    own = DegradingRedisCache(REFUSED_URL, {"OPTIONS": {"socket_timeout": 2}})
    assert own._cache._pool_options["socket_timeout"] == 2


def test_the_rate_limit_allows_when_the_shared_cache_is_down(settings, caplog):
    from django.test import RequestFactory

    settings.REGISTRATION_RATE_LIMIT = 1
    cache = DegradingRedisCache(REFUSED_URL, {})
    request = RequestFactory().post("/register/check/", REMOTE_ADDR="203.0.113.50")
    with mock.patch("contact.ratelimit.cache", cache), caplog.at_level(logging.INFO):
        assert [rate_limit_exceeded(request, f"flow-{n}") for n in range(3)] == [
            False,
            False,
            False,
        ]
    # The backend's one line; the rate limit's own "unavailable" fallback never saw an error.
    assert [r.name for r in caplog.records if r.levelno >= logging.WARNING] == ["core.cache"]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {"BACKEND": LOCMEM},
        "shared": {"BACKEND": BACKEND, "LOCATION": REFUSED_URL},
    }
    settings.REGISTRATION_MIN_FILL_SECONDS = 0
    settings.REGISTRATION_RATE_LIMIT = 5
    return settings


@pytest.mark.django_db
def test_with_redis_refusing_every_page_and_a_whole_registration_answer_200(
    redis_down, caplog, django_capture_on_commit_callbacks
):
    site = build_registration_site()
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        pages = {
            "/": client.get("/"),
            "service line": client.get(site.tree.service_line.url),
            "condition": client.get(site.condition.url),
            "A-Z": client.get(site.tree.condition_index.url),
            "standard": client.get(site.privacy_page.url),
            "start": client.get(site.url()),
        }
        answers = valid_answers(site.condition.pk)
        for slug in STEPS:
            pages[f"step {slug}"] = client.get(site.step_url(slug))
            posted = client.post(site.step_url(slug), answers[slug])
            assert posted.status_code == 302, slug
        pages["check"] = client.get(site.check_url)
        with django_capture_on_commit_callbacks(execute=True):
            sent = submit(client, site)
        assert sent.status_code == 302 and sent.url == site.confirmation_url
        pages["confirmation"] = client.get(site.confirmation_url)
    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    registration = Registration.objects.get()
    assert registration.reference in pages["confirmation"].content.decode()
    # The outage was met (the rate limit asked the shared cache) and logged once, not raised.
    assert [r.name for r in caplog.records if r.levelno >= logging.WARNING] == ["core.cache"]


@pytest.fixture
def real_redis():
    cache = DegradingRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    try:
        cache._cache.get_client().ping()
    except Exception as error:  # noqa: BLE001
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Redis at {REDIS_URL}: {error}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    yield cache
    drop_cache_keys(cache)


def test_against_a_real_redis_it_is_an_ordinary_cache(real_redis, caplog):
    cache = real_redis
    with caplog.at_level(logging.INFO):
        assert cache.get("k") is None
        assert cache.add("k", 0, timeout=60) is True
        assert cache.add("k", 5, timeout=60) is False
        assert cache.incr("k") == 1
        assert cache.incr("k", 2) == 3
        cache.set("s", {"a": 1})
        assert cache.get("s") == {"a": 1}
        assert cache.get_many(["k", "s"]) == {"k": 3, "s": {"a": 1}}
        assert cache.has_key("s") is True
        assert cache.delete("s") is True
        assert cache.get("s", "gone") == "gone"
        with pytest.raises(ValueError):
            cache.incr("missing")
    assert outage_lines(caplog) == []


def test_rate_limit_counts_in_a_real_redis(real_redis, settings):
    from django.test import RequestFactory

    settings.REGISTRATION_RATE_LIMIT = 2
    settings.REGISTRATION_RATE_WINDOW_SECONDS = 60
    request = RequestFactory().post("/register/check/", REMOTE_ADDR="203.0.113.51")
    with mock.patch("contact.ratelimit.cache", real_redis):
        assert [rate_limit_exceeded(request, f"flow-{n}") for n in range(3)] == [False, False, True]
