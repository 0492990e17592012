"""Date of birth as one form field over GOV.UK-style month, day and year inputs."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_AGE_YEARS = 120
PART_LENGTH = 4
NOT_NUMBERS = _("Date of birth must be a real date, written in numbers.")
PARTS = (("month", _("Month")), ("day", _("Day")), ("year", _("Year")))


def _error(message, part):
    # `part` says which input the error summary links to.
    return ValidationError(message, code=part, params={"part": part})


class DateOfBirthWidget(forms.MultiWidget):
    """Three numeric text inputs named <name>_month, <name>_day and <name>_year."""

    def __init__(self, attrs=None):
        widgets = {
            part: forms.TextInput(
                attrs={"inputmode": "numeric", "maxlength": PART_LENGTH, "class": f"dob__{part}"}
            )
            for part, _label in PARTS
        }
        # Autofill only describes the person using the browser (WCAG 1.3.5): the form turns
        # this on when the patient fills the form in themselves.
        self.autofill = False
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.month), str(value.day), str(value.year)]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for (part, label), subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            if attrs and attrs.get("id"):
                subwidget["attrs"]["id"] = f"{attrs['id']}_{part}"  # id_dob_month, not _0
            subwidget["attrs"]["autocomplete"] = f"bday-{part}" if self.autofill else "off"
            subwidget["label"] = label
        return context

    def subwidgets(self, name, value, attrs=None):
        # One BoundWidget per input, so templates loop over them as over radio buttons.
        yield from self.get_context(name, value, attrs)["widget"]["subwidgets"]


class DateOfBirthField(forms.MultiValueField):
    """A real date in the past, less than MAX_AGE_YEARS ago, with one message for what is wrong.

    The checks run in the order a person fixes them: too long, missing, not numbers, short
    year, month out of range, no such day, in the future, too old. Each error names the part
    it is about, for the error summary's link.
    """

    widget = DateOfBirthWidget
    # Per input: what a step's draft keeps of each (one over, so the error still shows).
    max_length = PART_LENGTH

    def __init__(self, **kwargs):
        parts = [forms.CharField(required=False) for _part in PARTS]
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        month, day, year = (list(data_list) + ["", "", ""])[:3]
        values = {"month": month or "", "day": day or "", "year": year or ""}
        if not any(values.values()):  # only spaces: as if nothing was typed
            raise _error(self.error_messages["required"], "month")
        too_long = [part for part, value in values.items() if len(value) > PART_LENGTH]
        if too_long:
            raise ValidationError([_error(NOT_NUMBERS, part) for part in too_long])
        for part, word in (("month", _("month")), ("day", _("day")), ("year", _("year"))):
            if not values[part]:
                message = _("Date of birth must include a %(part)s.") % {"part": word}
                raise _error(message, part)
        for part, value in values.items():
            if not (value.isascii() and value.isdigit()):
                raise _error(NOT_NUMBERS, part)
        if len(values["year"]) != PART_LENGTH:
            raise _error(_("Year must include 4 numbers, for example 1958."), "year")
        if not 1 <= int(values["month"]) <= 12:
            raise _error(_("Month must be a number from 1 to 12."), "month")
        try:
            dob = datetime.date(int(values["year"]), int(values["month"]), int(values["day"]))
        except ValueError:
            raise _error(_("Date of birth must be a real date: check the day."), "day") from None
        today = timezone.localdate()
        if dob > today:
            raise _error(_("Date of birth must be in the past."), "year")
        age = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
        if age > MAX_AGE_YEARS:
            message = _(
                "Check the year: the date of birth must be less than %(years)s years ago."
            ) % {"years": MAX_AGE_YEARS}
            raise _error(message, "year")
        return dob
