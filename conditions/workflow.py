"""The "Medical review" workflow task: a clinician named on the page approves its content.

Only a user linked to one of the page's Reviewer snippets may approve or request changes (not
even a superuser: the approval is a clinical attestation). Approving stamps the page: the
last-reviewed date becomes today, the due date rolls forward, and the approved clinical content
is fingerprinted so the page can then be published (conditions/forms.py).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState, Workflow

from conditions.clinical import fingerprint
from conditions.review import rolled_forward_due_date, site_of

WORKFLOW_NAME = "Medical review"


def medical_review_workflow():
    """The active workflow whose tasks include an active "Medical review" task, if any."""
    tasks = MedicalReviewTask.objects.filter(active=True).values("pk")
    return (
        Workflow.objects.filter(active=True, workflow_tasks__task__in=tasks).order_by("pk").first()
    )


def reviewer_user_ids(page):
    """Accounts linked to the page's reviewers (as the page, or its draft, names them)."""
    return {
        item.reviewer.user_id
        for item in page.page_reviewers.all()
        if item.reviewer_id and item.reviewer.user_id
    }


class MedicalReviewTask(Task):
    class Meta:
        verbose_name = _("medical review task")
        verbose_name_plural = _("medical review tasks")

    @classmethod
    def get_description(cls):
        return _("A clinician named as one of the page's reviewers approves its content")

    def _page_under_review(self, obj):
        """The draft being reviewed (the page's reviewers may have changed in it)."""
        page = getattr(obj, "specific", obj)
        state = page.current_workflow_task_state
        if state is not None and state.revision_id:
            return state.revision.as_object()
        return page

    def user_is_reviewer(self, obj, user):
        if not (user and user.is_authenticated and user.is_active):
            return False
        cache = getattr(user, "_medical_review_checks", None)
        if cache is None:
            cache = user._medical_review_checks = {}
        key = (self.pk, obj.pk)
        if key not in cache:
            page = self._page_under_review(obj)
            cache[key] = hasattr(page, "page_reviewers") and user.pk in reviewer_user_ids(page)
        return cache[key]

    def user_can_access_editor(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        # The text under review holds still for editors. A moderator's edit restarts the
        # workflow at this task (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT).
        if user.is_superuser or self.user_is_reviewer(obj, user):
            return False
        return not obj.permissions_for_user(user).can_publish()

    def get_actions(self, obj, user):
        if self.user_is_reviewer(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve medical review"), True),
            ]
        return []

    def get_template_for_action(self, action):
        return "conditions/admin/medical_review_action_modal.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from conditions.models import ConditionPageReviewer

        page_ids = ConditionPageReviewer.objects.filter(reviewer__user=user).values_list(
            "page_id", flat=True
        )
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__object_id__in=[str(pk) for pk in page_ids],
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object.specific
        if not self.user_is_reviewer(page, user):
            raise PermissionDenied
        if action_name == "approve":
            # The approval belongs to the stamped revision, which is now the latest: with
            # WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT only approvals of the latest count.
            # The latest draft: an edit made during the review (by a moderator or the
            # reviewer) is what the reviewer has just read and approved.
            task_state.revision = stamp_review(page.get_latest_revision(), user)
            task_state.save(update_fields=["revision"])
            task_state.workflow_state.content_object.refresh_from_db(fields=["latest_revision"])
        return super().on_action(task_state, user, action_name, **kwargs)


def stamp_review(revision, user, today=None):
    """A new revision of the reviewed content with today's review date, the due date rolled
    forward and the approved clinical content fingerprinted."""
    page = revision.as_object()
    today = today or timezone.localdate()
    page.last_reviewed = today
    page.next_review_due = rolled_forward_due_date(today, site_of(page))
    page.reviewed_clinical_fingerprint = fingerprint(page.clinical_content())
    return page.save_revision(user=user, log_action=True, clean=False)
