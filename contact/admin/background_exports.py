"""Exports too big for a request: asked for from the list, built by a task, fetched by link.

Asking writes the rows' ids (in list order, as filtered and searched) on a RegistrationExport
and queues ``contact.tasks.build_registration_export``; the task writes the file with the same
columns and cells as the list's own exports into the private ``registration_exports``
storage and emails the coordinator a link to the download view (no patient data in the
email). The link works only for her, signed in, with the export permission, until the file
expires (``REGISTRATION_EXPORT_EXPIRY_HOURS``); the scheduled ``delete_expired_exports``
deletes it then. Asking, building and downloading are each in the audit log.
"""

import datetime
import logging
import tempfile

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import storages
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from contact.models import Registration, RegistrationExport

from .audit import LOG_EXPORT, LOG_EXPORT_DOWNLOAD, log_listing_action
from .exports import EXPORT_FIELDS, EXPORT_HEADINGS, EXPORT_RELATED, LIST_EXPORT, with_call_logs
from .permissions import registration_permission_policy
from .times import display_time

logger = logging.getLogger(__name__)

STORAGE_ALIAS = "registration_exports"
DEFAULT_EXPIRY_HOURS = 24
BUILD_CHUNK = 2000
CONTENT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_storage():
    return storages[STORAGE_ALIAS]


def expiry_delta():
    hours = getattr(settings, "REGISTRATION_EXPORT_EXPIRY_HOURS", DEFAULT_EXPIRY_HOURS)
    return datetime.timedelta(hours=hours)


# --- Asking (from the list view) -------------------------------------------------------------


def request_export(request, spreadsheet_format, ids, audit_data, back_url):
    """Record the export of `ids` (in list order), queue its build, and send the coordinator
    back to the list. Audited now, with the references, as an export in the request is."""
    from contact.tasks import build_registration_export

    export = RegistrationExport.objects.create(
        requested_by=request.user,
        file_format=spreadsheet_format,
        registration_ids=ids,
        row_count=len(ids),
        expires_at=timezone.now() + expiry_delta(),
    )
    log_listing_action(
        LOG_EXPORT, request.user, {**audit_data, "background": True, "export": export.pk}
    )
    transaction.on_commit(lambda: build_registration_export.enqueue(export.pk))
    messages.success(
        request,
        ngettext(
            "Your %(format)s file of %(count)s registration is being prepared. We will email "
            "you a download link when it is ready; the link works for %(hours)s hours.",
            "Your %(format)s file of %(count)s registrations is being prepared. We will email "
            "you a download link when it is ready; the link works for %(hours)s hours.",
            len(ids),
        )
        % {
            "format": export.get_file_format_display(),
            "count": f"{len(ids):,}",
            "hours": int(expiry_delta().total_seconds() // 3600),
        },
    )
    return redirect(back_url)


# --- Building (in the task worker) -----------------------------------------------------------


def rows_in_order(ids, chunk_size=BUILD_CHUNK):
    """The registrations of `ids`, in that order, loaded a chunk at a time with only the
    exported columns (the condition's title and the coordinator's name as annotations)."""
    from django.db.models import F

    related = {name: F(path) for name, path in EXPORT_RELATED.items()}
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        loaded = (
            Registration.objects.filter(pk__in=chunk)
            .only(*EXPORT_FIELDS)
            .annotate(condition_title_value=F("condition__title"), **related)
            .order_by()
        )
        by_pk = {registration.pk: registration for registration in loaded}
        # Deleted since the export was asked for: left out.
        yield from with_call_logs((by_pk[pk] for pk in chunk if pk in by_pk), chunk_size=chunk_size)


def write_file(export, output):
    """Write the export's rows to the binary file `output`, as the list's own export would."""
    from .views import RegistrationIndexView

    writer = RegistrationIndexView(list_export=LIST_EXPORT, export_headings=EXPORT_HEADINGS)
    rows = rows_in_order(export.registration_ids)
    if export.file_format == RegistrationExport.Format.XLSX:
        writer.write_xlsx(rows, output)
    else:
        for line in writer.stream_csv(rows):
            output.write(line)


def build(export_id):
    """Build the file, mark the export ready and email the link; safe to run twice."""
    export = RegistrationExport.objects.filter(pk=export_id).first()
    if export is None or export.status != RegistrationExport.Status.PENDING or export.is_expired:
        return False  # built already (a retried task), failed, expired or deleted
    user = export.requested_by
    if not (user.is_active and registration_permission_policy.user_has_permission(user, "export")):
        # The permission was taken away since she asked.
        RegistrationExport.objects.filter(pk=export.pk).update(
            status=RegistrationExport.Status.FAILED, registration_ids=[]
        )
        return False
    storage = export_storage()
    try:
        with tempfile.TemporaryFile() as output:
            write_file(export, output)
            output.seek(0)
            name = storage.save(f"{export.token}.{export.file_format}", File(output))
    except Exception as error:  # noqa: BLE001 - a cell's error message may quote patient data
        # Failed, not raised: the task's stored traceback would keep that message.
        RegistrationExport.objects.filter(pk=export.pk).update(
            status=RegistrationExport.Status.FAILED, registration_ids=[]
        )
        logger.warning("Registration export %s failed (%s).", export.pk, type(error).__name__)
        return False
    updated = RegistrationExport.objects.filter(
        pk=export.pk, status=RegistrationExport.Status.PENDING
    ).update(
        status=RegistrationExport.Status.READY,
        file_name=name,
        finished_at=timezone.now(),
        registration_ids=[],
    )
    if not updated:
        storage.delete(name)  # another run finished first
        return False
    export.refresh_from_db()
    send_ready_email(export)
    return True


def download_url(export):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("registrations:export_download", args=[export.token])


def send_ready_email(export):
    recipient = export.requested_by.email
    if not recipient:
        logger.warning("Registration export %s is ready but its user has no email.", export.pk)
        return False
    context = {
        "url": download_url(export),
        "count": export.row_count,
        "format": export.get_file_format_display(),
        "expires_at": display_time(export.expires_at),
    }
    subject = render_to_string("contact/admin/email/export_ready_subject.txt", context)
    body = render_to_string("contact/admin/email/export_ready.txt", context)
    message = EmailMessage(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient]
    )
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - the file stays downloadable; say so in the log
        logger.warning(
            "The email for registration export %s was not sent (%s).",
            export.pk,
            type(error).__name__,
        )
        return False
    return True


# --- Downloading and expiry ------------------------------------------------------------------


def download_view(request, token):
    """The file, to the coordinator who asked for it, while it lasts; audited."""
    if not registration_permission_policy.user_has_permission(request.user, "export"):
        raise PermissionDenied
    # Someone else's export is "not found", like one that never existed.
    export = RegistrationExport.objects.filter(token=token, requested_by=request.user).first()
    if export is None:
        raise Http404
    if export.status != RegistrationExport.Status.READY or export.is_expired:
        if export.status == RegistrationExport.Status.PENDING and not export.is_expired:
            messages.warning(request, gettext("That export is still being prepared."))
        else:
            messages.error(
                request,
                gettext("That export has expired or could not be built. Export again."),
            )
        return redirect("registrations:index")
    storage = export_storage()
    if not storage.exists(export.file_name):
        raise Http404
    log_listing_action(
        LOG_EXPORT_DOWNLOAD,
        request.user,
        {"format": export.file_format, "count": export.row_count, "export": export.pk},
    )
    stamp = timezone.localtime(export.created_at).strftime("%Y%m%d-%H%M")
    response = FileResponse(
        storage.open(export.file_name, "rb"),
        as_attachment=True,
        filename=f"registrations-{stamp}.{export.file_format}",
        content_type=CONTENT_TYPES[export.file_format],
    )
    response["Cache-Control"] = "no-store, private"
    return response


def delete_expired_exports(now=None):
    """Delete expired exports' files and rows; the number deleted."""
    storage = export_storage()
    deleted = 0
    for export in RegistrationExport.objects.expired(now).only("pk", "file_name"):
        if export.file_name:
            storage.delete(export.file_name)
        export.delete()
        deleted += 1
    return deleted
