"""Background tasks that email medical reviewers (through the task queue, like every email)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task
from wagtail.models import TaskState

logger = logging.getLogger(__name__)


def admin_link(path):
    return f"{getattr(settings, 'WAGTAILADMIN_BASE_URL', '').rstrip('/')}{path}"


def _send(user, subject_template, body_template, context):
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    EmailMessage(subject, body, to=[user.email]).send()


@task()
def send_review_request(task_state_id):
    """Tell each reviewer named on the page or shared care advice (with an account and an
    address) that it awaits their medical review. Returns how many emails went out."""
    from wagtail.admin.admin_url_finder import AdminURLFinder
    from wagtail.models import Page

    from conditions.workflow import reviewer_user_ids

    state = TaskState.objects.filter(pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS).first()
    if state is None:
        return 0  # already decided or cancelled
    page = state.revision.as_object()
    users = (
        get_user_model()
        .objects.filter(pk__in=reviewer_user_ids(page), is_active=True)
        .exclude(email="")
    )
    is_page = isinstance(page, Page)
    context = {
        "page": page,
        "title": page.title if is_page else str(page),
        "kind": "page" if is_page else "shared care advice",
        "requested_by": state.workflow_state.requested_by,
        "edit_url": admin_link(AdminURLFinder().get_edit_url(page)),
    }
    sent = 0
    for user in users:
        try:
            _send(
                user,
                "conditions/email/review_request_subject.txt",
                "conditions/email/review_request.txt",
                {**context, "user": user},
            )
            sent += 1
        except Exception as error:  # noqa: BLE001 - one failed address must not stop the rest
            logger.warning(
                "Review request for %s %s not sent (%s).",
                context["kind"],
                page.pk,
                type(error).__name__,
            )
    return sent


def queue_review_request(sender, instance, user=None, **kwargs):
    """task_submitted receiver: queue the emails once the transaction commits."""
    from django.db import transaction

    from conditions.workflow import MedicalReviewTask

    if isinstance(instance.task.specific, MedicalReviewTask):
        task_state_id = instance.pk
        transaction.on_commit(lambda: send_review_request.enqueue(task_state_id))
