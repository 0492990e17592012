"""Choices and look-ups the step forms share."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from conditions.models import ConditionPage

from .base import yes_no

NOT_SURE = "not_sure"
ZIP_RE = re.compile(r"^(\d{5})(?:[-\s]?(\d{4}))?$")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]

US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"),
    ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("AS", "American Samoa"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"), ("VI", "U.S. Virgin Islands"),
]  # fmt: skip


def yes_no_field(**kwargs):
    """A Yes/No radio question stored in a BooleanField."""
    return forms.TypedChoiceField(choices=YES_NO, coerce=yes_no, widget=forms.RadioSelect, **kwargs)


def live_condition_choices():
    pages = ConditionPage.objects.live().public().order_by("title").only("id", "title")
    return [(str(page.pk), page.title) for page in pages]


def live_condition(value):
    """The live, public ConditionPage with this id, or None (also for junk)."""
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        return None
    if pk <= 0 or pk > 2**31:
        return None
    return ConditionPage.objects.live().public().filter(pk=pk).first()
