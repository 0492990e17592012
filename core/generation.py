"""A content generation: one token in the shared cache that changes whenever published content,
site settings or page privacy change, so that every worker process can keep what it derives from
them (the menu, the site settings, the private sections) in its own memory between requests.

Reading the token costs one shared-cache round trip, done once per request by the page cache
middleware (``current_token``). With the shared cache unavailable the token is unknown and
nothing is remembered: every value is read from the database, as without this module.
"""

import contextvars
import threading
import uuid

from django.core.cache import caches

CACHE_ALIAS = "shared"
GENERATION_KEY = "content-generation"

# The token read for the request being served (set by the page cache middleware), so that a
# request reads it once; None outside a request, where each call reads it afresh.
_request_token = contextvars.ContextVar("content_generation_token", default=None)
_memo = {}
_memo_lock = threading.Lock()
MISSING = object()


def read_token():
    """The current token, '' when none was ever set, or None when the shared cache is down."""
    cache = caches[CACHE_ALIAS]
    token = cache.get(GENERATION_KEY, MISSING)
    if token is MISSING:
        # Never set, evicted or unreachable: set one so that every process agrees from now on.
        # add() fails (False) both when another process was first and when Redis is down.
        fresh = uuid.uuid4().hex
        if cache.add(GENERATION_KEY, fresh, timeout=None):
            return fresh
        token = cache.get(GENERATION_KEY, MISSING)
        return None if token is MISSING else token
    return token


def current_token():
    token = _request_token.get()
    return token if token is not None else read_token()


def set_request_token(token):
    return _request_token.set(token)


def reset_request_token(marker):
    _request_token.reset(marker)


def bump():
    """A new generation: every process forgets what it derived from the old one."""
    caches[CACHE_ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    _request_token.set(None)
    with _memo_lock:
        _memo.clear()


def remembered(key, build, *, keep=lambda value: True):
    """``build()``, remembered in this process until the generation changes (only if
    ``keep(value)``: a caller whose keys come from requests keeps what exists, never misses)."""
    token = current_token()
    if token is None:
        return build()
    with _memo_lock:
        entry = _memo.get(key)
    if entry is not None and entry[0] == token:
        return entry[1]
    value = build()
    if keep(value):
        with _memo_lock:
            _memo[key] = (token, value)
    return value
