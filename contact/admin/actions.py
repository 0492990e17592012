"""What a coordinator does to a registration: open, assign, set status, log a contact attempt.

Each change is saved and audited in one transaction, from the list, the inspect view or a
bulk action alike. Audit entries carry the user, the reference and codes (statuses, outcomes),
never a note or other free text.
"""

from django.db import transaction
from django.utils import timezone

from contact.models import ContactAttempt, Registration

from .audit import LOG_ASSIGN, LOG_CONTACT_ATTEMPT, LOG_STATUS, log_registration_action


def apply_closed_at(registration, previous_status):
    """Finishing stamps closed_at (once); reopening clears it.

    Retention (manage.py purge_registrations) counts from closed_at.
    """
    if registration.status in Registration.FINISHED:
        if previous_status not in Registration.FINISHED or registration.closed_at is None:
            registration.closed_at = timezone.now()
    else:
        registration.closed_at = None


def mark_opened(registration):
    """The first time a coordinator opens it: this stops the urgent reminder."""
    if registration.first_opened_at is None:
        now = timezone.now()
        Registration.objects.filter(pk=registration.pk, first_opened_at__isnull=True).update(
            first_opened_at=now
        )
        registration.first_opened_at = now


@transaction.atomic
def assign(registration, assignee, by):
    """Assign to `assignee` (None: unassign). Returns False when nothing changed."""
    if registration.assigned_to_id == (assignee.pk if assignee else None):
        return False
    previous = registration.assigned_to_id
    registration.assigned_to = assignee
    registration.save(update_fields=["assigned_to", "updated_at"])
    mark_opened(registration)
    log_registration_action(
        registration,
        LOG_ASSIGN,
        by,
        data={"from": previous, "to": assignee.pk if assignee else None},
    )
    return True


@transaction.atomic
def set_status(registration, status, by):
    """Move to `status` (a Registration.Status value). Returns False when nothing changed."""
    if status not in Registration.Status.values:
        raise ValueError("Unknown status")
    previous = registration.status
    if previous == status:
        return False
    registration.status = status
    apply_closed_at(registration, previous)
    registration.save(update_fields=["status", "closed_at", "updated_at"])
    mark_opened(registration)
    log_registration_action(
        registration, LOG_STATUS, by, data={"status": {"from": previous, "to": status}}
    )
    return True


@transaction.atomic
def record_contact_attempt(registration, by, *, method, outcome, note="", made_at=None):
    """Add one row to the call log. The first successful one sets first_contacted_at."""
    attempt = ContactAttempt.objects.create(
        registration=registration,
        made_by=by,
        made_at=made_at or timezone.now(),
        method=method,
        outcome=outcome,
        note=note,
    )
    registration.last_contact_attempt_at = max(
        filter(None, [registration.last_contact_attempt_at, attempt.made_at])
    )
    fields = ["last_contact_attempt_at", "updated_at"]
    if outcome == ContactAttempt.Outcome.REACHED and (
        registration.first_contacted_at is None or attempt.made_at < registration.first_contacted_at
    ):
        registration.first_contacted_at = attempt.made_at
        fields.append("first_contacted_at")
    registration.save(update_fields=fields)
    mark_opened(registration)
    log_registration_action(
        registration,
        LOG_CONTACT_ATTEMPT,
        by,
        data={"attempt": attempt.pk, "method": method, "outcome": outcome},
    )
    return attempt
