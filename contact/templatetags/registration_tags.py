"""Template helpers for linking to the new-patient registration from any page."""

from django import template

from conditions.models import ConditionPage
from contact.models import RegistrationSettings
from core.templatetags.language_tags import in_current_language

register = template.Library()


def _registration_page(context):
    request = context.get("request")
    if request is None:
        return None
    page = RegistrationSettings.for_request(request).registration_page
    return page if page is not None and page.live else None


@register.simple_tag(takes_context=True)
def registration_url(context):
    """The registration page's URL; from a condition page it preselects that condition."""
    registration_page = _registration_page(context)
    if registration_page is None:
        return ""
    # The registration page in the reader's language when it is translated (and live).
    registration_page = in_current_language(registration_page)
    page = context.get("page")
    if page is not None and page.pk == registration_page.pk:
        return ""  # already in the flow: the button would only restart it
    url = registration_page.get_url(request=context["request"])
    if not url:
        return ""
    if isinstance(page, ConditionPage):
        url = f"{url}?condition={page.pk}"
    return url


@register.simple_tag(takes_context=True)
def menu_url(context, item):
    """A main-menu item's URL. The registration page's item keeps the condition of the
    condition page it is clicked from, like every other registration link."""
    registration_page = _registration_page(context)
    # The item may be the registration page's translation (the Spanish menu lists that).
    if registration_page is not None and item.translation_key == registration_page.translation_key:
        url = registration_url(context)
        if url:
            return url
    return item.get_url(request=context.get("request"))


@register.filter
def is_condition_page(page):
    """For link text: "Register … for Spinal metastases" when the link preselects it."""
    return isinstance(page, ConditionPage)
