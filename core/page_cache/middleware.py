"""Serve anonymous readers' pages from the shared cache; keep the ones policy.py allows.

Placed right after WhiteNoise, so that a hit skips sessions, CSRF, authentication and Wagtail
entirely; what the inner middleware added (security headers) is part of the stored copy.
The most read copies are also kept in the worker's memory (local.py: a hit there needs no
round trip to the shared cache; every purge empties them in every process). Kept pages are
compressed once when stored (gzip, Brotli) and served in the encoding the
client takes: they hold no secret (no form token, nothing personal), so compressing them
cannot leak one (BREACH); personal pages and forms are sent uncompressed by the app.
"""

import re

from django.http import HttpResponse

from core import generation
from core.page_cache import local, policy, store

REFUSED = re.compile(r";\s*q\s*=\s*0(\.0*)?\s*$")


def accepted_encodings(request):
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return {
        part.split(";")[0].strip().lower()
        for part in header.split(",")
        if part.strip() and not REFUSED.search(part)
    }


def choose_encoding(request):
    accepted = accepted_encodings(request)
    for encoding in ("br", "gzip"):
        if encoding in store.ENCODINGS and encoding in accepted:
            return encoding
    return "identity"


def build_response(request, headers, body, encoding, *, outcome):
    response = HttpResponse(b"" if request.method == "HEAD" else body, status=200)
    for name, value in headers:
        response[name] = value
    if encoding != "identity":
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))
    response["Vary"] = "Cookie, Accept-Encoding"
    response["X-Page-Cache"] = outcome
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not policy.request_is_cacheable(request):
            return self._pass(request)
        # A hit skips everything after this middleware, Django's host check included: an
        # unknown Host gets its 400 (DisallowedHost) here, never a kept copy.
        request.get_host()
        encoding = choose_encoding(request)
        key = store.key_for(request.path, encoding)
        entry = local.copies.get(key)
        if entry is not None:
            return build_response(request, entry["headers"], entry["body"], encoding, outcome="hit")
        epoch = local.copies.epoch_now()
        lookup = store.Lookup(request.path, encoding)
        if lookup.entry is not None:
            entry = lookup.entry
            local.copies.keep(key, entry, epoch)
            return build_response(request, entry["headers"], entry["body"], encoding, outcome="hit")
        response = self._render(request, lookup.content_token)
        if request.method != "GET" or not policy.response_is_cacheable(request, response):
            policy.mark_private(response)
            return response
        policy.mark_public(response)
        bodies = store.encode(response.content)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in store.DROPPED_HEADERS
        ]
        store.save(lookup, headers, bodies)
        return build_response(request, headers, bodies[encoding], encoding, outcome="miss")

    def _pass(self, request):
        response = self._render(request, None)
        policy.mark_private(response)
        return response

    def _render(self, request, content_token):
        # What the request derives from content (menu, settings) is checked against one
        # reading of the content generation (core.generation).
        token = content_token if content_token is not None else generation.read_token()
        marker = generation.set_request_token(token)
        try:
            return self.get_response(request)
        finally:
            generation.reset_request_token(marker)
