"""The daily reminder: each reviewer gets one email listing the pages and the shared care
advice they review that are overdue or fall due within 30 days (manage.py
send_review_reminders, run daily)."""

import datetime
import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from conditions.models import ConditionPage, SharedCareAdvice
from conditions.review import days_left
from conditions.tasks import admin_link

logger = logging.getLogger(__name__)


def _can_be_emailed(reviewer):
    user = reviewer.user
    return user is not None and user.is_active and bool(user.email)


def pages_due_by_reviewer(today=None):
    """{reviewer: [live pages, then shared care advice, they review that are overdue or due
    soon, each most urgent first]}, for reviewers linked to an active account with an email
    address. Shared advice is listed as "<name> (shared care advice)"."""
    today = today or timezone.localdate()
    pages = (
        ConditionPage.objects.live()
        .review_due_or_overdue(today)
        .by_review_urgency()
        .prefetch_related("page_reviewers__reviewer__user")
    )
    grouped = {}
    for page in pages:
        for item in page.page_reviewers.all():
            if not _can_be_emailed(item.reviewer):
                continue
            page.days_left = days_left(page.next_review_due, today)
            page.edit_url = admin_link(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            grouped.setdefault(item.reviewer, []).append(page)
    advice = (
        SharedCareAdvice.objects.live()
        .review_due_or_overdue(today)
        .by_review_urgency()
        .prefetch_related("reviewers__user")
    )
    for item in advice:
        for reviewer in item.reviewers.all():
            if not _can_be_emailed(reviewer):
                continue
            item.title = f"{item.name} (shared care advice)"
            item.days_left = days_left(item.next_review_due, today)
            item.edit_url = admin_link(
                reverse("wagtailsnippets_conditions_sharedcareadvice:edit", args=[item.pk])
            )
            grouped.setdefault(reviewer, []).append(item)
    return grouped


@task()
def send_review_reminders(today_iso=None):
    """One email per reviewer. Returns how many went out."""
    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    sent = 0
    for reviewer, pages in pages_due_by_reviewer(today).items():
        advice_count = sum(isinstance(item, SharedCareAdvice) for item in pages)
        context = {
            "reviewer": reviewer,
            "pages": pages,
            "today": today,
            "page_count": len(pages) - advice_count,
            "advice_count": advice_count,
        }
        subject = " ".join(
            render_to_string("conditions/email/review_reminder_subject.txt", context).split()
        )
        body = render_to_string("conditions/email/review_reminder.txt", context)
        try:
            EmailMessage(subject, body, to=[reviewer.user.email]).send()
            sent += 1
        except Exception as error:  # noqa: BLE001 - one failed address must not stop the rest
            logger.warning(
                "Review reminder for reviewer %s not sent (%s).", reviewer.pk, type(error).__name__
            )
    return sent
