"""The second notice for urgent registrations that no coordinator has opened in time.

The time counts only within the opening hours of Registration settings (days, opening and
closing time, in the site's time zone): an urgent registration sent at 4:50 p.m. on a Friday
with a 60-minute threshold is reminded at 8:50 a.m. on Monday, not at 5:50 p.m. on Friday.
Run `manage.py send_urgent_reminders` every few minutes (cron or the db_worker task).
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from . import emails
from .admin.audit import LOG_ESCALATE, log_registration_action
from .admin.times import site_zone
from .models import Registration

logger = logging.getLogger(__name__)


def opening_minutes_between(start, end, opens, closes, weekdays, zone):
    """Minutes between two aware datetimes that fall within opening hours."""
    if end <= start or not weekdays or closes <= opens:
        return 0.0
    start_local, end_local = start.astimezone(zone), end.astimezone(zone)
    total = 0.0
    day = start_local.date()
    while day <= end_local.date():
        if day.weekday() in weekdays:
            opening = datetime.datetime.combine(day, opens, tzinfo=zone)
            closing = datetime.datetime.combine(day, closes, tzinfo=zone)
            overlap = min(closing, end_local) - max(opening, start_local)
            total += max(overlap.total_seconds(), 0) / 60
        day += datetime.timedelta(days=1)
    return total


def reminders_due(now=None, settings_=None):
    """Open, urgent, never opened, not yet reminded, and past the threshold in opening hours."""
    now = now or timezone.now()
    settings_ = settings_ or emails.registration_settings()
    minutes = settings_.urgent_reminder_minutes
    candidates = (
        Registration.objects.open()
        .urgent()
        .unopened()
        .filter(
            urgent_reminder_sent_at__isnull=True,
            created_at__lte=now - datetime.timedelta(minutes=minutes),
        )
        .order_by("created_at")
    )
    zone = site_zone()
    return [
        registration
        for registration in candidates
        if opening_minutes_between(
            registration.created_at,
            now,
            settings_.opening_time,
            settings_.closing_time,
            settings_.opening_weekdays,
            zone,
        )
        >= minutes
    ]


def send_urgent_reminders(now=None):
    """Send every due reminder once. Returns counts, never patient data."""
    now = now or timezone.now()
    settings_ = emails.registration_settings()
    recipient = settings_.urgent_recipient
    counts = {"sent": 0, "failed": 0}
    for registration in reminders_due(now, settings_):
        if not recipient:
            logger.warning("No urgent address: reminder for %s not sent.", registration.reference)
            counts["failed"] += 1
            continue
        # Claim it first, so two overlapping runs never send twice.
        claimed = Registration.objects.filter(
            pk=registration.pk, urgent_reminder_sent_at__isnull=True
        ).update(urgent_reminder_sent_at=now)
        if not claimed:
            continue
        try:
            emails.urgent_reminder(
                registration, recipient, settings_.urgent_reminder_minutes
            ).send()
        except Exception as error:  # noqa: BLE001 - release the claim; the next run retries
            Registration.objects.filter(pk=registration.pk).update(urgent_reminder_sent_at=None)
            logger.warning(
                "Urgent reminder for %s not sent (%s); it will be retried.",
                registration.reference,
                type(error).__name__,
            )
            counts["failed"] += 1
            continue
        log_registration_action(registration, LOG_ESCALATE, None, data={"to": "urgent address"})
        counts["sent"] += 1
    return counts


@task()
def send_urgent_reminders_task() -> dict:
    """For a scheduled db_worker run: the same work as the management command."""
    return send_urgent_reminders()
