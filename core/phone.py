"""Phone numbers: validated with libphonenumber and stored in E.164 so links and searches agree."""

import phonenumbers
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
