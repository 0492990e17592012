"""A Redis cache backend for which an outage is a cache miss, never an error.

Used for the "shared" cache alias (counters every worker process must agree on, such as the
registration rate limit). What it holds can be lost or briefly unavailable without harm, so a
connection error or timeout answers like an empty cache: ``get`` gives the default, ``add``
and ``set`` store nothing, ``incr`` raises ValueError as for a missing key. The failure is
logged at most once a minute per process. After a failure the server is left alone for a few
seconds, so an unreachable (not refusing) server costs one short timeout, not one per call.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# Seconds: connect and read timeouts (unless OPTIONS set their own), the pause after a failure,
# and the interval between two log lines about the outage.
SOCKET_TIMEOUT = 0.5
RETRY_AFTER = 5.0
LOG_INTERVAL = 60.0


class CacheUnavailable(Exception):
    """Stands for the error while the server is left alone after a failure (never raised)."""


class _Outage:
    """Per process and server: Django makes a cache object per thread, the outage is shared."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.last_logged = None


_outages = {}
_outages_lock = threading.Lock()


def _outage_for(server):
    with _outages_lock:
        return _outages.setdefault(server, _Outage())


class ReusingRedisCacheClient(RedisCacheClient):
    """Django makes a new redis.Redis object (and its table of ~170 reply callbacks) for every
    cache call, a third of the time a page cache hit takes; one per pool is enough (redis-py
    clients are thread-safe and share the pool's connections)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(index))
            self._clients[index] = client
        return client


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS") or {})}
        params["OPTIONS"].setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        params["OPTIONS"].setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._outage = _outage_for(str(server))

    def _call(self, method, *args, miss, **kwargs):
        if time.monotonic() < self._outage.down_until:
            return miss(CacheUnavailable())
        try:
            return method(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            self._record_failure(error)
            return miss(error)

    def _record_failure(self, error):
        outage = self._outage
        now = time.monotonic()
        with outage.lock:
            outage.down_until = now + RETRY_AFTER
            if outage.last_logged is not None and now - outage.last_logged < LOG_INTERVAL:
                return
            outage.last_logged = now
        logger.warning(
            "Shared cache unavailable (%s); treating it as empty for now.", type(error).__name__
        )

    @staticmethod
    def _value(value):
        return lambda _error: value

    @staticmethod
    def _raise_missing(_error):
        raise ValueError("Key not found (shared cache unavailable).")

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super().add
        return self._call(parent, key, value, timeout, version, miss=self._value(False))

    def get(self, key, default=None, version=None):
        return self._call(super().get, key, default, version, miss=self._value(default))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, key, value, timeout, version, miss=self._value(None))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, key, timeout, version, miss=self._value(False))

    def delete(self, key, version=None):
        return self._call(super().delete, key, version, miss=self._value(False))

    def get_many(self, keys, version=None):
        return self._call(super().get_many, keys, version, miss=self._value({}))

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version, miss=self._value(False))

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, key, delta, version, miss=self._raise_missing)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Like the other backends, the keys that could not be stored: all of them.
        failed = list(data)
        return self._call(super().set_many, data, timeout, version, miss=self._value(failed))

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, keys, version, miss=self._value(None))

    def clear(self):
        return self._call(super().clear, miss=self._value(False))
