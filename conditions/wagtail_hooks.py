from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from conditions.cache_purge import condition_listings
from conditions.clinical import unreviewed_clinical_changes
from conditions.medical_review.dashboard import MedicalReviewPanel, user_sees_medical_review
from conditions.medical_review.report import MedicalReviewReportView
from conditions.models import (
    ClinicianPage,
    ConditionPage,
    ConditionPageReviewer,
    Reviewer,
    SharedCareAdvice,
)


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = "Reviewers"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "department"]
    search_fields = ["name", "department"]


register_snippet(ReviewerViewSet)

# The A–Z lists every condition page: purge it with them (core.page_cache.purge).
hooks.register("page_cache_dependents", condition_listings)


class SharedCareAdviceViewSet(SnippetViewSet):
    model = SharedCareAdvice
    icon = "warning"
    menu_label = "Shared care advice"
    menu_order = 251
    add_to_admin_menu = True
    list_display = ["name", "level", "last_reviewed", "next_review_due"]
    search_fields = ["name", "heading"]


register_snippet(SharedCareAdviceViewSet)


def _pages_bulk_publish_would_publish(objects, action):
    """The selected pages, plus their unpublished descendants when the moderator asked for
    them: the same pages PublishBulkAction.execute_action publishes."""
    pages = list(objects)
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live().type(ConditionPage))
    return pages


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_unreviewed_condition_pages(request, action_type, objects, action):
    """Bulk publishing skips the edit form, so the medical-review rule would only be met by
    the model's own check, as a server error. Refuse the whole action with a message instead."""
    if action_type != "publish":
        return None
    unreviewed = []
    for page in _pages_bulk_publish_would_publish(objects, action):
        page = page.specific
        if not isinstance(page, ConditionPage):
            continue
        latest = page.get_latest_revision_as_object()
        if not latest._has_medical_review() or unreviewed_clinical_changes(page, latest):
            unreviewed.append(latest.title)
    if not unreviewed:
        return None
    messages.error(
        request,
        _(
            "Nothing was published. These condition pages need a medical reviewer and a "
            "last-reviewed date, or a new medical review of changed clinical content, before "
            "they can be published: %(titles)s. Add the review on each page (or submit it for "
            "medical review), or leave them out of the selection."
        )
        % {"titles": ", ".join(unreviewed)},
    )
    return redirect(action.next_url)


@hooks.register("before_delete_snippet")
def refuse_deleting_credited_reviewers(request, instances):
    """A reviewer credited on a saved page stays until editors take them off it, so no page
    silently loses its medical attribution. Drafts that name them simply drop the name."""
    reviewers = [instance for instance in instances if isinstance(instance, Reviewer)]
    if not reviewers:
        return None
    credits = (
        ConditionPageReviewer.objects.filter(reviewer__in=reviewers)
        .select_related("reviewer", "page")
        .order_by("reviewer__name", "page__title")
    )
    # A profile page is about its reviewer: it goes (or chooses another) before they do.
    profiles = (
        ClinicianPage.objects.filter(reviewer__in=reviewers)
        .select_related("reviewer")
        .order_by("reviewer__name", "title")
    )
    if not credits and not profiles:
        return None
    lines = [f"{c.reviewer.name} ({c.page.title})" for c in credits]
    lines += [f"{p.reviewer.name} ({p.title})" for p in profiles]
    messages.error(
        request,
        _(
            "Not deleted. These reviewers are credited on pages: %(credits)s. Choose another "
            "reviewer on those pages first."
        )
        % {"credits": "; ".join(lines)},
    )
    return redirect("wagtailsnippets_conditions_reviewer:list")


@hooks.register("construct_homepage_panels")
def add_medical_review_panel(request, panels):
    if user_sees_medical_review(request.user):
        panels.append(MedicalReviewPanel())


NO_CLINICAL_CHANGE = "conditions.no_clinical_change"
SHARED_ADVICE_REVIEWED = "conditions.shared_advice_reviewed"


@hooks.register("register_log_actions")
def register_medical_review_log_actions(actions):
    @actions.register_action(NO_CLINICAL_CHANGE)
    class NoClinicalChange(LogFormatter):
        label = _("Publish without medical review: no clinical change")

        def format_message(self, log_entry):
            return _("Confirmed no clinical change (%(fields)s): %(reason)s") % {
                "fields": ", ".join(log_entry.data.get("fields", [])),
                "reason": log_entry.data.get("reason", ""),
            }

    # No longer written (shared advice is reviewed in the workflow); kept for older entries.
    @actions.register_action(SHARED_ADVICE_REVIEWED)
    class SharedAdviceReviewed(LogFormatter):
        label = _("Shared care advice: clinical change with a new medical review")

        def format_message(self, log_entry):
            return _("Clinical change (%(fields)s) reviewed on %(date)s") % {
                "fields": ", ".join(log_entry.data.get("fields", [])),
                "date": log_entry.data.get("last_reviewed", ""),
            }


@hooks.register("after_edit_snippet")
def log_shared_advice_no_clinical_change(request, instance):
    """A moderator's "no clinical change" on shared advice (checked by SharedCareAdviceForm)
    goes to the audit log with the reason. Reviews are in the log as workflow approvals."""
    confirmation = getattr(instance, "_no_clinical_change", None)
    if isinstance(instance, SharedCareAdvice) and confirmation:
        log(instance=instance, action=NO_CLINICAL_CHANGE, user=request.user, data=confirmation)


@hooks.register("before_delete_snippet")
def refuse_deleting_shared_advice_in_use(request, instances):
    """Pages showing the advice would silently lose a care card (perhaps the emergency one)."""
    from wagtail.models import ReferenceIndex

    in_use = []
    for advice in instances:
        if not isinstance(advice, SharedCareAdvice):
            continue
        references = ReferenceIndex.get_references_to(advice).group_by_source_object()
        titles = sorted(str(source) for source, _references in references)
        if titles:
            in_use.append(f"{advice.name} ({', '.join(titles)})")
    if not in_use:
        return None
    messages.error(
        request,
        _("Not deleted. This shared advice is shown on pages: %(uses)s. Remove it there first.")
        % {"uses": "; ".join(in_use)},
    )
    return redirect("wagtailsnippets_conditions_sharedcareadvice:list")


@hooks.register("before_publish_page")
def log_no_clinical_change(request, page):
    """The moderator's confirmation (checked by ConditionPageForm) goes to the audit log."""
    confirmation = getattr(page, "_no_clinical_change", None)
    if confirmation:
        log(
            instance=page,
            action=NO_CLINICAL_CHANGE,
            user=request.user,
            data=confirmation,
            revision=page.latest_revision,
        )


@hooks.register("register_admin_urls")
def register_medical_review_report_urls():
    view = MedicalReviewReportView
    return [
        path("reports/medical-review/", view.as_view(), name="medical_review_report"),
        path(
            "reports/medical-review/results/",
            view.as_view(results_only=True),
            name="medical_review_report_results",
        ),
    ]


class MedicalReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_medical_review(request.user)


@hooks.register("register_reports_menu_item")
def register_medical_review_report_menu_item():
    return MedicalReviewReportMenuItem(
        _("Medical review"),
        reverse("medical_review_report"),
        name="medical-review",
        icon_name="doc-full-inverse",
        order=150,
    )
