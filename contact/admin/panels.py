"""The intake summary on the admin dashboard."""

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail.admin.ui.components import Component

from contact.models import Registration


class IntakeSummaryPanel(Component):
    """For intake staff on the admin dashboard: what is waiting for them."""

    name = "intake_summary"
    template_name = "contact/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        new = Registration.objects.new()
        summary = new.aggregate(oldest=Min("created_at"))
        new_count = new.count()
        oldest = summary["oldest"]
        index_url = reverse("registrations:index")
        return {
            # Urgent and nobody has reached the patient yet: the first thing on the page.
            "urgent_count": Registration.objects.open().urgent().awaiting_contact().count(),
            "urgent_url": f"{index_url}?urgent=true",
            "new_count": new_count,
            "oldest_waited": timesince(oldest, timezone.now(), depth=2) if oldest else "",
            "new_url": f"{index_url}?status={Registration.Status.NEW}",
            "pending_count": Registration.objects.open().notification_pending().count(),
            "pending_url": f"{index_url}?notification_pending=true",
            "index_url": index_url,
        }


class NoPageSearch(Component):
    """For staff with no page permissions (intake coordinators): hide the dashboard's
    "Search all pages" box, which could only ever answer "no results".

    Wagtail offers no hook for that form, so this invisible panel adds a stylesheet that hides
    it (display: none, so screen readers skip it too).
    """

    name = "no_page_search"
    order = 0

    class Media:
        css = {"all": ["css/intake-dashboard.css"]}

    def render_html(self, parent_context=None):
        return ""
