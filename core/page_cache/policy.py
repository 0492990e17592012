"""Which requests and responses the page cache (and an HTTP cache in front) may serve or keep.

Only what is the same for every reader: anonymous GETs of a Wagtail page without a query
string, from a client with no session or CSRF cookie, answered 200 with HTML that sets no
cookie and holds no form token. Never the admin, previews, or page types listed in
PAGE_CACHE_EXCLUDED_PAGE_TYPES (the registration flow and its confirmation).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

SAFE_METHODS = ("GET", "HEAD")
# Vary values a cached copy may carry: Cookie (no cookie, one copy) and the encoding, which
# the cache stores one copy of per encoding itself.
HARMLESS_VARY = {"cookie", "accept-encoding"}


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def max_age():
    return getattr(settings, "PAGE_CACHE_MAX_AGE", 60)


def shared_max_age():
    return getattr(settings, "PAGE_CACHE_S_MAXAGE", 600)


def stale_while_revalidate():
    return getattr(settings, "PAGE_CACHE_STALE_WHILE_REVALIDATE", 60)


def excluded_prefixes():
    return tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ("/admin/", "/documents/")))


def _private_cookie_names():
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def request_is_cacheable(request):
    """May this request be answered from (and its answer kept in) the page cache?"""
    if not enabled() or request.method not in SAFE_METHODS:
        return False
    if request.META.get("QUERY_STRING"):
        return False  # search results, the flow's ?condition=: not purgeable by URL
    if request.path.startswith(excluded_prefixes()):
        return False
    # A session (staff, a patient in the registration flow) or a form token in progress: the
    # page may be personal, and an anonymous copy must not stand in for it.
    return not (_private_cookie_names() & set(request.COOKIES))


def _is_excluded_page(page):
    if page is None:
        return True
    label = f"{page._meta.app_label}.{page._meta.object_name}".lower()
    excluded = {name.lower() for name in getattr(settings, "PAGE_CACHE_EXCLUDED_PAGE_TYPES", ())}
    return label in excluded


def response_is_cacheable(request, response):
    """May this response be kept and shared between readers?"""
    if response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "is_preview", False):
        return False
    # Only pages Wagtail served (marked by the before_serve_page hook), never other views.
    if _is_excluded_page(getattr(request, "page_cache_page", None)):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value}
    if vary - HARMLESS_VARY:
        return False
    return b"csrfmiddlewaretoken" not in response.content


def mark_public(response):
    """Cache-Control for a page any cache may keep: browsers briefly, shared caches longer."""
    patch_cache_control(
        response,
        public=True,
        max_age=max_age(),
        s_maxage=shared_max_age(),
        stale_while_revalidate=stale_while_revalidate(),
    )


def mark_private(response):
    """HTML that is personal or holds a form token: no shared cache may keep it."""
    if response.has_header("Cache-Control"):
        return
    if response.get("Content-Type", "").startswith("text/html"):
        patch_cache_control(response, private=True)
