"""The "Medical review" panel on the admin dashboard: what has fallen due, and what soon will."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from conditions.review import DUE_SOON_DAYS, ReviewStatus, days_left, days_phrase, review_status

URGENT_SHOWN = 5


def user_sees_medical_review(user):
    """Editors, moderators and medical reviewers: anyone who may change pages."""
    return user.is_active and PagePermissionPolicy().user_has_any_permission(
        user, {"add", "change", "publish"}
    )


class MedicalReviewPanel(Component):
    name = "medical_review"
    template_name = "conditions/admin/review_dashboard_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        from conditions.models import ConditionPage, SharedCareAdvice

        today = timezone.localdate()
        live = ConditionPage.objects.live()
        advice = SharedCareAdvice.objects.live()
        urgent = []
        for page in live.review_due_or_overdue(today).by_review_urgency()[:URGENT_SHOWN]:
            status = review_status(page.next_review_due, today=today)
            urgent.append(
                {
                    "page": page,
                    "days": days_phrase(days_left(page.next_review_due, today)),
                    "status": status,
                    "status_label": ReviewStatus.LABELS[status],
                }
            )
        return {
            "overdue_count": live.review_overdue(today).count(),
            "due_soon_count": live.review_due_soon(today).count(),
            # Shared care advice is counted on its own line (its rows are in the report).
            "advice_overdue_count": advice.review_overdue(today).count(),
            "advice_due_soon_count": advice.review_due_soon(today).count(),
            "due_soon_days": DUE_SOON_DAYS,
            "urgent": urgent,
        }
