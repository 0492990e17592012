"""Phone numbers: validated with libphonenumber and stored in E.164 so links and searches agree."""

import re

import phonenumbers
from bs4 import BeautifulSoup, Comment
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "US"
INVALID_PHONE_MESSAGE = _(
    "Enter a phone number we can call, like 617-555-0123, including the area code."
)


def parse_phone(value, region=DEFAULT_REGION):
    """Return a valid PhoneNumber or raise ValidationError."""
    try:
        number = phonenumbers.parse(str(value), region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone")
    return number


def validate_phone(value):
    parse_phone(value)


def to_e164(value, region=DEFAULT_REGION):
    return phonenumbers.format_number(
        parse_phone(value, region), phonenumbers.PhoneNumberFormat.E164
    )


def to_display(value, region=DEFAULT_REGION):
    """A readable form: national format for US numbers, international for the rest."""
    number = parse_phone(value, region)
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Text that could hold a phone number: three digits in a row, possibly split by separators.
_MAY_HOLD_A_NUMBER = re.compile(r"\d[\d\s().\-]{5,}\d")
_NOT_LINKED_INSIDE = {"a", "script", "style", "textarea", "code", "pre"}


def _linked_fragments(text, soup, region):
    """The text as a list of strings and <a href="tel:…"> tags, or None when it has no number."""
    matches = list(
        phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
    )
    if not matches:
        return None
    pieces, position = [], 0
    for match in matches:
        pieces.append(text[position : match.start])
        link = soup.new_tag(
            "a",
            href="tel:"
            + phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164),
        )
        link.string = match.raw_string
        pieces.append(link)
        position = match.end
    pieces.append(text[position:])
    return [piece for piece in pieces if piece != ""]


def link_phone_numbers(html, region=DEFAULT_REGION):
    """HTML with every valid phone number in its text made a tel: link (the visible text kept as
    written). Numbers already inside a link, and HTML without a number, are left as they are."""
    html = str(html)
    if not _MAY_HOLD_A_NUMBER.search(html):
        return html
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for text in list(soup.find_all(string=True)):
        if isinstance(text, Comment) or any(
            parent.name in _NOT_LINKED_INSIDE for parent in text.parents
        ):
            continue
        if not _MAY_HOLD_A_NUMBER.search(text):
            continue
        pieces = _linked_fragments(str(text), soup, region)
        if pieces is None:
            continue
        for piece in pieces:
            text.insert_before(piece)
        text.extract()
        changed = True
    return str(soup) if changed else html
