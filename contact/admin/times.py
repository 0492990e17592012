"""Times for intake staff: always the site's time zone (settings.TIME_ZONE), always named.

Wagtail shows admin times in each user's own zone, and spreadsheets have no zone at all; a
coordinator comparing a registration with a voicemail must read the same clock everywhere.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.timesince import timesince


def site_zone():
    return ZoneInfo(settings.TIME_ZONE)


def site_time(value):
    """An aware datetime in the site's zone (naive values are taken as UTC)."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(site_zone())


def display_time(value):
    """'Nov 26, 2026, 1:09 p.m. EST' (empty for None)."""
    if value is None:
        return ""
    local = site_time(value)
    return f"{date_format(local, 'M j, Y, P')} {local.tzname()}"


def short_time(value):
    """'Nov 26, 1:09 p.m. EST': for narrow list cells."""
    if value is None:
        return ""
    local = site_time(value)
    return f"{date_format(local, 'M j, P')} {local.tzname()}"


def export_time(value):
    """'2026-11-26 13:09 EST': sortable text for CSV."""
    local = site_time(value)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def export_local_naive(value):
    """For XLSX cells, which hold no zone: the site's wall-clock time (the format names it)."""
    return site_time(value).replace(tzinfo=None)


def xlsx_time_format(value):
    """A number format that shows the zone abbreviation after the time."""
    return f'yyyy-mm-dd hh:mm "{site_time(value).tzname()}"'


def waited(since, now=None):
    """'2 days, 4 hours': how long since `since`, for the 'waiting since' column."""
    return timesince(since, now or timezone.now(), depth=2)
