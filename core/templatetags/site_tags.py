"""Template helpers for the public pages. None of them query per item."""

from django import template
from django.utils.html import strip_tags
from wagtail.models import Site

register = template.Library()

CARE_LEVEL_ORDER = {"emergency": 0, "urgent": 1, "non_urgent": 2}
ALPHABET = [chr(code) for code in range(ord("A"), ord("Z") + 1)]


def _has_text(rich_text):
    """Rich text counts as present when it has words or an embed (the editor saves '<p></p>')."""
    value = str(rich_text or "")
    return bool(strip_tags(value).strip()) or "<embed" in value


@register.filter
def has_text(rich_text):
    """For `{% if %}` around rich text: a field the editor emptied still holds '<p></p>'."""
    return _has_text(rich_text)


@register.simple_tag
def condition_sections(page, symptom_list=None):
    """The condition page's sections that have content, in page order: {anchor id: heading}.

    The page template shows a section only when its id is here, so the "On this page" list
    and the headings cannot disagree.
    """
    present = {
        "overview": ("Overview", _has_text(page.overview)),
        "causes": (
            "Causes",
            _has_text(page.causes) or bool(page.primary_cancers),
        ),
        "how-it-develops": ("How it develops", _has_text(page.how_it_develops)),
        "symptoms": ("Symptoms", bool(page.symptoms_intro) or bool(symptom_list)),
        "when-to-get-help": ("When to get help", bool(page.when_to_get_help)),
        "treatment": ("Treatment", bool(page.treatment)),
        "our-approach": ("Our approach", bool(page.our_approach)),
        "supportive-care": ("Supportive care", _has_text(page.supportive_care)),
        "references": ("References", bool(page.references)),
        "related-conditions": ("Related conditions", bool(page.live_related_conditions)),
    }
    return {anchor: label for anchor, (label, shown) in present.items() if shown}


@register.filter
def by_urgency(stream_value):
    """Care cards with the most urgent first, so an emergency is never below the fold."""
    return sorted(
        stream_value, key=lambda child: CARE_LEVEL_ORDER.get(child.value.get("level"), 99)
    )


@register.simple_tag
def alphabet(letter_groups):
    """A to Z (plus '#' when used): each letter, its anchor and whether any condition has it."""
    used = {letter for letter, _pages in letter_groups}
    letters = [*ALPHABET, "#"] if "#" in used else ALPHABET
    return [
        {"letter": letter, "anchor": letter_anchor(letter), "used": letter in used}
        for letter in letters
    ]


@register.filter
def letter_anchor(letter):
    # '#' cannot appear in a URL fragment, so titles starting with a digit go under 'other'.
    return f"letter-{letter}" if letter.isalpha() else "letter-other"


@register.simple_tag(takes_context=True)
def conditions_index(context):
    """The live Conditions A–Z page of the current site, or None (one query)."""
    from conditions.models import ConditionIndexPage

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    pages = ConditionIndexPage.objects.live().public()
    if site is not None:
        pages = pages.in_site(site)
    return pages.first()


@register.filter
def first_emergency(stream_value):
    """The first emergency care card's value, for the notice near the top of the page."""
    for child in stream_value:
        if child.value.get("level") == "emergency":
            return child.value
    return None
