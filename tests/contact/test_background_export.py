"""Exports too big for a request: built by a task into private storage, link emailed, audited,
downloadable only by the coordinator who asked, deleted when they expire."""

import csv
import io
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from contact.admin.audit import LOG_EXPORT, LOG_EXPORT_DOWNLOAD
from contact.admin.background_exports import build, export_storage
from contact.apps import schedule_upkeep
from contact.factories import RegistrationFactory
from contact.models import RegistrationExport
from contact.tasks import delete_expired_exports
from tests.contact.intake_fixtures import index_url, set_created

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NOW = timezone.now()


@pytest.fixture(autouse=True)
def _remove_files():
    yield
    built = RegistrationExport.objects.exclude(file_name="")
    for name in built.values_list("file_name", flat=True):
        export_storage().delete(name)


@pytest.fixture
def small_limits(settings):
    settings.REGISTRATION_XLSX_SYNC_MAX_ROWS = 2
    settings.REGISTRATION_CSV_SYNC_MAX_ROWS = 2
    return settings


@pytest.fixture
def registrations():
    """Three routine registrations and one urgent, oldest first; the urgent one leads the list."""
    rows = [
        RegistrationFactory(first_name="Zelda", last_name="Quintero", phone="+16175550101"),
        RegistrationFactory(first_name="Yusuf", last_name="Marwick", phone="+16175550102"),
        RegistrationFactory(first_name="Xenia", last_name="Old", phone="+16175550103"),
        RegistrationFactory(first_name="Wanda", last_name="Ruiz", emergency_symptoms=True),
    ]
    for age, registration in enumerate(rows):
        set_created(registration, NOW - timedelta(hours=10 - age))
    return rows


def ask(client, user, query, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.get(index_url(query))


def download_link(message):
    lines = message.body.splitlines()
    return next(line.strip() for line in lines if "/admin/registrations/exports/" in line)


def test_a_big_xlsx_is_built_in_the_background_and_its_link_emailed(
    client, coordinator, registrations, small_limits, django_capture_on_commit_callbacks
):
    response = ask(client, coordinator, "export=xlsx", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == index_url()
    page = client.get(response["Location"]).content.decode()
    assert "Your XLSX file of 4 registrations is being prepared" in page

    export = RegistrationExport.objects.get()
    assert export.status == RegistrationExport.Status.READY
    assert export.registration_ids == []  # the list is not kept once the file exists
    assert export_storage().exists(export.file_name)

    # The email: a link, the count and the expiry; nothing about any patient.
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert message.subject == "Your registrations export is ready"
    text = message.subject + message.body
    for registration in registrations:
        for value in (
            registration.reference,
            registration.first_name,
            registration.last_name,
            registration.phone,
        ):
            assert value not in text
    link = download_link(message)
    assert link == f"http://testserver/admin/registrations/exports/{export.token}/"
    assert "4 registrations" in message.body

    # Asking was audited like any export, with the references, in list order.
    entry = ModelLogEntry.objects.get(action=LOG_EXPORT)
    assert entry.user == coordinator
    in_order = [registrations[3], *registrations[:3]]  # urgent first, then oldest waiting
    assert entry.data["references"] == [r.reference for r in in_order]
    assert entry.data["background"] is True
    assert entry.data["count"] == 4

    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))
    assert response["Content-Disposition"].startswith('attachment; filename="registrations-')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("Reference", "Status")
    assert [row[0] for row in rows[1:]] == [r.reference for r in in_order]
    download = ModelLogEntry.objects.get(action=LOG_EXPORT_DOWNLOAD)
    assert download.user == coordinator
    assert download.data == {"format": "xlsx", "count": 4, "export": export.pk}


def test_a_big_csv_keeps_the_filter_and_the_cell_rules(
    client, coordinator, registrations, small_limits, django_capture_on_commit_callbacks
):
    RegistrationFactory(first_name="=HYPERLINK(1)", last_name="Formula")
    query = "urgent=false&export=csv"
    response = ask(client, coordinator, query, django_capture_on_commit_callbacks)
    assert response["Location"] == index_url("urgent=false")
    export = RegistrationExport.objects.get()
    assert export.row_count == 4
    response = client.get(reverse("registrations:export_download", args=[export.token]))
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [line["Legal first name"] for line in lines] == [
        "Zelda",
        "Yusuf",
        "Xenia",
        "'=HYPERLINK(1)",
    ]


def test_small_exports_still_stream_in_the_request(client, coordinator, registrations, settings):
    client.force_login(coordinator)
    response = client.get(index_url("export=csv"))
    assert response.status_code == 200
    assert len(b"".join(response.streaming_content).decode().splitlines()) == 5
    assert not RegistrationExport.objects.exists()


def test_the_link_is_only_for_the_coordinator_who_asked(
    client,
    coordinator,
    other_coordinator,
    editor,
    superuser,
    registrations,
    small_limits,
    django_capture_on_commit_callbacks,
):
    ask(client, coordinator, "export=xlsx", django_capture_on_commit_callbacks)
    url = reverse("registrations:export_download", args=[RegistrationExport.objects.get().token])
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(editor)
    assert client.get(url).status_code == 403
    for someone_else in (other_coordinator, superuser):
        client.force_login(someone_else)
        assert client.get(url).status_code == 404
    # Her own link, once she has lost the export permission: refused.
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    coordinator.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_registration"])
    )
    coordinator.groups.clear()
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    assert ModelLogEntry.objects.filter(action=LOG_EXPORT_DOWNLOAD).count() == 1


def test_the_file_expires_and_the_clean_up_deletes_it(
    client, coordinator, registrations, small_limits, django_capture_on_commit_callbacks
):
    ask(client, coordinator, "export=xlsx", django_capture_on_commit_callbacks)
    ask(client, coordinator, "export=csv", django_capture_on_commit_callbacks)
    old, current = RegistrationExport.objects.order_by("pk")
    assert abs(current.expires_at - current.created_at - timedelta(hours=24)) < timedelta(seconds=5)
    RegistrationExport.objects.filter(pk=old.pk).update(expires_at=timezone.now())

    response = client.get(reverse("registrations:export_download", args=[old.token]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "That export has expired" in page

    assert delete_expired_exports.call() == 1
    assert not export_storage().exists(old.file_name)
    assert export_storage().exists(current.file_name)
    assert list(RegistrationExport.objects.all()) == [current]


def test_a_second_build_sends_nothing_and_a_lost_permission_builds_nothing(
    client, coordinator, registrations, small_limits, django_capture_on_commit_callbacks
):
    ask(client, coordinator, "export=xlsx", django_capture_on_commit_callbacks)
    export = RegistrationExport.objects.get()
    assert build(export.pk) is False  # a requeued task: already built
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.get(index_url("export=xlsx"))
    pending = RegistrationExport.objects.get(status=RegistrationExport.Status.PENDING)
    coordinator.groups.clear()
    for callback in callbacks:
        callback()
    pending.refresh_from_db()
    assert pending.status == RegistrationExport.Status.FAILED
    assert pending.file_name == ""
    assert len(mail.outbox) == 1


def test_the_worker_keeps_the_clean_up_scheduled(settings):
    settings.TASKS = DB_TASKS
    settings.REGISTRATION_EXPORT_CLEANUP_INTERVAL_SECONDS = 3600
    waiting = DBTaskResult.objects.filter(
        task_path="contact.tasks.delete_expired_exports", status=TaskResultStatus.READY
    )
    schedule_upkeep(sender=None)  # what migrate does
    schedule_upkeep(sender=None)
    first = waiting.get()  # once, however often migrate runs
    assert abs((first.run_after - timezone.now()).total_seconds()) < 5
    DBTaskResult.objects.filter(pk=first.pk).update(status=TaskResultStatus.RUNNING)
    assert delete_expired_exports.call() == 0
    following = waiting.get()
    assert 3590 < (following.run_after - timezone.now()).total_seconds() <= 3600


def test_a_failed_build_is_marked_failed_without_the_error_text(
    client, coordinator, registrations, small_limits, django_capture_on_commit_callbacks, caplog
):
    def broken(export, output):
        raise ValueError(f"cannot write {registrations[0].last_name}")

    with mock.patch("contact.admin.background_exports.write_file", broken):
        ask(client, coordinator, "export=xlsx", django_capture_on_commit_callbacks)
    export = RegistrationExport.objects.get()
    assert export.status == RegistrationExport.Status.FAILED
    assert not mail.outbox
    assert "ValueError" in caplog.text
    assert "Quintero" not in caplog.text
    response = client.get(reverse("registrations:export_download", args=[export.token]))
    assert response.status_code == 302


def test_files_are_kept_outside_the_public_media_folder(settings):
    location = Path(export_storage().location).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert media not in location.parents and location != media
