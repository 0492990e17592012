"""Intake of registrations in the Wagtail admin: who sees what, the audit log, edits, search,
filters, exports and the dashboard panel."""

import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, ReferenceIndex

from conditions.factories import ConditionPageFactory
from contact.admin.audit import LIST_LOG_OBJECT_ID, LOG_EXPORT, LOG_LIST, LOG_VIEW
from contact.admin.permissions import INTAKE_GROUP_NAME
from contact.factories import RegistrationFactory
from contact.models import Registration
from tests.core.builders import member_of

pytestmark = pytest.mark.django_db

# The patient whose details must never leak into a log entry.
PATIENT = {
    "first_name": "Anabela",
    "last_name": "Quintero",
    "phone": "+16175550123",
    "email": "anabela.quintero@example.org",
    "date_of_birth": datetime.date(1961, 7, 14),
}
PATIENT_STRINGS = [
    "Anabela",
    "Quintero",
    "+16175550123",
    "6175550123",
    "555-0123",
    "anabela.quintero@example.org",
    "1961-07-14",
]


# --- Fixtures --------------------------------------------------------------------------------


# editor, moderator and coordinator come from tests/conftest.py.


@pytest.fixture
def other_coordinator(db):
    return member_of(INTAKE_GROUP_NAME, "otto")


@pytest.fixture
def admin_user(superuser):
    return superuser


@pytest.fixture
def users(editor, moderator, coordinator, admin_user):
    return {
        "anonymous": None,
        "editor": editor,
        "moderator": moderator,
        "coordinator": coordinator,
        "superuser": admin_user,
    }


@pytest.fixture
def condition():
    return ConditionPageFactory(title="Spinal metastases")


@pytest.fixture
def registration(condition):
    return RegistrationFactory(
        **PATIENT,
        condition=condition,
        visit_type=Registration.VisitType.IN_PERSON,
        message="I have had back pain for three weeks.",
    )


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def listed(response):
    return {registration.reference for registration in response.context["object_list"]}


def index_url(query=""):
    return reverse("registrations:index") + (f"?{query}" if query else "")


# --- Permission matrix -----------------------------------------------------------------------

URL_KINDS = ["list", "inspect", "edit", "export_csv", "export_xlsx", "delete", "add"]


def url_for(kind, registration):
    return {
        "list": index_url(),
        "inspect": reverse("registrations:inspect", args=[registration.pk]),
        "edit": reverse("registrations:edit", args=[registration.pk]),
        "export_csv": index_url("export=csv"),
        "export_xlsx": index_url("export=xlsx"),
        "delete": reverse("registrations:delete", args=[registration.pk]),
        "add": reverse("registrations:add"),
    }[kind]


ALLOWED = {
    "anonymous": set(),
    "editor": set(),
    "moderator": set(),
    "coordinator": {"list", "inspect", "edit", "export_csv", "export_xlsx"},
    "superuser": {"list", "inspect", "edit", "export_csv", "export_xlsx", "delete"},
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("kind", URL_KINDS)
def test_permission_matrix(client, users, registration, role, kind):
    url = url_for(kind, registration)
    response = login(client, users[role]).get(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    elif kind in ALLOWED[role]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["editor", "moderator"])
@pytest.mark.parametrize("view_name", ["history", "usage", "index_results"])
def test_other_intake_urls_forbidden_for_editors(client, users, registration, role, view_name):
    args = [] if view_name == "index_results" else [registration.pk]
    response = login(client, users[role]).get(reverse(f"registrations:{view_name}", args=args))
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_get_the_same_403_for_missing_registrations(client, users, registration, role):
    # No way to tell which registrations exist.
    client = login(client, users[role])
    for view_name in ("inspect", "edit", "delete"):
        response = client.get(reverse(f"registrations:{view_name}", args=[registration.pk + 999]))
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "shown"),
    [("editor", False), ("moderator", False), ("coordinator", True), ("superuser", True)],
)
def test_menu_item_only_for_intake_staff(client, users, role, shown):
    html = login(client, users[role]).get(reverse("wagtailadmin_home")).content.decode()
    assert ('"Registrations"' in html) is shown
    assert (reverse("registrations:index") in html) is shown


def test_coordinator_cannot_delete_by_post(client, coordinator, registration):
    response = login(client, coordinator).post(
        reverse("registrations:delete", args=[registration.pk])
    )
    assert response.status_code == 403
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_superuser_can_delete_and_it_is_logged(client, admin_user, registration):
    response = login(client, admin_user).post(
        reverse("registrations:delete", args=[registration.pk])
    )
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=registration.pk).exists()
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(registration.pk))
    assert entry.user == admin_user
    assert entry.label == registration.reference


def test_nobody_can_add_by_post(client, admin_user):
    response = login(client, admin_user).post(reverse("registrations:add"), {"status": "new"})
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_export_needs_export_permission_not_just_view(client, registration):
    viewer = member_of(None, "viewer")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_registration"),
    )
    client = login(client, viewer)

    listing = client.get(index_url())
    assert listing.status_code == 200
    assert "export=csv" not in listing.content.decode()
    assert client.get(index_url("export=csv")).status_code == 403
    assert client.get(index_url("export=xlsx")).status_code == 403
    assert not ModelLogEntry.objects.filter(action=LOG_EXPORT).exists()


def test_coordinator_sees_export_buttons(client, coordinator, registration):
    html = login(client, coordinator).get(index_url()).content.decode()
    assert "export=csv" in html
    assert "export=xlsx" in html


def test_edit_page_has_only_staff_fields(client, coordinator, registration):
    response = login(client, coordinator).get(reverse("registrations:edit", args=[registration.pk]))
    assert set(response.context["form"].fields) == {"status", "assigned_to", "internal_notes"}


def test_registrations_do_not_show_up_in_condition_page_usage(registration, condition):
    # Editors can see a page's usage; registrations must not be listed there.
    assert not ReferenceIndex.get_references_to(condition).exists()


# --- Audit log -------------------------------------------------------------------------------


def test_list_view_logs_one_entry_with_the_references_shown(client, coordinator, condition):
    registrations = RegistrationFactory.create_batch(3, condition=condition)
    login(client, coordinator).get(index_url())

    entries = ModelLogEntry.objects.filter(action=LOG_LIST)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.user == coordinator
    assert entry.object_id == LIST_LOG_OBJECT_ID
    assert set(entry.data["references"]) == {r.reference for r in registrations}
    assert entry.data["count"] == 3


def test_inspect_logs_a_view_with_user_and_reference(client, coordinator, registration):
    response = login(client, coordinator).get(
        reverse("registrations:inspect", args=[registration.pk])
    )
    html = response.content.decode()
    # All the answers are there ...
    for answer in ("Anabela", "Quintero", "(617) 555-0123", "I have had back pain"):
        assert answer in html
    # ... and the inspection is on record.
    entry = ModelLogEntry.objects.get(action=LOG_VIEW)
    assert entry.user == coordinator
    assert entry.object_id == str(registration.pk)
    assert entry.label == registration.reference


def test_inspect_puts_answers_before_bookkeeping_and_shows_not_sure(client, coordinator):
    registration = RegistrationFactory(condition=None, last_name="Quintero")
    response = login(client, coordinator).get(
        reverse("registrations:inspect", args=[registration.pk])
    )
    labels = [str(field["label"]) for field in response.context["fields"]]
    assert labels.index("Legal last name") < labels.index("Notification attempts")
    assert "Submission token" not in labels
    values = {str(f["label"]): f["value"] for f in response.context["fields"]}
    assert values["Condition"] == "Not sure"
    assert values["Closed at"] == "\u2014"


def test_export_logs_the_references_exported(client, coordinator, registration, condition):
    other = RegistrationFactory(condition=condition, status=Registration.Status.CLOSED)
    response = login(client, coordinator).get(index_url("status=new&export=csv"))
    b"".join(response.streaming_content)

    entry = ModelLogEntry.objects.get(action=LOG_EXPORT)
    assert entry.user == coordinator
    assert entry.data["references"] == [registration.reference]
    assert entry.data["count"] == 1
    assert entry.data["format"] == "csv"
    assert other.reference not in json.dumps(entry.data)


def test_edit_is_logged_with_changed_field_names_only(client, coordinator, registration):
    login(client, coordinator).post(
        reverse("registrations:edit", args=[registration.pk]),
        {
            "status": "reached",
            "assigned_to": coordinator.pk,
            "internal_notes": "Called Anabela Quintero on +16175550123",
        },
    )
    entry = ModelLogEntry.objects.get(action="wagtail.edit")
    assert entry.user == coordinator
    assert entry.label == registration.reference
    assert set(entry.data["fields"]) == {"status", "assigned_to", "internal_notes"}
    assert entry.data["status"] == {"from": "new", "to": "reached"}


def test_no_patient_data_in_any_log_entry(client, coordinator, admin_user, registration):
    client = login(client, coordinator)
    client.get(index_url("q=Quintero"))
    client.get(index_url("q=617-555-0123"))
    client.get(reverse("registrations:inspect", args=[registration.pk]))
    b"".join(client.get(index_url("q=Anabela&export=csv")).streaming_content)
    b"".join(client.get(index_url("export=xlsx")).streaming_content)
    client.post(
        reverse("registrations:edit", args=[registration.pk]),
        {
            "status": "closed",
            "assigned_to": coordinator.pk,
            "internal_notes": "Anabela Quintero, +16175550123, born 1961-07-14",
        },
    )
    client.force_login(admin_user)
    client.post(reverse("registrations:delete", args=[registration.pk]))

    entries = list(ModelLogEntry.objects.all())
    assert {e.action for e in entries} >= {
        LOG_LIST,
        LOG_VIEW,
        LOG_EXPORT,
        "wagtail.edit",
        "wagtail.delete",
    }
    for entry in entries:
        recorded = entry.label + json.dumps(entry.data)
        for secret in PATIENT_STRINGS:
            assert secret not in recorded, (entry.action, secret)


def test_site_history_report_renders_intake_entries(client, admin_user, coordinator, registration):
    login(client, coordinator).get(index_url())
    client.get(reverse("registrations:inspect", args=[registration.pk]))
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "Viewed registrations list" in response.content.decode()


def test_editors_do_not_see_intake_entries_in_site_history(
    client, editor, coordinator, registration
):
    login(client, coordinator).get(reverse("registrations:inspect", args=[registration.pk]))
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert registration.reference not in response.content.decode()


# --- Editing ---------------------------------------------------------------------------------


def post_edit(client, registration, **data):
    payload = {"status": registration.status, "assigned_to": "", "internal_notes": ""}
    payload.update(data)
    return client.post(reverse("registrations:edit", args=[registration.pk]), payload)


def test_edit_cannot_change_patient_answers(client, coordinator, registration):
    response = post_edit(
        login(client, coordinator),
        registration,
        status="reached",
        last_name="Changed",
        phone="+16175550199",
        message="Rewritten",
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "reached"
    assert registration.last_name == "Quintero"
    assert registration.phone == "+16175550123"
    assert registration.message == "I have had back pain for three weeks."


def test_assignee_must_be_an_intake_coordinator(client, coordinator, editor, registration):
    client = login(client, coordinator)
    response = post_edit(client, registration, assigned_to=editor.pk)
    assert response.status_code == 200
    assert "assigned_to" in response.context["form"].errors
    registration.refresh_from_db()
    assert registration.assigned_to is None

    post_edit(client, registration, assigned_to=coordinator.pk)
    registration.refresh_from_db()
    assert registration.assigned_to == coordinator


def test_assignee_choices_are_coordinators(
    client, coordinator, other_coordinator, editor, registration
):
    response = login(client, coordinator).get(reverse("registrations:edit", args=[registration.pk]))
    choices = set(response.context["form"].fields["assigned_to"].queryset)
    assert choices == {coordinator, other_coordinator}


def test_former_coordinator_stays_assignable_until_reassigned(
    client, coordinator, other_coordinator, registration
):
    registration.assigned_to = other_coordinator
    registration.save()
    other_coordinator.groups.clear()

    response = post_edit(
        login(client, coordinator),
        registration,
        assigned_to=other_coordinator.pk,
        internal_notes="x",
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.internal_notes == "x"


def test_closing_sets_closed_at_and_reopening_clears_it(client, coordinator, registration):
    client = login(client, coordinator)
    assert registration.closed_at is None

    post_edit(client, registration, status="closed")
    registration.refresh_from_db()
    first_closed_at = registration.closed_at
    assert first_closed_at is not None

    # Saving a closed registration again (e.g. a note) keeps the original date.
    post_edit(client, registration, status="closed", internal_notes="Referred elsewhere")
    registration.refresh_from_db()
    assert registration.closed_at == first_closed_at

    post_edit(client, registration, status="reached")
    registration.refresh_from_db()
    assert registration.closed_at is None


# --- Search ----------------------------------------------------------------------------------


@pytest.fixture
def two_registrations(registration, condition):
    other = RegistrationFactory(
        first_name="Boris",
        last_name="Lindqvist",
        phone="+16175550188",
        condition=condition,
    )
    return registration, other


@pytest.mark.parametrize(
    "query",
    [
        "Quintero",
        "anabela",
        "Anabela Quintero",
        "617-555-0123",
        "(617) 555 0123",
        "+1 617 555 0123",
        "6175550123",
        "0123",
    ],
)
def test_search_finds_by_name_and_phone(client, coordinator, two_registrations, query):
    target, other = two_registrations
    response = login(client, coordinator).get(index_url(f"q={query}".replace("+", "%2B")))
    assert listed(response) == {target.reference}


def test_search_by_reference(client, coordinator, two_registrations):
    target, _ = two_registrations
    client = login(client, coordinator)
    assert listed(client.get(index_url(f"q={target.reference}"))) == {target.reference}
    assert listed(client.get(index_url(f"q={target.reference.lower()}"))) == {target.reference}


def test_search_without_match(client, coordinator, two_registrations):
    assert listed(login(client, coordinator).get(index_url("q=Nobody"))) == set()


# --- Filters ---------------------------------------------------------------------------------


def test_filters(client, coordinator, condition):
    other_condition = ConditionPageFactory(title="Chordoma")
    new_virtual = RegistrationFactory(condition=condition, visit_type="virtual")
    closed = RegistrationFactory(
        condition=other_condition,
        status=Registration.Status.CLOSED,
        visit_type="in_person",
        staff_notified_at=timezone.now(),
        patient_acknowledged_at=timezone.now(),
    )
    not_sure = RegistrationFactory(condition=None, visit_type="either")
    Registration.objects.filter(pk=closed.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    client = login(client, coordinator)

    assert listed(client.get(index_url("status=closed"))) == {closed.reference}
    assert listed(client.get(index_url("visit_type=virtual"))) == {new_virtual.reference}
    assert listed(client.get(index_url(f"condition={other_condition.pk}"))) == {closed.reference}
    assert listed(client.get(index_url("condition=null"))) == {not_sure.reference}
    old = (timezone.localdate() - datetime.timedelta(days=41)).isoformat()
    older = (timezone.localdate() - datetime.timedelta(days=39)).isoformat()
    assert listed(client.get(index_url(f"created_at_from={old}&created_at_to={older}"))) == {
        closed.reference
    }
    today = timezone.localdate().isoformat()
    assert listed(client.get(index_url(f"created_at_from={today}"))) == {
        new_virtual.reference,
        not_sure.reference,
    }
    assert listed(client.get(index_url("notification_pending=true"))) == {
        new_virtual.reference,
        not_sure.reference,
    }
    assert listed(client.get(index_url("notification_pending=false"))) == {closed.reference}


def test_list_shows_the_columns(client, coordinator, condition):
    RegistrationFactory(condition=condition)
    html = login(client, coordinator).get(index_url()).content.decode()
    for heading in ("Reference", "Status", "Condition", "Waiting since", "Assigned to"):
        assert heading in html
    # The order (urgent first, then oldest waiting) is tested in test_intake_queue.py.


# --- Exports ---------------------------------------------------------------------------------


def test_csv_export_content(client, coordinator, registration):
    registration.message = '=HYPERLINK("http://evil.example","click")'
    registration.save()
    response = login(client, coordinator).get(index_url("export=csv"))
    assert response["Content-Disposition"] == 'attachment; filename="registrations.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["Reference"] == registration.reference
    assert row["Legal first name"] == "Anabela"
    assert row["Legal last name"] == "Quintero"
    assert row["Phone"] == "+16175550123"
    assert row["Date of birth"] == "1961-07-14"
    assert row["Status"] == "New"
    assert row["Visit type"] == "In person"
    assert row["Condition"] == "Spinal metastases"
    # A formula typed by a patient is neutralised.
    assert row["Message"].startswith("'=HYPERLINK")


def test_xlsx_export_content(client, coordinator, registration, condition):
    RegistrationFactory(condition=condition, status=Registration.Status.CLOSED)
    response = login(client, coordinator).get(index_url("status=new&export=xlsx"))
    assert response["Content-Disposition"].endswith('filename="registrations.xlsx"')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    header, *data = rows
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["Reference"] == registration.reference
    assert row["Legal last name"] == "Quintero"
    assert row["Phone"] == "+16175550123"
    assert row["Date of birth"] == datetime.date(1961, 7, 14)
    created = timezone.localtime(registration.created_at).replace(tzinfo=None, microsecond=0)
    assert abs(row["Created"] - created) < datetime.timedelta(seconds=1)


# --- Dashboard -------------------------------------------------------------------------------


def test_dashboard_panel_counts(client, coordinator, condition):
    waited = datetime.timedelta(days=2, hours=4, minutes=10)
    oldest = RegistrationFactory(condition=condition)
    RegistrationFactory.create_batch(2, condition=condition)
    RegistrationFactory(
        condition=condition,
        status=Registration.Status.REACHED,
        staff_notified_at=timezone.now(),
        email="",
    )
    # Closed with a pending notification: not counted as pending.
    RegistrationFactory(condition=condition, status=Registration.Status.CLOSED)
    Registration.objects.filter(pk=oldest.pk).update(created_at=timezone.now() - waited)
    Registration.objects.filter(status="new").exclude(pk=oldest.pk).update(
        staff_notified_at=timezone.now(), patient_acknowledged_at=timezone.now()
    )

    html = login(client, coordinator).get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="intake-summary' in html or "intake-summary" in html
    assert "3 new registrations" in html
    assert "the oldest has waited 2\xa0days, 4\xa0hours" in html
    assert "1 open registration has a notification pending" in html
    assert f"{reverse('registrations:index')}?status=new" in html
    assert f"{reverse('registrations:index')}?notification_pending=true" in html


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_dashboard_panel_hidden_from_editors(client, users, registration, role):
    html = login(client, users[role]).get(reverse("wagtailadmin_home")).content.decode()
    assert "intake-summary" not in html
    assert "new registration" not in html


def test_dashboard_panel_shown_to_superuser(client, admin_user, registration):
    html = login(client, admin_user).get(reverse("wagtailadmin_home")).content.decode()
    assert "1 new registration</a>;" in html


def test_urgent_registrations_are_flagged_and_filterable(client, coordinator, condition):
    in_hospital = RegistrationFactory(condition=condition, in_hospital_now=True)
    emergency = RegistrationFactory(condition=condition, emergency_symptoms=True)
    routine = RegistrationFactory(condition=condition)
    client = login(client, coordinator)

    assert listed(client.get(index_url("urgent=true"))) == {
        in_hospital.reference,
        emergency.reference,
    }
    assert listed(client.get(index_url("urgent=false"))) == {routine.reference}

    soup = BeautifulSoup(client.get(index_url()).content, "html.parser")
    rows = {
        row.find("a").get_text(strip=True): row.get_text(" ", strip=True)
        for row in soup.select("table tbody tr")
    }
    assert "Urgent" in rows[in_hospital.reference]
    assert "Urgent" in rows[emergency.reference]
    assert "Urgent" not in rows[routine.reference]
