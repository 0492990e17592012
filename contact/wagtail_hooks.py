from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import policy_registry, register_permission_policy

from contact.admin.audit import (
    LOG_ASSIGN,
    LOG_CONTACT_ATTEMPT,
    LOG_ESCALATE,
    LOG_EXPORT,
    LOG_EXPORT_DOWNLOAD,
    LOG_LIST,
    LOG_PURGE,
    LOG_STATUS,
    LOG_VIEW,
)
from contact.admin.bulk import BulkAssign, BulkStatus
from contact.admin.insight import IntakeInsightPanel
from contact.admin.panels import IntakeSummaryPanel, NoPageSearch
from contact.admin.permissions import registration_permission_policy, user_is_intake_staff
from contact.admin.viewsets import RegistrationViewSet
from contact.models import Registration

# Before anything asks the registry for Registration's policy (Wagtail would otherwise create
# a fallback that lets superusers "add" registrations).
register_permission_policy(Registration, registration_permission_policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    actions.register_action(LOG_LIST, _("View registrations list"), _("Viewed registrations list"))
    actions.register_action(LOG_VIEW, _("View registration"), _("Viewed registration"))
    actions.register_action(LOG_EXPORT, _("Export registrations"), _("Exported registrations"))
    actions.register_action(
        LOG_EXPORT_DOWNLOAD,
        _("Download registrations export"),
        _("Downloaded a registrations export prepared in the background"),
    )
    actions.register_action(LOG_ASSIGN, _("Assign registration"), _("Assigned registration"))
    actions.register_action(LOG_STATUS, _("Change status"), _("Changed registration status"))
    actions.register_action(
        LOG_CONTACT_ATTEMPT, _("Log contact attempt"), _("Logged a contact attempt")
    )
    actions.register_action(
        LOG_ESCALATE, _("Urgent reminder"), _("Sent the urgent reminder (not yet opened)")
    )
    actions.register_action(
        LOG_PURGE, _("Purge registration"), _("Deleted after the retention period")
    )


@hooks.register("construct_homepage_panels")
def add_intake_summary_panel(request, panels):
    if user_is_intake_staff(request.user):
        panels.append(IntakeSummaryPanel())
        panels.append(IntakeInsightPanel())
    if policy_registry.get_by_type(Page).explorable_root_instance(request.user) is None:
        panels.append(NoPageSearch())


hooks.register("register_bulk_action", BulkAssign)
hooks.register("register_bulk_action", BulkStatus)
