"""Template helpers for linking to the new-patient registration from any page."""

from django import template

from conditions.models import ConditionPage
from contact.models import RegistrationSettings
from core.templatetags.language_tags import in_current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_url(context):
    """The registration page's URL; from a condition page it preselects that condition."""
    request = context.get("request")
    if request is None:
        return ""
    registration_page = RegistrationSettings.for_request(request).registration_page
    if registration_page is None or not registration_page.live:
        return ""
    # The registration page in the reader's language when it is translated (and live).
    registration_page = in_current_language(registration_page)
    page = context.get("page")
    if page is not None and page.pk == registration_page.pk:
        return ""  # already in the flow: the button would only restart it
    url = registration_page.get_url(request=request)
    if not url:
        return ""
    if isinstance(page, ConditionPage):
        url = f"{url}?condition={page.pk}"
    return url
