"""What falls due: the Medical review report (rows, statuses, filters, export) on a fixed date,
and the daily reminder, one email per reviewer."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conditions import reminders
from conditions.factories import ConditionPageFactory, ReviewerFactory, SharedCareAdviceFactory
from conditions.medical_review import report
from core.factories import UserFactory
from tests.core.builders import member_of

pytestmark = pytest.mark.django_db

FIXED = datetime.date(2027, 6, 15)


def days(n):
    return FIXED + datetime.timedelta(days=n)


@pytest.fixture
def on_fixed_date(monkeypatch):
    monkeypatch.setattr(report, "today", lambda: FIXED)


@pytest.fixture
def reviewers(db):
    def linked(name, username, email):
        return ReviewerFactory(name=name, user=UserFactory(username=username, email=email))

    return {
        "okafor": linked("Dr. Ada Okafor", "okafor", "okafor@example.org"),
        "lee": linked("Dr. Sam Lee", "lee", "lee@example.org"),
        "unlinked": ReviewerFactory(name="Dr. No Account"),
    }


@pytest.fixture
def pages(site_tree, reviewers):
    def page(title, due, who, **kwargs):
        return ConditionPageFactory(
            parent=site_tree.service_line,
            title=title,
            reviewers=[reviewers[name] for name in who],
            last_reviewed=days(-400),
            next_review_due=due,
            **kwargs,
        )

    made = {
        "overdue": page("Chordoma", days(-3), ["okafor"]),
        "due_soon": page("Ependymoma", days(30), ["okafor", "lee"]),
        "in_workflow": page("Meningioma", days(10), ["lee"]),
        "fine": page("Schwannoma", days(31), ["okafor"]),
        "draft": page("Draft only", days(-50), ["okafor"], live=False),
        "unlinked": page("Hemangioma", days(5), ["unlinked"]),
    }
    workflow = made["in_workflow"].get_workflow()
    made["in_workflow"].save_revision()
    workflow.start(made["in_workflow"], member_of("Editors", "editor"))
    return made


def report_rows(client, query=""):
    response = client.get(reverse("medical_review_report") + query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (tr["data-review-status"], [" ".join(td.get_text().split()) for td in tr.select("td")])
        for tr in soup.select("tbody tr[data-review-status]")
    ]


def test_rows_and_statuses_on_a_fixed_date(superuser_client, pages, on_fixed_date):
    rows = report_rows(superuser_client)

    assert [(status, cells[0]) for status, cells in rows] == [
        ("overdue", "Chordoma"),
        ("due_soon", "Hemangioma"),
        ("in_workflow", "Meningioma"),
        ("due_soon", "Ependymoma"),
        ("fine", "Schwannoma"),
    ]
    chordoma = rows[0][1]
    assert chordoma == [
        "Chordoma",
        "Dr. Ada Okafor, MD",
        "May 11, 2026",
        "Jun 12, 2027",
        "-3",
        "Overdue",
        "English",
    ]
    assert rows[3][1][1] == "Dr. Ada Okafor, MD; Dr. Sam Lee, MD"


def test_filter_by_status_and_reviewer(superuser_client, pages, on_fixed_date, reviewers):
    assert [c[0] for _, c in report_rows(superuser_client, "?review_status=due_soon")] == [
        "Hemangioma",
        "Ependymoma",
    ]
    lee = reviewers["lee"].pk
    assert [c[0] for _, c in report_rows(superuser_client, f"?reviewer={lee}")] == [
        "Meningioma",
        "Ependymoma",
    ]


def test_csv_export(superuser_client, pages, on_fixed_date):
    response = superuser_client.get(reverse("medical_review_report") + "?export=csv")

    assert response.status_code == 200
    assert "medical-review-2027-06-15.csv" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Page or shared advice",
        "Reviewers",
        "Last reviewed",
        "Next review due",
        "Days left",
        "Status",
        "Public URL",
        "Language",
        "Translation",
    ]
    assert rows[1][:6] == [
        "Chordoma",
        "Dr. Ada Okafor, MD",
        "2026-05-11",
        "2027-06-12",
        "-3",
        "Overdue",
    ]
    assert len(rows) == 6


def test_xlsx_export(superuser_client, pages, on_fixed_date):
    import openpyxl

    response = superuser_client.get(reverse("medical_review_report") + "?export=xlsx")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    titles = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert titles == ["Chordoma", "Hemangioma", "Meningioma", "Ependymoma", "Schwannoma"]


def test_the_report_is_in_the_reports_menu_for_editors_only(client, site_tree):
    client.force_login(member_of("Editors", "editor"))
    assert client.get(reverse("medical_review_report")).status_code == 200
    client.force_login(member_of("Intake coordinators", "intake"))
    response = client.get(reverse("medical_review_report"))
    assert response.status_code == 302  # Wagtail's permission-denied redirect


# --- The daily reminder ------------------------------------------------------------------------


def test_one_email_per_reviewer_with_their_due_pages(pages):
    sent = reminders.send_review_reminders.call(FIXED.isoformat())

    assert sent == 2
    by_recipient = {email.to[0]: email for email in mail.outbox}
    assert set(by_recipient) == {"okafor@example.org", "lee@example.org"}
    okafor = by_recipient["okafor@example.org"]
    assert okafor.subject == "Medical review: 2 pages are due"
    assert "Chordoma: overdue since June 12, 2027" in okafor.body
    assert "Ependymoma: due July 15, 2027" in okafor.body
    for absent in ("Schwannoma", "Draft only", "Meningioma", "Hemangioma"):
        assert absent not in okafor.body
    lee = by_recipient["lee@example.org"]
    assert lee.subject == "Medical review: 2 pages are due"
    assert "Meningioma: due June 25, 2027" in lee.body
    assert "Ependymoma" in lee.body


def test_the_command_queues_the_reminders(pages, capsys):
    call_command("send_review_reminders")
    assert "Review reminders queued" in capsys.readouterr().out


# --- Shared care advice --------------------------------------------------------------------


@pytest.fixture
def advice(reviewers):
    return {
        "overdue": SharedCareAdviceFactory(
            name="Cord compression",
            reviewers=[reviewers["lee"]],
            last_reviewed=days(-366),
            next_review_due=days(-1),
        ),
        "fine": SharedCareAdviceFactory(
            name="Bone pain",
            reviewers=[reviewers["okafor"]],
            last_reviewed=days(-10),
            next_review_due=days(200),
        ),
    }


def test_shared_advice_rows_on_a_fixed_date(superuser_client, pages, advice, on_fixed_date):
    rows = report_rows(superuser_client)

    assert [(status, cells[0]) for status, cells in rows] == [
        ("overdue", "Chordoma"),
        ("overdue", "Cord compression (shared care advice)"),
        ("due_soon", "Hemangioma"),
        ("in_workflow", "Meningioma"),
        ("due_soon", "Ependymoma"),
        ("fine", "Schwannoma"),
        ("fine", "Bone pain (shared care advice)"),
    ]
    assert rows[1][1] == [
        "Cord compression (shared care advice)",
        "Dr. Sam Lee, MD",
        "Jun 14, 2026",
        "Jun 14, 2027",
        "-1",
        "Overdue",
        "—",
    ]
    response = superuser_client.get(reverse("medical_review_report"))
    edit = reverse("wagtailsnippets_conditions_sharedcareadvice:edit", args=[advice["fine"].pk])
    assert f'href="{edit}"' in response.content.decode()


def test_shared_advice_in_the_review_workflow_and_never_published(
    superuser_client, pages, advice, reviewers, on_fixed_date
):
    in_review = SharedCareAdviceFactory(
        name="Hypercalcaemia",
        reviewers=[reviewers["okafor"]],
        last_reviewed=days(-10),
        next_review_due=days(200),
    )
    in_review.heading = "Call your care team today"
    in_review.save_revision()
    in_review.get_workflow().start(in_review, member_of("Editors", "advice-editor"))
    SharedCareAdviceFactory(
        name="Never published", live=False, last_reviewed=days(-400), next_review_due=days(-30)
    )

    rows = {cells[0]: status for status, cells in report_rows(superuser_client)}

    assert rows["Hypercalcaemia (shared care advice)"] == "in_workflow"
    assert "Never published (shared care advice)" not in rows  # no patient sees it
    in_workflow = report_rows(superuser_client, "?review_status=in_workflow")
    assert [cells[0] for _, cells in in_workflow] == [
        "Meningioma",
        "Hypercalcaemia (shared care advice)",
    ]
    assert in_workflow[1][1][-2] == "In review workflow"  # the status, before the language


def test_shared_advice_follows_the_filters_and_the_export(
    superuser_client, pages, advice, reviewers, on_fixed_date
):
    overdue = report_rows(superuser_client, "?review_status=overdue")
    assert [c[0] for _, c in overdue] == ["Chordoma", "Cord compression (shared care advice)"]
    lee = reviewers["lee"].pk
    assert [c[0] for _, c in report_rows(superuser_client, f"?reviewer={lee}")] == [
        "Cord compression (shared care advice)",
        "Meningioma",
        "Ependymoma",
    ]

    response = superuser_client.get(reverse("medical_review_report") + "?export=csv")
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[2] == [
        "Cord compression (shared care advice)",
        "Dr. Sam Lee, MD",
        "2026-06-14",
        "2027-06-14",
        "-1",
        "Overdue",
        "",
        "",
        "",
    ]


def test_the_reminder_lists_a_reviewers_shared_advice(pages, advice):
    reminders.send_review_reminders.call(FIXED.isoformat())

    by_recipient = {email.to[0]: email for email in mail.outbox}
    lee = by_recipient["lee@example.org"]
    assert lee.subject == "Medical review: 2 pages and 1 piece of shared care advice are due"
    assert "Cord compression (shared care advice): overdue since June 14, 2027" in lee.body
    edit = reverse("wagtailsnippets_conditions_sharedcareadvice:edit", args=[advice["overdue"].pk])
    assert edit in lee.body
    okafor = by_recipient["okafor@example.org"]
    assert okafor.subject == "Medical review: 2 pages are due"
    assert "Bone pain" not in okafor.body


def test_the_dashboard_counts_shared_advice(superuser_client, advice):
    advice["fine"].next_review_due = timezone.localdate() + datetime.timedelta(days=3)
    advice["fine"].save()
    advice["overdue"].next_review_due = timezone.localdate() - datetime.timedelta(days=3)
    advice["overdue"].save()

    response = superuser_client.get(reverse("wagtailadmin_home"))

    soup = BeautifulSoup(response.content, "html.parser")
    counts = soup.select_one("[data-shared-advice-counts]").get_text(" ", strip=True)
    assert counts.startswith("Shared care advice: 1 overdue, 1 due within 30 days.")
