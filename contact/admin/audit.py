"""Audit log entries for registrations: the user and the reference, never patient data."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import ModelLogEntry

from contact.models import Registration

# Log actions registered in contact/wagtail_hooks.py.
LOG_LIST = "contact.registration.list"
LOG_VIEW = "contact.registration.view"
LOG_EXPORT = "contact.registration.export"
LOG_EXPORT_DOWNLOAD = "contact.registration.export_download"
LOG_PURGE = "contact.registration.purge"
LOG_EDIT = "wagtail.edit"
LOG_ASSIGN = "contact.registration.assign"
LOG_STATUS = "contact.registration.status"
LOG_CONTACT_ATTEMPT = "contact.registration.contact_attempt"
LOG_ESCALATE = "contact.registration.urgent_reminder"

# Audit entries about the listing as a whole (list views and exports) are not about one
# registration. They are stored against the Registration content type with this object id,
# which no row ever has (primary keys start at 1): Wagtail's reports look the id up with
# in_bulk(), which needs a valid integer.
LIST_LOG_OBJECT_ID = "0"


def log_registration_action(registration, action, user, data=None, **kwargs):
    """One audit entry about one registration: its label is str(), i.e. the reference."""
    return log(instance=registration, action=action, user=user, data=data or {}, **kwargs)


def log_listing_action(action, user, data):
    """One audit entry about a set of registrations (a list page or an export)."""
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=LIST_LOG_OBJECT_ID,
        label=gettext("Registrations"),
        action=action,
        user=user,
        uuid=get_active_log_context().uuid,
        timestamp=timezone.now(),
        data=data,
    )
