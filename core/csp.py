"""Content-Security-Policy: strict on the public site, one the Wagtail admin works under.

The public policy is django-csp's ``CONTENT_SECURITY_POLICY`` setting (no inline script or
style, nothing from other origins). The Wagtail admin needs inline scripts and styles, so under
its URL prefix the enforced policy keeps only what the admin never breaks (framing, form
targets, <base>, plugins) and the public policy is sent report-only, for a developer's console.

Violations of the enforced public policy are posted by the browser to ``csp_report``, which
logs one line per report (never a query string).
"""

import base64
import hashlib
import json
import logging
import re
from functools import lru_cache
from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger(__name__)

ADMIN_ENFORCED_DIRECTIVES = {
    "frame-ancestors": [NONE],
    "form-action": [SELF],
    "base-uri": [NONE],
    "object-src": [NONE],
}
STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
MAX_REPORT_BYTES = 16 * 1024
MAX_FIELD_CHARS = 200


@lru_cache(maxsize=1)
def _admin_prefix():
    return reverse("wagtailadmin_home")


@lru_cache(maxsize=1)
def _server_error_style_hashes():
    """Hashes of the inline <style> of 500.html, which is rendered without a request or
    static files (it must work when little else does) and so cannot link a stylesheet."""
    try:
        html = render_to_string("500.html")
    except Exception:  # noqa: BLE001 - a broken template must not break the 500 response
        return ()
    digests = (hashlib.sha256(css.encode()).digest() for css in STYLE_BLOCK.findall(html))
    return tuple(f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests)


def _public_directives():
    return (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("DIRECTIVES", {})


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin policy, and ``frame-ancestors`` 'self' for
    Wagtail's previews (and whatever else X-Frame-Options allows SAMEORIGIN framing; everything
    else is DENY). Goes before XFrameOptionsMiddleware so that it sees the final header."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        in_admin = request.path_info.startswith(_admin_prefix())
        # A view's own @csp(...) decorator wins over the admin default.
        if in_admin and parts.config is None:
            public = _public_directives()
            if report_only:
                # For the browser console only: the admin breaks it on every page, so reports
                # would flood the endpoint. Browsers ignore frame-ancestors in report-only.
                dropped = ("frame-ancestors", "report-uri")
                parts.config = {k: v for k, v in public.items() if k not in dropped}
            else:
                parts.config = {**ADMIN_ENFORCED_DIRECTIVES, "report-uri": public.get("report-uri")}
        if report_only:
            return parts
        replace = dict(parts.replace or {})
        # Wagtail renders a page preview through the whole middleware stack on a dummy request
        # for the page's public URL (is_preview), so it gets the public policy; the admin shows
        # it in an iframe of its own origin.
        framable = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        if framable or getattr(request, "is_preview", False):
            replace.setdefault("frame-ancestors", [SELF])
        if response.status_code == 500 and not in_admin:
            replace.setdefault("style-src", [SELF, *_server_error_style_hashes()])
        parts.replace = replace or None
        return parts


def _without_query(value):
    """A reported URL reduced to scheme, host and path; keywords ("inline") unchanged."""
    value = str(value or "")
    if "/" in value:
        parts = urlsplit(value)
        value = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path
    # Keep one report one short line: no control characters, bounded length.
    return value.encode("unicode_escape").decode("ascii")[:MAX_FIELD_CHARS] or "-"


def _reports(data):
    """(disposition, directive, blocked, document) from either report format."""
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):  # report-uri
        report = data["csp-report"]
        yield (
            report.get("disposition", "enforce"),
            report.get("effective-directive") or report.get("violated-directive"),
            report.get("blocked-uri"),
            report.get("document-uri"),
        )
    elif isinstance(data, list):  # Reporting API (report-to)
        for item in data[:10]:
            body = item.get("body") if isinstance(item, dict) else None
            if isinstance(body, dict) and item.get("type") == "csp-violation":
                yield (
                    body.get("disposition", "enforce"),
                    body.get("effectiveDirective"),
                    body.get("blockedURL"),
                    body.get("documentURL"),
                )


@csrf_exempt
@require_POST
def csp_report(request):
    """Log each violation report in one line: what was blocked, by which directive, on which
    path. Answers 204 whatever it is sent, so a browser never retries."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_REPORT_BYTES + 1
    if length > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        data = json.loads(request.body)
    except ValueError:
        return HttpResponse(status=400)
    for disposition, directive, blocked, document in _reports(data):
        level = logging.WARNING if disposition == "enforce" else logging.INFO
        logger.log(
            level,
            "CSP violation (%s): %s blocked %s on %s",
            _without_query(disposition),
            _without_query(directive),
            _without_query(blocked),
            _without_query(urlsplit(str(document or "")).path),
        )
    return HttpResponse(status=204)
