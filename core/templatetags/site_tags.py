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
