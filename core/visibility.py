"""Private sections (Wagtail page view restrictions) read once per content generation.

Wagtail asks the database on every request, for the page being served and for each ``.public()``
listing; a site rarely has a private section at all, so the list of restricted tree paths is
remembered per process (core.generation) and these two answers are worked out from it.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from core import generation


def restricted_paths():
    """Tree paths of the pages that carry a view restriction (their subtrees are private)."""
    return generation.remembered(
        ("restricted-paths",),
        lambda: tuple(
            PageViewRestriction.objects.values_list("page__path", flat=True).order_by("page__path")
        ),
    )


def public_pages(pages):
    """``pages.public()`` without a query: leave out every private section's subtree."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return pages.exclude(private) if private else pages


def may_be_restricted(page):
    """False when no view restriction can apply to ``page`` (nor to the page it aliases)."""
    if page.alias_of_id:
        return True
    return any(page.path.startswith(path) for path in restricted_paths())
