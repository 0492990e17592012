"""schema.org JSON-LD for search engines: the organisation, its new-patient contact point and
breadcrumbs. Condition pages add theirs in conditions/structured_data.py.

JSON-LD is a data block (<script type="application/ld+json">): browsers never run it, so the
Content-Security-Policy neither blocks it nor needs a nonce or hash for it.
"""

import json

from django.utils.safestring import mark_safe
from wagtail.models import Site

SCHEMA_CONTEXT = "https://schema.org"
# As django.utils.html.json_script: no editor's text can close the element or open a comment.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """``data`` as a JSON-LD script element. <, > and & are escaped as in json_script, so no
    editor's text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def site_home_url(request):
    """The absolute URL of the site's home page (the Site's configured root URL)."""
    site = Site.find_for_request(request)
    return f"{site.root_url}/" if site else request.build_absolute_uri("/")


def organisation_id(home_url):
    return f"{home_url}#organization"


def new_patient_contact_point(site_settings):
    """The number new patients call, or None when the site has none."""
    if not site_settings.phone_tel:
        return None
    return {
        "@type": "ContactPoint",
        "contactType": "new patients",
        "telephone": site_settings.phone_tel,
        "availableLanguage": "English",
    }


def organisation(site_settings, home_url, image_url=""):
    """The hospital: name, address of the site, telephone and the new-patient contact point."""
    data = {
        "@type": "Hospital",
        "@id": organisation_id(home_url),
        "name": site_settings.organisation_name,
        "url": home_url,
    }
    contact_point = new_patient_contact_point(site_settings)
    if contact_point:
        data["telephone"] = site_settings.phone_tel
        data["contactPoint"] = [contact_point]
    if image_url:
        data["image"] = image_url
    return data


def breadcrumb_list(page, request, url=None):
    """The page's visible breadcrumb trail (ancestors below the tree root, then the page)."""
    trail = [*page.get_breadcrumbs(), page]
    return {
        "@type": "BreadcrumbList",
        "@id": f"{url or page.get_full_url(request)}#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": item.title,
                "item": item.get_full_url(request),
            }
            for position, item in enumerate(trail, start=1)
        ],
    }
