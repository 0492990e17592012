"""Site-wide template helpers (condition-page tags live in conditions/templatetags)."""

from django import template
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe

from core.models import SiteSettings
from core.phone import link_phone_numbers
from core.structured_data import SCHEMA_CONTEXT, json_ld, organisation, site_home_url

register = template.Library()


def _has_text(rich_text):
    """Rich text counts as present when it has words or an embed (the editor saves '<p></p>')."""
    value = str(rich_text or "")
    return bool(strip_tags(value).strip()) or "<embed" in value


@register.filter
def has_text(rich_text):
    """For `{% if %}` around rich text: a field the editor emptied still holds '<p></p>'."""
    return _has_text(rich_text)


@register.filter
def tel_links(value):
    """Every phone number in rich text (`{{ x|richtext|tel_links }}`) or in a plain settings
    text becomes a tel: link; site.css keeps each one from breaking at its hyphens. Plain text
    is escaped first, so only the links are markup."""
    if value is None or value == "":
        return value
    return mark_safe(link_phone_numbers(conditional_escape(value)))  # noqa: S308 - escaped above


SHARE_IMAGE_SPEC = "fill-1200x630"


def _site_settings(request):
    return SiteSettings.for_request(request)


@register.simple_tag(takes_context=True)
def share_image(context):
    """The site's default share image for Open Graph and Twitter cards: absolute URL, size and
    alt text, or None when none is set."""
    request = context.get("request")
    image = _site_settings(request).share_image if request else None
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.description or image.title,
    }


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """The hospital as schema.org JSON-LD, for the home page."""
    request = context["request"]
    home_url = site_home_url(request)
    image = share_image(context)
    data = organisation(_site_settings(request), home_url, image["url"] if image else "")
    return json_ld({"@context": SCHEMA_CONTEXT, **data})
