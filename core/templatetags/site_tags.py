"""Site-wide template helpers (condition-page tags live in conditions/templatetags)."""

from django import template
from django.utils.html import strip_tags

register = template.Library()


def _has_text(rich_text):
    """Rich text counts as present when it has words or an embed (the editor saves '<p></p>')."""
    value = str(rich_text or "")
    return bool(strip_tags(value).strip()) or "<embed" in value


@register.filter
def has_text(rich_text):
    """For `{% if %}` around rich text: a field the editor emptied still holds '<p></p>'."""
    return _has_text(rich_text)


@register.simple_tag(takes_context=True)
def registration_url(context):
    """The registration page's URL; from a condition page it preselects that condition."""
    from conditions.models import ConditionPage
    from core.models import SiteSettings

    request = context.get("request")
    if request is None:
        return ""
    registration_page = SiteSettings.for_request(request).registration_page
    if registration_page is None or not registration_page.live:
        return ""
    page = context.get("page")
    if page is not None and page.pk == registration_page.pk:
        return ""  # already in the flow: the button would only restart it
    url = registration_page.get_url(request=request)
    if not url:
        return ""
    if isinstance(page, ConditionPage):
        url = f"{url}?condition={page.pk}"
    return url
