"""Background tasks that tell staff and the patient about a registration.

A failed send is recorded on the registration (exception class only) and never raised: with
the ImmediateBackend the task runs inside the request, and with the database backend a
traceback stored in the task results could quote an email address. The registration stays
``notification_pending`` until a send succeeds; ``send_pending_notifications`` retries.

Each email goes out once. A sender first claims it on the registration row (a committed,
conditional UPDATE), sends, then records it as sent and drops the claim. A second sender (a
task requeued by core.task_recovery after its worker was killed, the cron command, a duplicate
task) finds it sent, or claimed and leaves it alone until the claim expires (half of
``TASKS_RUNNING_TIMEOUT_SECONDS``, so a requeued task's retry always finds it expired). SMTP is
not transactional: a sender killed after the mail server accepted the message but before the
"sent" write commits (a window of milliseconds) leads to a second copy; a sender killed before
the hand-off completes leads to exactly one email, from the retry.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from core.task_recovery import running_timeout
from core.tasks import schedule_once

from . import emails
from .models import Registration

logger = logging.getLogger(__name__)


CLAIM_FIELDS = {
    "staff_notified_at": "staff_notification_claimed_at",
    "patient_acknowledged_at": "patient_acknowledgement_claimed_at",
}


def claim_expiry():
    return running_timeout() / 2


def _claim(pk, field):
    """Take the send for this process; False if it went out, is gone or is claimed by another."""
    claim_field = CLAIM_FIELDS[field]
    now = timezone.now()
    unclaimed = Q(**{f"{claim_field}__isnull": True}) | Q(
        **{f"{claim_field}__lt": now - claim_expiry()}
    )
    # One UPDATE: of two concurrent senders exactly one matches the row (autocommitted, so
    # the claim is visible to every other process before the send starts).
    return bool(
        Registration.objects.filter(unclaimed, pk=pk, **{f"{field}__isnull": True}).update(
            **{claim_field: now}
        )
    )


def _record_failure(pk, field, reason):
    Registration.objects.filter(pk=pk).update(
        **{CLAIM_FIELDS[field]: None},
        notification_attempts=F("notification_attempts") + 1,
        last_notification_error=reason[:100],
        last_notification_attempt_at=timezone.now(),
    )


def _record_success(pk, field):
    now = timezone.now()
    Registration.objects.filter(pk=pk).update(
        **{field: now, CLAIM_FIELDS[field]: None},
        notification_attempts=F("notification_attempts") + 1,
        last_notification_attempt_at=now,
    )


def _send(pk, field, build_message, what):
    if not _claim(pk, field):
        return False  # already sent, deleted, or being sent by another process
    registration = Registration.objects.filter(pk=pk).first()
    if registration is None:
        return False  # deleted since
    try:
        message = build_message(registration)
        if message is None:
            _record_failure(pk, field, "NoRecipient")
            logger.warning(
                "No address for the %s of registration %s; it stays pending.",
                what,
                registration.reference,
            )
            return False
        message.send()
    except Exception as error:  # noqa: BLE001 - any mail failure must leave the row pending
        _record_failure(pk, field, type(error).__name__)
        # The reference only: an SMTP error message may quote the recipient's address.
        logger.warning(
            "The %s of registration %s was not sent (%s); it will be retried.",
            what,
            registration.reference,
            type(error).__name__,
        )
        return False
    _record_success(pk, field)
    return True


def send_staff_notification(registration_id):
    def build(registration):
        # Urgent registrations go to the urgent address at once, with URGENT in the subject.
        settings_ = emails.registration_settings()
        recipient = emails.staff_recipient(registration, settings_)
        if not recipient:
            return None
        return emails.staff_notification(
            registration, recipient, reminder_minutes=settings_.urgent_reminder_minutes
        )

    return _send(registration_id, "staff_notified_at", build, "staff notification")


def send_patient_acknowledgement(registration_id):
    def build(registration):
        return emails.patient_acknowledgement(registration) if registration.email else None

    if not Registration.objects.filter(pk=registration_id).exclude(email="").exists():
        return False
    return _send(registration_id, "patient_acknowledged_at", build, "acknowledgement")


@task()
def notify_staff(registration_id: int) -> bool:
    return send_staff_notification(registration_id)


@task()
def acknowledge_patient(registration_id: int) -> bool:
    return send_patient_acknowledgement(registration_id)


def enqueue_notifications(registration_id):
    """Queue both emails; called from transaction.on_commit, so it must never raise."""
    for notification in (notify_staff, acknowledge_patient):
        try:
            notification.enqueue(registration_id)
        except Exception as error:  # noqa: BLE001 - the cron command picks it up later
            logger.warning(
                "Could not queue %s for registration id %s (%s); it stays pending.",
                notification.name,
                registration_id,
                type(error).__name__,
            )


def pending_registrations(min_age=timedelta(0)):
    """Registrations whose staff notification or patient acknowledgement has not gone out."""
    return (
        Registration.objects.notification_pending()
        .filter(created_at__lte=timezone.now() - min_age)
        .order_by("created_at")
    )


def send_pending(min_age=timedelta(0), enqueue=False):
    """Send (or queue) every pending notification. Returns counts, never patient data."""
    counts = {"staff_sent": 0, "patient_sent": 0, "queued": 0, "failed": 0}
    for registration in pending_registrations(min_age).only(
        "pk", "email", "staff_notified_at", "patient_acknowledged_at"
    ):
        jobs = []
        if registration.staff_notified_at is None:
            jobs.append(("staff_sent", notify_staff, send_staff_notification))
        if registration.email and registration.patient_acknowledged_at is None:
            jobs.append(("patient_sent", acknowledge_patient, send_patient_acknowledgement))
        for counter, task_, send in jobs:
            if enqueue:
                try:
                    task_.enqueue(registration.pk)
                    counts["queued"] += 1
                except Exception as error:  # noqa: BLE001
                    logger.warning("Could not queue %s (%s).", task_.name, type(error).__name__)
                    counts["failed"] += 1
            elif send(registration.pk):
                counts[counter] += 1
            else:
                counts["failed"] += 1
    return counts


@task()
def send_pending_notifications(min_age_minutes: int = 10) -> dict:
    """For a scheduled db_worker run: the same work as the management command."""
    return send_pending(min_age=timedelta(minutes=min_age_minutes))


# --- Exports built in the background (contact/admin/background_exports.py) ------------------

DEFAULT_EXPORT_CLEANUP_SECONDS = 60 * 60


@task()
def build_registration_export(export_id: int) -> bool:
    """Write the file, then email its link; a second run (a requeued task) does nothing."""
    from .admin.background_exports import build

    return build(export_id)


def schedule_export_cleanup(delay=None):
    if delay is None:
        delay = getattr(
            settings, "REGISTRATION_EXPORT_CLEANUP_INTERVAL_SECONDS", DEFAULT_EXPORT_CLEANUP_SECONDS
        )
    return schedule_once(delete_expired_exports, delay)


@task()
def delete_expired_exports() -> int:
    """Expired export files and their rows deleted for good; queues its own next run first,
    as core.tasks.delete_expired_sessions does, so a failed run does not end the schedule."""
    from .admin.background_exports import delete_expired_exports as delete

    try:
        schedule_export_cleanup()
    except Exception as error:  # noqa: BLE001 - the work below must still be done
        logger.warning("Could not schedule the next export clean-up (%s).", type(error).__name__)
    deleted = delete()
    logger.info("Deleted %s expired registration exports.", deleted)
    return deleted
