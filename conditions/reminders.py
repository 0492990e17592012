"""The daily reminder: each reviewer gets one email listing the pages they review that are
overdue or fall due within 30 days (manage.py send_review_reminders, run daily)."""

import datetime
import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from conditions.models import ConditionPage
from conditions.review import days_left
from conditions.tasks import admin_link

logger = logging.getLogger(__name__)


def pages_due_by_reviewer(today=None):
    """{reviewer: [live pages they review that are overdue or due soon, most urgent first]},
    for reviewers linked to an active account with an email address."""
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
            reviewer = item.reviewer
            user = reviewer.user
            if user is None or not user.is_active or not user.email:
                continue
            page.days_left = days_left(page.next_review_due, today)
            page.edit_url = admin_link(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            grouped.setdefault(reviewer, []).append(page)
    return grouped


@task()
def send_review_reminders(today_iso=None):
    """One email per reviewer. Returns how many went out."""
    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    sent = 0
    for reviewer, pages in pages_due_by_reviewer(today).items():
        context = {"reviewer": reviewer, "pages": pages, "today": today}
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
