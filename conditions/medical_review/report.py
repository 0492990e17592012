"""The "Medical review" report (Reports menu): every live condition page and every piece of
shared care advice with its reviewers, dates, days left and status, filterable and exportable
(CSV, XLSX)."""

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Exists, OuterRef, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from conditions.models import ConditionPage, Reviewer, SharedCareAdvice
from conditions.review import DUE_SOON_DAYS, ReviewStatus, days_left, review_status
from conditions.translations import source_changed_since_translation


def today():
    return timezone.localdate()


def with_review_status(pages, on=None):
    """Annotate `in_review_workflow` and `review_status` (ReviewStatus values) as of `on`."""
    on = on or today()
    in_workflow = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    return pages.annotate(in_review_workflow=Exists(in_workflow)).annotate(
        review_status=Case(
            When(next_review_due__isnull=True, then=Value(ReviewStatus.NOT_REVIEWED)),
            When(next_review_due__lt=on, then=Value(ReviewStatus.OVERDUE)),
            When(in_review_workflow=True, then=Value(ReviewStatus.IN_WORKFLOW)),
            When(
                next_review_due__lte=on + datetime.timedelta(days=DUE_SOON_DAYS),
                then=Value(ReviewStatus.DUE_SOON),
            ),
            default=Value(ReviewStatus.FINE),
            output_field=CharField(),
        )
    )


class MedicalReviewFilterSet(WagtailFilterSet):
    review_status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ReviewStatus.CHOICES, empty_label=_("Any status")
    )
    reviewer = django_filters.ModelChoiceFilter(
        label=_("Reviewer"),
        field_name="page_reviewers__reviewer",
        queryset=lambda request: Reviewer.objects.all(),
        empty_label=_("Any reviewer"),
    )

    class Meta:
        model = ConditionPage
        fields = []


class MedicalReviewReportView(ReportView):
    page_title = _("Medical review")
    header_icon = "doc-full-inverse"
    results_template_name = "conditions/admin/medical_review_report_results.html"
    index_url_name = "medical_review_report"
    index_results_url_name = "medical_review_report_results"
    filterset_class = MedicalReviewFilterSet
    any_permission_required = ["add", "change", "publish"]
    permission_policy = PagePermissionPolicy()
    context_object_name = "pages"
    list_export = [
        "title",
        "reviewer_names",
        "last_reviewed",
        "next_review_due",
        "days_left",
        "status_label",
        "url",
        "language",
        "translation_note",
    ]
    export_headings = {
        "title": _("Page or shared advice"),
        "language": _("Language"),
        "translation_note": _("Translation"),
        "reviewer_names": _("Reviewers"),
        "last_reviewed": _("Last reviewed"),
        "next_review_due": _("Next review due"),
        "days_left": _("Days left"),
        "status_label": _("Status"),
        "url": _("Public URL"),
    }

    def get_filename(self):
        return f"medical-review-{today():%Y-%m-%d}"

    def get_queryset(self):
        pages = (
            ConditionPage.objects.live()
            .select_related("locale")
            .prefetch_related("page_reviewers__reviewer")
        )
        self.queryset = with_review_status(pages, today()).by_review_urgency()
        return super().get_queryset()

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()

    def get_filtered_queryset(self):
        """Pages and shared advice in one list, most urgent first (rows decorated here, so
        the table and the export read the same attributes)."""
        on = today()
        rows = [self.decorate(page, on) for page in super().get_filtered_queryset()]
        rows += [self.decorate_advice(advice, on) for advice in self.filtered_advice(on)]
        return sorted(rows, key=urgency)

    def filtered_advice(self, on):
        advice = SharedCareAdvice.objects.live().prefetch_related("reviewers")
        in_workflow = set(
            WorkflowState.objects.active()
            .filter(base_content_type=ContentType.objects.get_for_model(SharedCareAdvice))
            .values_list("object_id", flat=True)
        )
        wanted_status = None
        if self.filters and self.filters.is_valid():
            wanted_status = self.filters.form.cleaned_data.get("review_status")
            reviewer = self.filters.form.cleaned_data.get("reviewer")
            if reviewer:
                advice = advice.filter(reviewers=reviewer)
        for item in advice.distinct():
            item.review_status = review_status(
                item.next_review_due, in_workflow=str(item.pk) in in_workflow, today=on
            )
            if not wanted_status or item.review_status == wanted_status:
                yield item

    def decorate(self, page, on):
        page.reviewer_names = "; ".join(
            str(item.reviewer) for item in page.page_reviewers.all() if item.reviewer_id
        )
        page.days_left = days_left(page.next_review_due, on)
        page.status_label = str(ReviewStatus.LABELS[page.review_status])
        page.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        page.kind = ""
        page.language = page.locale.get_display_name()
        # A translation whose English clinical content changed since it was translated needs
        # translating and reviewing again (conditions/translations.py).
        page.source_changed = source_changed_since_translation(page)
        page.translation_note = (
            str(_("Source changed since translation")) if page.source_changed else ""
        )
        return page

    def decorate_advice(self, advice, on):
        advice.title = str(_("%(name)s (shared care advice)") % {"name": advice.name})
        advice.reviewer_names = "; ".join(str(reviewer) for reviewer in advice.reviewers.all())
        advice.days_left = days_left(advice.next_review_due, on)
        advice.status_label = str(ReviewStatus.LABELS[advice.review_status])
        advice.edit_url = reverse(
            "wagtailsnippets_conditions_sharedcareadvice:edit", args=[advice.pk]
        )
        advice.url = ""
        advice.language = ""
        advice.source_changed = False
        advice.translation_note = ""
        return advice


def urgency(row):
    """Never reviewed first, then the earliest due date, then by name (as by_review_urgency)."""
    due = row.next_review_due
    return (due is not None, due or datetime.date.min, row.title)
