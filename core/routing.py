"""Finding a page from its URL in two queries, whatever its depth.

Wagtail's ``Page.route`` walks down from the site root, two queries per level (the child by
slug, then its specific type). Pages' ``url_path`` already spells the whole path, so one query
finds the page and its ancestors on the way, and one more loads the page's own type. The
ancestors are kept as each page's parent, which the breadcrumb trail then reuses.
"""

import copy

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site

from core import generation, i18n


def route_by_url_path(root, request, path_components):
    """The route result for ``path_components`` below ``root``, or None to let Wagtail walk
    the tree (a path that is not exactly a page's, such as a routable page's sub-URL).

    The pages found are remembered per content generation (core.generation: any publish,
    move or deletion starts a new one), so a page whose rendered parts are kept too
    (core/templatetags/fragment_cache.py) is served without a query. Each request gets its
    own copies of them, since Wagtail and the templates attach per-request state."""
    if not path_components:
        return None
    key = ("route", root.pk, root.url_path, tuple(path_components))
    # Only paths that are pages' are remembered: the set stays as small as the site.
    chain = generation.remembered(
        key, lambda: _find_chain(root, path_components), keep=lambda found: found is not None
    )
    if chain is None:
        return None
    parent = root
    for page in chain[:-1]:
        page = copy.copy(page)
        page._cached_parent_obj = parent
        parent = page
    target = copy.copy(chain[-1])
    target._cached_parent_obj = parent
    # The page's own route decides the rest (a draft is a 404; a routable page serves its
    # index route), exactly as at the end of Wagtail's walk.
    return target.route(request, [])


def _find_chain(root, path_components):
    """The pages from the first below ``root`` down to the one at the path (the last in its
    own type), or None when the path is not exactly a page's."""
    prefixes, url_path = [], root.url_path
    for component in path_components:
        url_path = f"{url_path}{component}/"
        prefixes.append(url_path)
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path)
    }
    if len(found) != len(prefixes):
        return None
    return [found[prefix] for prefix in prefixes[:-1]] + [found[prefixes[-1]].specific]


class RememberedSiteMiddleware:
    """Find the request's Wagtail site, with its root page in its own type, once per content
    generation (core.generation) instead of two queries per request. Each request gets its own
    copies, since Wagtail and the routing above attach per-request state to them.

    The root is the home page in the URL's language (Wagtail routes from
    ``site.root_page.localized``): the Spanish home for /es/…, remembered per language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            # Only host names the site answers to are remembered (a bounded set); Django
            # answers any other with a 400 further on.
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            return self.get_response(request)
        port = request.get_port()
        language = i18n.language_of_path(request.path_info)
        found = generation.remembered(
            ("site", hostname, port, language), lambda: _site_and_root(request, language)
        )
        if found is not None:
            site, root = copy.copy(found[0]), copy.copy(found[1])
            site.root_page = root
            request._wagtail_site = site
        return self.get_response(request)


def _site_and_root(request, language):
    site = Site._find_for_request(request)
    if site is None:
        return None
    with translation.override(language):
        return site, site.root_page.localized.specific
