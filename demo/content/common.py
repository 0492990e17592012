"""Small builders for stream values and the fictional organisation's name and number."""

from conditions.factories import (
    CareCardBlockFactory,
    PrimaryCancerBlockFactory,
    ReferenceBlockFactory,
    TreatmentOptionBlockFactory,
)
from core.factories import (
    CalloutBlockFactory,
    HeadingBlockFactory,
    ParagraphBlockFactory,
    QuoteBlockFactory,
)

ORGANISATION = "Aldercrest University Health"
PHONE = "1-888-555-0142"


def heading(text, level="h2"):
    return ("heading", HeadingBlockFactory(text=text, level=level))


def paragraph(html):
    return ("paragraph", ParagraphBlockFactory(value=html))


def callout(title, body):
    return ("callout", CalloutBlockFactory(title=title, body=body))


def quote(text, attribution):
    return ("quote", QuoteBlockFactory(quote=text, attribution=attribution))


def option(name, summary, link_page=None):
    return (
        "treatment_option",
        TreatmentOptionBlockFactory(name=name, summary=summary, link_page=link_page),
    )


def care_card(level, heading_text, signs, advice=""):
    return (
        "care_card",
        CareCardBlockFactory.for_level(level, heading=heading_text, signs=signs, advice=advice),
    )


def cancer(name, page=None):
    return ("primary_cancer", PrimaryCancerBlockFactory(name=name, page=page))


def reference(citation, url=""):
    return ("reference", ReferenceBlockFactory(citation=citation, url=url))


def page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'
