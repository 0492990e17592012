"""The sitemap in every language: Wagtail's lists only the pages below the site's root page,
which are the English ones; the Spanish pages sit below the Spanish home, its translation."""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        homes = root.get_translations(inclusive=True).values_list("path", flat=True)
        below_a_home = reduce(or_, (Q(path__startswith=path) for path in homes))
        return (
            Page.objects.filter(below_a_home)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
