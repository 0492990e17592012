"""Template helpers for condition pages, service lines and the A–Z index. None query per item.

The home page (a core template) lists its service lines and links the A–Z page through the
tags here, so core's models never import conditions.
"""

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Site

from conditions.blocks import CareLevel, care_card_value
from conditions.emergency import emergency_signs_phrase, first_emergency_card
from conditions.models import ConditionIndexPage, ServiceLinePage
from conditions.structured_data import condition_page_graph
from core.models import SiteSettings
from core.structured_data import json_ld, site_home_url
from core.templatetags.site_tags import has_text, share_image
from core.visibility import public_pages

register = template.Library()

# Most urgent first; a card with an unknown level sorts last.
CARE_LEVEL_ORDER = {CareLevel.EMERGENCY: 0, CareLevel.URGENT: 1, CareLevel.NON_URGENT: 2}
ALPHABET = [chr(code) for code in range(ord("A"), ord("Z") + 1)]


@register.simple_tag
def condition_sections(page, symptom_list=None):
    """The condition page's sections that have content, in page order: {anchor id: heading}.

    The page template shows a section only when its id is here, so the "On this page" list
    and the headings cannot disagree.
    """
    # NHS.UK's order: what you notice and when to get help first, then the explanation.
    present = {
        "symptoms": (_("Symptoms"), bool(page.symptoms_intro) or bool(symptom_list)),
        "when-to-get-help": (_("When to get help"), bool(by_urgency(page.when_to_get_help))),
        "overview": (_("Overview"), has_text(page.overview)),
        "causes": (
            _("Causes"),
            has_text(page.causes) or bool(page.primary_cancers),
        ),
        "how-it-develops": (_("How it develops"), has_text(page.how_it_develops)),
        "diagnosis": (_("Diagnosis and tests"), has_text(page.diagnosis)),
        "treatment": (_("Treatment"), bool(page.treatment)),
        "outlook": (_("Outlook and living with it"), has_text(page.outlook)),
        "our-approach": (_("Our approach"), bool(page.our_approach)),
        "supportive-care": (_("Supportive care"), has_text(page.supportive_care)),
        "questions-to-ask": (
            _("Questions to ask at your appointment"),
            bool(page.questions_to_ask),
        ),
        "references": (_("References"), bool(page.references)),
        "related-conditions": (_("Related conditions"), bool(page.live_related_conditions)),
    }
    return {anchor: label for anchor, (label, shown) in present.items() if shown}


@register.filter
def by_urgency(stream_value):
    """Care cards with the most urgent first, so an emergency is never below the fold."""
    cards = [child for child in stream_value if care_card_value(child) is not None]
    return sorted(
        cards, key=lambda child: CARE_LEVEL_ORDER.get(care_card_value(child).get("level"), 99)
    )


@register.filter
def first_emergency(stream_value):
    """The first emergency care card's value, for the banner near the top of the page."""
    return first_emergency_card(stream_value)


@register.filter
def emergency_signs(card):
    """The end of the banner's "Call 911 if you have …" (conditions/emergency.py's rule)."""
    return emergency_signs_phrase(card)


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
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    pages = public_pages(ConditionIndexPage.objects.live())
    if site is not None:
        pages = pages.in_site(site)
    return pages.first()


@register.simple_tag
def service_lines(home_page):
    """The live, public service lines under the home page, in tree order (one query)."""
    return public_pages(ServiceLinePage.objects.child_of(home_page).live())


@register.simple_tag(takes_context=True)
def condition_json_ld(context, page, symptom_list):
    """The condition page's JSON-LD (conditions/structured_data.py) as a script element."""
    request = context["request"]
    home_url = site_home_url(request)
    image = share_image(context)
    graph = condition_page_graph(
        page,
        request,
        SiteSettings.for_request(request),
        symptom_list,
        home_url,
        image["url"] if image else "",
    )
    return json_ld(graph)
