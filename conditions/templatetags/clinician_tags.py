"""Template helpers for clinician profile pages (conditions/models/clinician_page.py)."""

from django import template

from conditions.structured_data import clinician_page_graph
from core.models import SiteSettings
from core.structured_data import json_ld, site_home_url
from core.templatetags.site_tags import share_image

register = template.Library()


@register.simple_tag(takes_context=True)
def clinician_json_ld(context, page, photo=None):
    """The profile page's JSON-LD (conditions/structured_data.py) as a script element."""
    if page.reviewer is None:
        return ""
    request = context["request"]
    image = share_image(context)
    graph = clinician_page_graph(
        page,
        request,
        SiteSettings.for_request(request),
        site_home_url(request),
        request.build_absolute_uri(photo.url) if photo else "",
        image["url"] if image else "",
    )
    return json_ld(graph)
