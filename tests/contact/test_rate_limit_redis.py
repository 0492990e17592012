"""The rate limit holds across worker processes when the cache is Redis, as in production.

Each worker process has its own cache client; two independent clients on one Redis server
stand in for two workers. CI runs a Redis server, so there this test must run, not skip.
"""

import os
import uuid
from unittest import mock

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from contact.ratelimit import rate_limit_exceeded
from tests.core.builders import drop_cache_keys

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_client(prefix):
    return RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})


@pytest.fixture
def worker_caches():
    prefix = f"test-{uuid.uuid4().hex}"
    first, second = redis_client(prefix), redis_client(prefix)
    try:
        first.get("ping")
    except Exception as error:  # noqa: BLE001
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Redis at {REDIS_URL}: {error}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    yield first, second
    drop_cache_keys(first)


def test_two_workers_share_one_allowance(worker_caches, settings):
    settings.REGISTRATION_RATE_LIMIT = 3
    settings.REGISTRATION_RATE_WINDOW_SECONDS = 60
    first, second = worker_caches
    request = RequestFactory().post("/register/check/", REMOTE_ADDR="203.0.113.50")

    results = []
    for number, worker in enumerate((first, second, first, second)):
        with mock.patch("contact.ratelimit.cache", worker):
            results.append(rate_limit_exceeded(request, f"flow-{number}"))

    # Three flows pass in all, whichever worker took them; the fourth is refused.
    assert results == [False, False, False, True]
    # A flow already counted by one worker is not counted again by the other (a double click).
    with mock.patch("contact.ratelimit.cache", second):
        assert rate_limit_exceeded(request, "flow-0") is False
    other_client = RequestFactory().post("/register/check/", REMOTE_ADDR="198.51.100.4")
    with mock.patch("contact.ratelimit.cache", second):
        assert rate_limit_exceeded(other_client, "flow-9") is False
