"""Refuse malformed requests with a 400 and one log line, before anything else reads them.

Without this, Django answers a form POST with an unusable charset (e.g. ``charset=utf-7``)
with a 500 and a cascade of tracebacks: the body raises BadRequest, then the 400 and 500
handlers each run the CSRF check, which reads the body and raises again. A NUL character in a
query parameter or form field reaches the database, which PostgreSQL refuses (another 500).
"""

import codecs

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpResponseBadRequest, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.http import parse_header_parameters
from django.utils.log import log_response

# Charsets a browser may label a request body or query string with. Anything else (UTF-7 and
# its kind can smuggle markup past filters) is refused rather than decoded.
ALLOWED_CHARSETS = {"utf-8", "ascii", "iso8859-1", "cp1252"}
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
NUL = "\x00"


def _charset_problem(request):
    content_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    charset = params.get("charset")
    if charset is None:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return "unknown charset"
    if name not in ALLOWED_CHARSETS:
        return "unsupported charset"
    # Django only decodes URL-encoded forms as UTF-8 (and raises for anything else).
    if content_type == "application/x-www-form-urlencoded" and name != "utf-8":
        return "unsupported charset"
    return None


def _has_nul(query_dict):
    return any(NUL in key or any(NUL in v for v in values) for key, values in query_dict.lists())


def _problem(request):
    if NUL in request.path_info:
        return "NUL in path"
    problem = _charset_problem(request)
    if problem:
        return problem
    if _has_nul(request.GET):
        return "NUL in query string"
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
        return "NUL in cookie"
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        try:
            if _has_nul(request.POST):
                return "NUL in form field"
        except (
            BadRequest,
            SuspiciousOperation,
            MultiPartParserError,
            UnreadablePostError,
        ) as error:
            return f"unreadable form ({type(error).__name__})"
    return None


class RejectMalformedRequestsMiddleware:
    """Answer 400 to requests that Django or the database would otherwise fail on with a 500.

    Goes early in MIDDLEWARE: before the session (cookies) and CSRF (form body) middleware.
    The log line names the reason and the path, never the query string or a value.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = _problem(request)
        if problem is None:
            return self.get_response(request)
        response = HttpResponseBadRequest("Bad request.", content_type="text/plain; charset=utf-8")
        # log_response writes the one line (django.request, WARNING) and marks the response as
        # logged, so Django's handler does not add a second "Bad Request" line.
        log_response(
            "Bad request refused (%s): %s %s",
            problem,
            request.method,
            request.path_info,
            response=response,
            request=request,
        )
        return response
