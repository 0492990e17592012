"""Copies of kept pages in each worker process's memory, so that a hit needs no round trip to
the shared cache (a page cache hit was mostly that round trip).

A copy is only served while this process listens to the purge channel (Redis pub/sub): every
purge (store.forget_paths, store.new_pages_token) publishes a notice after its writes, and the
listener then forgets every copy of this process. A copy read before a notice arrived is not
kept. Copies also expire after PAGE_CACHE_LOCAL_SECONDS, a bound on staleness should a notice
ever be lost (Redis flushed, say). Without Redis as the shared cache (tests, development) or
with PAGE_CACHE_LOCAL_ENTRIES=0 there are no local copies: each lookup asks the shared cache.
"""

import os
import threading
import time
from collections import OrderedDict
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.core.cache import caches

from core.cache import DegradingRedisCache

CACHE_ALIAS = "shared"


def channel():
    """Pub/sub channels span a Redis server's databases: one per database and key prefix."""
    cache = caches[CACHE_ALIAS]
    database = urlsplit(settings.CACHES[CACHE_ALIAS]["LOCATION"]).path
    return f"page-cache-purged:{database}:{cache.key_prefix}"


def _redis_cache():
    """The shared cache when it is Redis, else None (no other process to tell)."""
    cache = caches[CACHE_ALIAS]
    return cache if isinstance(cache, DegradingRedisCache) else None


def max_entries():
    return getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 200)


def max_seconds():
    return getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 30)


def announce_purge():
    """Tell every process to forget its copies (called after the purge's own writes)."""
    cache = _redis_cache()
    if cache is None:
        return
    # An outage is the shared cache's (logged once a minute there); copies expire on their own.
    publish = cache._cache.get_client(write=True).publish
    cache._call(publish, channel(), b"1", miss=lambda _error: None)


class LocalCopies:
    def __init__(self):
        self.lock = threading.RLock()
        self.entries = OrderedDict()
        self.epoch = 0  # moves on at every notice and whenever the listener stops
        self.listening = False
        self.pid = None

    def _start_listener(self):
        """One listener thread per process (gunicorn forks workers after importing)."""
        if self.pid == os.getpid():
            return
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self._forget(listening=False)
        if max_entries() and _redis_cache() is not None:
            threading.Thread(target=self._listen, name="page-cache-purges", daemon=True).start()

    def _listen(self):
        while True:
            try:
                # Its own connection: the shared cache's sockets time out after half a second,
                # a listener waits for as long as no page is purged.
                listener = redis.Redis.from_url(
                    settings.CACHES[CACHE_ALIAS]["LOCATION"],
                    socket_connect_timeout=1,
                    socket_keepalive=True,
                )
                pubsub = listener.pubsub()
                pubsub.subscribe(channel())
                for message in pubsub.listen():
                    # Copies are served from the moment Redis confirms the subscription:
                    # every later purge reaches this process.
                    self._forget(listening=True)
                    del message
            except Exception:  # noqa: BLE001 - reconnect after any failure, serving no copy
                self._forget(listening=False)
                time.sleep(1)

    def _forget(self, *, listening):
        with self.lock:
            self.entries.clear()
            self.epoch += 1
            self.listening = listening

    def epoch_now(self):
        self._start_listener()
        return self.epoch

    def get(self, key):
        if not self.listening:
            return None
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            kept_at, entry = found
            if time.monotonic() - kept_at > max_seconds():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def keep(self, key, entry, epoch):
        """Keep ``entry``, read from the shared cache when the epoch was ``epoch``."""
        with self.lock:
            if not self.listening or epoch != self.epoch:
                return  # a notice arrived (or the listener stopped) since it was read
            self.entries[key] = (time.monotonic(), entry)
            self.entries.move_to_end(key)
            while len(self.entries) > max_entries():
                self.entries.popitem(last=False)


copies = LocalCopies()
