"""The "Medical review" workflow task: a clinician named on the content approves it.

The content is a condition page or a piece of shared care advice (a snippet with its own
reviewers). Only a user linked to one of its Reviewer snippets may approve or request changes
(not even a superuser: the approval is a clinical attestation). Approving stamps the content:
the last-reviewed date becomes today, the due date rolls forward, and the approved clinical
content is fingerprinted so it can then be published (conditions/forms.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Task, TaskState, Workflow

from conditions.clinical import fingerprint
from conditions.review import rolled_forward_due_date, site_of

WORKFLOW_NAME = "Medical review"


def medical_review_workflow():
    """The active workflow whose tasks include an active "Medical review" task, if any."""
    tasks = MedicalReviewTask.objects.filter(active=True).values("pk")
    return (
        Workflow.objects.filter(active=True, workflow_tasks__task__in=tasks).order_by("pk").first()
    )


def reviewer_user_ids(obj):
    """Accounts linked to the content's reviewers: as a page (or its draft) names them, or as
    shared advice's live version names them (SharedCareAdvice.reviewer_user_ids)."""
    if not hasattr(obj, "page_reviewers"):
        return obj.reviewer_user_ids() if hasattr(obj, "reviewer_user_ids") else set()
    return {
        item.reviewer.user_id
        for item in obj.page_reviewers.all()
        if item.reviewer_id and item.reviewer.user_id
    }


def _can_publish(obj, user):
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    from wagtail.permissions import policy_registry  # its import needs the app registry

    return policy_registry.get(obj).user_has_permission(user, "publish")


class MedicalReviewTask(Task):
    class Meta:
        verbose_name = _("medical review task")
        verbose_name_plural = _("medical review tasks")

    @classmethod
    def get_description(cls):
        return _(
            "A clinician named as one of the reviewers of the page (or shared care advice) "
            "approves its content"
        )

    def _content_under_review(self, obj):
        """The draft being reviewed (a page's reviewers may have changed in it)."""
        content = getattr(obj, "specific", obj)
        state = content.current_workflow_task_state
        if state is not None and state.revision_id:
            return state.revision.as_object()
        return content

    def user_is_reviewer(self, obj, user):
        if not (user and user.is_authenticated and user.is_active):
            return False
        cache = getattr(user, "_medical_review_checks", None)
        if cache is None:
            cache = user._medical_review_checks = {}
        key = (self.pk, obj._meta.label, obj.pk)
        if key not in cache:
            cache[key] = user.pk in reviewer_user_ids(self._content_under_review(obj))
        return cache[key]

    def user_can_access_editor(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        # The text under review holds still for editors. A moderator's edit restarts the
        # workflow at this task (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT).
        if user.is_superuser or self.user_is_reviewer(obj, user):
            return False
        return not _can_publish(obj, user)

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
        from conditions.models import ConditionPageReviewer, SharedCareAdvice

        page_ids = ConditionPageReviewer.objects.filter(reviewer__user=user).values_list(
            "page_id", flat=True
        )
        advice_ids = SharedCareAdvice.objects.filter(reviewers__user=user).values_list(
            "pk", flat=True
        )
        # Object ids are only unique within a content type: page 3 is not advice 3.
        content_types = ContentType.objects.get_for_models(Page, SharedCareAdvice)
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).filter(
            Q(
                workflow_state__base_content_type=content_types[Page],
                workflow_state__object_id__in=[str(pk) for pk in page_ids],
            )
            | Q(
                workflow_state__base_content_type=content_types[SharedCareAdvice],
                workflow_state__object_id__in=[str(pk) for pk in advice_ids],
            )
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        content = task_state.workflow_state.content_object
        content = getattr(content, "specific", content)
        if not self.user_is_reviewer(content, user):
            raise PermissionDenied
        if action_name == "approve":
            # The approval belongs to the stamped revision, which is now the latest: with
            # WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT only approvals of the latest count.
            # The latest draft: an edit made during the review (by a moderator or the
            # reviewer) is what the reviewer has just read and approved.
            task_state.revision = stamp_review(content.get_latest_revision(), user)
            task_state.save(update_fields=["revision"])
            task_state.workflow_state.content_object.refresh_from_db(fields=["latest_revision"])
        return super().on_action(task_state, user, action_name, **kwargs)


def stamp_review(revision, user, today=None):
    """A new revision of the reviewed content (a page or shared advice) with today's review
    date, the due date rolled forward and the approved clinical content fingerprinted."""
    content = revision.as_object()
    today = today or timezone.localdate()
    content.last_reviewed = today
    content.next_review_due = rolled_forward_due_date(today, site_of(content))
    content.reviewed_clinical_fingerprint = fingerprint(content.clinical_content())
    return content.save_revision(user=user, log_action=True, clean=False)
