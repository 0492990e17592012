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
    the tree (a path that is not exactly a page's, such as a routable page's sub-URL)."""
    if not path_components:
        return None
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
    parent = root
    for prefix in prefixes[:-1]:
        found[prefix]._cached_parent_obj = parent
        parent = found[prefix]
    target = found[prefixes[-1]].specific
    target._cached_parent_obj = parent
    # The page's own route decides the rest (a draft is a 404; a routable page serves its
    # index route), exactly as at the end of Wagtail's walk.
    return target.route(request, [])


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
