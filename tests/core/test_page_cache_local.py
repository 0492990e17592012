"""A worker's in-memory copies of kept pages (core/page_cache/local.py), against a real Redis:
served only while the purge listener is subscribed, emptied by every purge from any process,
never kept when a purge arrived while they were being read, and expired after a while."""

import os
import time
import uuid

import pytest
from django.core.cache import caches

from core.page_cache import local, store

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ENTRY = {"token": "t", "headers": [], "body": b"<html>kept</html>"}


@pytest.fixture
def redis_shared(settings):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }
    try:
        caches["shared"]._cache.get_client().ping()
    except Exception as error:  # noqa: BLE001
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Redis at {REDIS_URL}: {error}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    copies = local.LocalCopies()
    copies.epoch_now()  # starts the listener
    wait_for(lambda: copies.listening)
    yield copies
    caches["shared"].clear()


def wait_for(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within 5 s"
        time.sleep(0.01)


def test_a_kept_copy_is_served_until_any_purge(redis_shared):
    copies = redis_shared
    copies.keep("page:br:/a/", ENTRY, copies.epoch_now())
    assert copies.get("page:br:/a/") == ENTRY
    store.forget_paths(["/somewhere-else/"])  # what any process's purge does
    wait_for(lambda: copies.get("page:br:/a/") is None)
    copies.keep("page:br:/a/", ENTRY, copies.epoch_now())
    store.new_pages_token()  # forgetting every page
    wait_for(lambda: copies.get("page:br:/a/") is None)


def test_a_copy_read_before_a_purge_notice_is_not_kept(redis_shared):
    copies = redis_shared
    epoch = copies.epoch_now()
    before = copies.epoch
    store.forget_paths(["/a/"])
    wait_for(lambda: copies.epoch != before)
    copies.keep("page:br:/a/", ENTRY, epoch)
    assert copies.get("page:br:/a/") is None


def test_copies_expire_and_are_bounded(redis_shared, settings):
    copies = redis_shared
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    for path in ("/a/", "/b/", "/c/"):
        copies.keep(f"page:br:{path}", ENTRY, copies.epoch_now())
    assert [copies.get(f"page:br:{p}") is not None for p in ("/a/", "/b/", "/c/")] == [
        False,
        True,
        True,
    ]
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    time.sleep(0.01)
    assert copies.get("page:br:/c/") is None


def test_without_redis_nothing_is_kept_locally(db):
    copies = local.LocalCopies()  # the test settings' shared cache is in process memory
    copies.keep("page:br:/a/", ENTRY, copies.epoch_now())
    assert copies.get("page:br:/a/") is None
