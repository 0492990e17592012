"""Entries of the page cache in the ``shared`` cache alias.

An entry is keyed by the page's path and encoding (identity, gzip, br: a hit reads only the
body it sends). It remembers the token of the "pages generation" it was
stored under: forgetting every page at once (site settings, the menu) is a new token, one
write, and copies under an older token are ignored. Looking a page up reads the entry, that
token and the content generation (core.generation) in one round trip. With the shared cache
down every lookup is a miss and nothing is stored (core.cache.DegradingRedisCache).
"""

import gzip
import uuid

from django.conf import settings
from django.core.cache import caches

from core import generation
from core.page_cache import local

try:  # Brotli for clients that take it; gzip alone without the package.
    import brotli
except ImportError:  # pragma: no cover - the package is a dependency
    brotli = None

CACHE_ALIAS = "shared"
PAGES_GENERATION_KEY = "page-cache-generation"
KEY_PREFIX = "page:"
# Response headers a copy keeps; Set-Cookie never (no such response is stored anyway).
PURGE_MARKER_SECONDS = 120
DROPPED_HEADERS = {"set-cookie", "content-length", "content-encoding", "date", "vary"}


def _cache():
    return caches[CACHE_ALIAS]


def timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 600)


ENCODINGS = ("identity", "gzip", "br") if brotli is not None else ("identity", "gzip")


def key_for(path, encoding):
    return f"{KEY_PREFIX}{encoding}:{path}"


class Lookup:
    """What one round trip to the shared cache told about a request's page, in the encoding
    the client takes (middleware.choose_encoding)."""

    def __init__(self, path, encoding):
        self.path, self.encoding = path, encoding
        self.key = key_for(path, encoding)
        found = _cache().get_many([self.key, PAGES_GENERATION_KEY, generation.GENERATION_KEY])
        self.pages_token = found.get(PAGES_GENERATION_KEY)
        self.content_token = found.get(generation.GENERATION_KEY)
        entry = found.get(self.key)
        # A purge leaves a marker: a copy rendered before the purge must not be stored after it.
        self.purge_seen = entry.get("purged") if entry else None
        self.entry = (
            entry
            if entry is not None
            and self.pages_token is not None
            and entry.get("token") == self.pages_token
            else None
        )


def new_pages_token():
    """Forget every stored page (they were stored under the old token)."""
    token = uuid.uuid4().hex
    _cache().set(PAGES_GENERATION_KEY, token, timeout=None)
    local.announce_purge()
    return token


def ensure_pages_token(lookup):
    """The pages token, made on the first store (or after the shared cache lost it)."""
    if lookup.pages_token is not None:
        return lookup.pages_token
    token = uuid.uuid4().hex
    if _cache().add(PAGES_GENERATION_KEY, token, timeout=None):
        return token
    return _cache().get(PAGES_GENERATION_KEY)  # another process was first, or the cache is down


def encode(content):
    """The body in every encoding the cache serves: compressed once, when stored."""
    encoded = {"identity": content, "gzip": gzip.compress(content, compresslevel=6, mtime=0)}
    if brotli is not None:
        encoded["br"] = brotli.compress(content, quality=5)
    return encoded


def save(lookup, headers, encoded):
    token = ensure_pages_token(lookup)
    if token is None:
        return
    current = _cache().get(lookup.key) or {}
    if current.get("purged") != lookup.purge_seen:
        return  # purged while this copy was being rendered: it may be out of date
    entries = {
        key_for(lookup.path, encoding): {"token": token, "headers": headers, "body": body}
        for encoding, body in encoded.items()
    }
    _cache().set_many(entries, timeout=timeout())


def forget_paths(paths):
    """Forget these pages, leaving a marker that lasts longer than any render."""
    marker = {"purged": uuid.uuid4().hex}
    data = {key_for(path, encoding): marker for path in set(paths) for encoding in ENCODINGS}
    if data:
        _cache().set_many(data, timeout=PURGE_MARKER_SECONDS)
        local.announce_purge()
