"""What the page cache must purge besides a page and its ancestors (core.page_cache.purge).

The A–Z lists every condition page; a reviewer's name, role and photo are on every condition
page that credits them, on their profile page and in its service line's team list; a shared
care advice card (its live version) is on every page that chose it. A profile page lists the
condition pages its clinician reviewed, and condition pages link their reviewers' profiles,
so a change to either kind purges the other kind. Both are purged whole rather than worked out
from the reviewers: the hook sees a page after the change, when a reviewer taken off it no
longer shows, and profiles are few and rarely published.
"""

from django.db.models.signals import post_save, pre_delete
from wagtail.models import Page, ReferenceIndex

from conditions.models import (
    ClinicianPage,
    ConditionIndexPage,
    ConditionPage,
    Reviewer,
    SharedCareAdvice,
)
from core.page_cache import purge


def condition_listings(page):
    """The page_cache_dependents hook: the A–Z pages and the clinician profiles, for a
    condition page; the condition pages (their reviewer lines), for a clinician profile."""
    page_class = page.specific_class or type(page)
    if issubclass(page_class, ConditionPage):
        return [*ConditionIndexPage.objects.all(), *ClinicianPage.objects.all()]
    if issubclass(page_class, ClinicianPage):
        return ConditionPage.objects.all()
    return []


def on_reviewer_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    pages = list(ConditionPage.objects.live().filter(page_reviewers__reviewer=instance).distinct())
    profiles = list(ClinicianPage.objects.live().filter(reviewer=instance))
    # The service line's team list shows the reviewer too.
    team_lists = Page.objects.filter(
        path__in=[profile.path[: -Page.steplen] for profile in profiles]
    )
    purge.purge_pages([*pages, *profiles, *team_lists])


# Saves of shared advice that change nothing pages show: a draft (a revision), a lock.
ADVICE_BOOKKEEPING_FIELDS = {
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def on_shared_advice_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """Publishing (or unpublishing) the advice saves its row; saving a draft only records the
    revision, and pages keep showing the live version, so their cached copies stay."""
    if raw or (update_fields is not None and set(update_fields) <= ADVICE_BOOKKEEPING_FIELDS):
        return
    sources = ReferenceIndex.get_references_to(instance).group_by_source_object()
    pages = [source for source, _references in sources if isinstance(source, Page)]
    purge.purge_pages([page for page in pages if page.live])


def connect():
    post_save.connect(on_reviewer_changed, sender=Reviewer, dispatch_uid="reviewer_page_cache")
    # Before the delete: its credits on pages are deleted with it.
    pre_delete.connect(on_reviewer_changed, sender=Reviewer, dispatch_uid="reviewer_page_cache_d")
    post_save.connect(
        on_shared_advice_changed, sender=SharedCareAdvice, dispatch_uid="shared_advice_page_cache"
    )
