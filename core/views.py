"""Site-wide views that belong to no feature."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from wagtail.models import Locale, Page, Site

from core.models import SearchSettings
from core.search import SiteSearch


def no_store(response):
    """Pages showing personal answers must not be kept by the browser's or any shared cache."""
    patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
    return response


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a friendly 403 with the phone number.

    A patient whose cookies were cleared, or who left a form open for a long time, lands here
    from a step or the final "Send". It echoes nothing from the request (no answers, no reason
    text), and is never cached.
    """
    return no_store(render(request, "403_csrf.html", status=403))


def search(request):
    """/search/?q=: the site search (core/search.py). The query is neither stored nor logged;
    request lines are logged without query strings (core/logging.py)."""
    site = Site.find_for_request(request)
    pages = Page.objects.live().public()
    pages = pages.in_site(site) if site else pages.none()
    # Pages in the language of the search (/es/search/ finds Spanish pages).
    pages = pages.filter(locale=Locale.get_active())
    synonyms = SearchSettings.for_site(site).synonyms if site else ""
    outcome = SiteSearch(request.GET.get("q", ""), pages, synonyms).run()
    return render(request, "core/search_results.html", {"search": outcome})


def robots_txt(request):
    """robots.txt: everything public may be crawled; the admin may not; where the sitemap is."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")
