"""Medical-review dates: when a review falls due, and what state a reviewed item is in.

Used by condition pages, the shared clinical advice snippet, the report and the reminders.
"""

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Site

REVIEW_INTERVAL_MONTHS = 12
# Items due within this many days are "due soon" in the report, the dashboard and the reminders.
DUE_SOON_DAYS = 30


def next_review_after(last_reviewed, months=REVIEW_INTERVAL_MONTHS):
    """The same day `months` later, or that month's last day when the day does not exist
    (a review on Feb 29 is next due on Feb 28)."""
    return last_reviewed + relativedelta(months=months)


def review_interval_months(site=None):
    """The site's medical review interval (Settings → Site settings), default 12 months."""
    from core.models import SiteSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return REVIEW_INTERVAL_MONTHS
    # Read, never create: SiteSettings.for_site() would make a settings row as a side effect.
    months = (
        SiteSettings.objects.filter(site=site)
        .values_list("medical_review_interval_months", flat=True)
        .first()
    )
    return months or REVIEW_INTERVAL_MONTHS


def site_of(page, parent_page=None):
    """The site a (possibly unsaved) page belongs to, or None."""
    for candidate in (page, parent_page):
        if candidate is not None and getattr(candidate, "path", None):
            site = candidate.get_site()
            if site is not None:
                return site
    return None


class ReviewStatus:
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    IN_WORKFLOW = "in_workflow"
    FINE = "fine"
    NOT_REVIEWED = "not_reviewed"

    LABELS = {
        OVERDUE: _("Overdue"),
        DUE_SOON: _("Due within 30 days"),
        IN_WORKFLOW: _("In review workflow"),
        FINE: _("Fine"),
        NOT_REVIEWED: _("Never reviewed"),
    }
    # Most urgent first, for sorting.
    ORDER = {OVERDUE: 0, NOT_REVIEWED: 1, DUE_SOON: 2, IN_WORKFLOW: 3, FINE: 4}
    CHOICES = list(LABELS.items())


def is_overdue(next_review_due, today=None):
    return bool(next_review_due) and next_review_due < (today or timezone.localdate())


def days_left(next_review_due, today=None):
    if not next_review_due:
        return None
    return (next_review_due - (today or timezone.localdate())).days


def review_status(next_review_due, in_workflow=False, today=None):
    """Overdue beats "in workflow": a page past due is still past due while it is reviewed."""
    if not next_review_due:
        return ReviewStatus.NOT_REVIEWED
    left = days_left(next_review_due, today)
    if left < 0:
        return ReviewStatus.OVERDUE
    if in_workflow:
        return ReviewStatus.IN_WORKFLOW
    if left <= DUE_SOON_DAYS:
        return ReviewStatus.DUE_SOON
    return ReviewStatus.FINE


def rolled_forward_due_date(last_reviewed, site=None):
    return next_review_after(last_reviewed, review_interval_months(site)) if last_reviewed else None


def days_phrase(left):
    if left is None:
        return ""
    if left < 0:
        return ngettext("%(n)d day overdue", "%(n)d days overdue", -left) % {"n": -left}
    return ngettext("%(n)d day left", "%(n)d days left", left) % {"n": left}
