"""Languages of the public site: English at unprefixed URLs, every other language under its
own prefix (/es/…), chosen by the URL alone.

Django's LocaleMiddleware adds ``Vary: Accept-Language`` to every unprefixed response, though
with ``prefix_default_language=False`` such a URL is always the default language. That header
would stop the page cache (and Varnish) keeping any English page, so it is left off here: the
URL says the language, and each language's copy has its own URL.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PathLocaleMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        vary_before = response.get("Vary")
        response = super().process_response(request, response)
        if vary_before is None:
            del response["Vary"]
        else:
            response["Vary"] = vary_before
        return response


def language_of_path(path):
    """The language a URL path is in: its prefix's, else the default."""
    return translation.get_language_from_path(path) or default_language()


def default_language():
    return settings.LANGUAGE_CODE


def strip_language_prefix(path):
    """``/es/a/b/`` → ``/a/b/``: the path below the language prefix (unchanged without one)."""
    language = translation.get_language_from_path(path)
    if language and language != default_language():
        prefix = f"/{language}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
        if path == f"/{language}":
            return "/"
    return path
