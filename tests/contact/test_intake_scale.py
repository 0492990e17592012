"""Small fixes (filter chips, no page search for coordinators) and the scale rules: constant
query counts for list, search, last page, dashboard and exports; only shown columns loaded."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from conditions.factories import ConditionPageFactory
from contact.admin import actions
from contact.admin.audit import LOG_EXPORT
from contact.factories import RegistrationFactory
from contact.models import Registration
from tests.contact.intake_fixtures import index_url

pytestmark = pytest.mark.django_db

# Pinned: a change that adds a query per row (or a few per page) fails here.
# The counts are ceilings; equality of few and many rows is the constant-queries rule.
LIST_QUERIES = 21
EMPTY_LIST_QUERIES = 20  # no rows: no per-page lookups
# Includes two for Wagtail's "awaiting your review" panel (the medical review workflow's tasks).
DASHBOARD_QUERIES = 28
EXPORT_QUERIES = 16
QUEUED_EXPORT_QUERIES = 14  # an export too big for the request, recorded and queued


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return captured


def make_rows(count, coordinator):
    condition = ConditionPageFactory()
    for registration in RegistrationFactory.create_batch(
        count, condition=condition, assigned_to=coordinator
    ):
        actions.record_contact_attempt(
            registration, coordinator, method="phone", outcome="no_answer"
        )


@pytest.mark.parametrize(
    ("url", "pinned"),
    [
        (index_url(), LIST_QUERIES),
        (index_url("q=Quintero"), LIST_QUERIES),
        (index_url("p=2"), LIST_QUERIES),
        (index_url("urgent=true"), EMPTY_LIST_QUERIES),
        (reverse("wagtailadmin_home"), DASHBOARD_QUERIES),
        (index_url("export=csv"), EXPORT_QUERIES),
        (index_url("export=xlsx"), EXPORT_QUERIES),
    ],
)
def test_query_counts_are_pinned_and_do_not_grow(client, coordinator, url, pinned):
    client.force_login(coordinator)
    make_rows(26, coordinator)
    RegistrationFactory(last_name="Quintero")
    client.get(url)  # warm per-process caches
    few = len(count_queries(client, url))
    make_rows(30, coordinator)
    client.get(url)  # the new rows' condition pages changed the content: warm again
    many = len(count_queries(client, url))
    assert many == few
    # A ceiling: what this worker process has already cached (content types and the like) can
    # save up to three queries, depending on which test files ran before on it.
    assert many <= pinned, many


def test_list_loads_only_the_shown_columns(client, coordinator):
    client.force_login(coordinator)
    make_rows(3, coordinator)
    captured = count_queries(client, index_url())
    listing = [q["sql"] for q in captured if 'FROM "contact_registration"' in q["sql"]]
    assert listing
    for sql in listing:
        # Never the condition page's StreamField body, nor the patient's free text.
        assert '"conditions_conditionpage"."overview"' not in sql
        assert '"contact_registration"."message"' not in sql
        assert '"contact_registration"."internal_notes"' not in sql


def test_a_page_finds_its_ids_first_then_loads_only_its_rows(client, coordinator):
    """Deferred join: OFFSET runs over the ids alone (the work-order index answers it without
    the table on PostgreSQL), so the last page costs about what the first does."""
    client.force_login(coordinator)
    make_rows(28, coordinator)
    RegistrationFactory(emergency_symptoms=True)  # urgent: first in the work order
    captured = count_queries(client, index_url("p=2"))
    paging = [q["sql"] for q in captured if "OFFSET" in q["sql"]]
    assert len(paging) == 1
    select = paging[0].split(" ORDER BY ")[0]
    assert select == 'SELECT "contact_registration"."id" AS "pk" FROM "contact_registration"'
    assert "JOIN" not in paging[0]
    counts = [
        q["sql"] for q in captured if "COUNT(" in q["sql"] and "contact_registration" in q["sql"]
    ]
    assert counts and all("JOIN" not in sql for sql in counts)

    expected = [r.reference for r in Registration.objects.intake_order()[25:]]
    html = client.get(index_url("p=2")).content.decode()
    positions = [html.find(reference) for reference in expected]
    assert len(expected) == 4 and -1 not in positions
    assert positions == sorted(positions)


def test_export_does_not_load_condition_page_bodies(client, coordinator):
    client.force_login(coordinator)
    make_rows(3, coordinator)
    captured = count_queries(client, index_url("export=csv"))
    for query in captured:
        if '"conditions_conditionpage"' in query["sql"]:
            select = query["sql"].split(" FROM ")[0]
            assert select.count('"conditions_conditionpage".') <= 1, select


def test_filter_chip_reads_urgent_yes(client, coordinator):
    RegistrationFactory(emergency_symptoms=True)
    client.force_login(coordinator)
    soup = BeautifulSoup(client.get(index_url("urgent=true")).content, "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Urgent: yes" in text
    assert "True" not in text


def test_coordinator_dashboard_hides_the_page_search(client, coordinator, superuser):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "css/intake-dashboard" in html
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "css/intake-dashboard" not in html


def test_an_export_over_the_limit_is_queued_with_constant_queries(
    client, coordinator, settings, django_capture_on_commit_callbacks
):
    """Past REGISTRATION_XLSX_SYNC_MAX_ROWS the request only records and queues the export
    (test_background_export.py has the rest): its queries do not grow with the rows."""
    settings.REGISTRATION_XLSX_SYNC_MAX_ROWS = 2
    client.force_login(coordinator)
    url = index_url("export=xlsx")

    def ask():
        with django_capture_on_commit_callbacks(execute=False):
            captured = count_queries_of_redirect(client, url)
        client.get(index_url())  # shows (and so clears) the "being prepared" message
        return captured

    make_rows(3, coordinator)
    ask()  # warm per-process caches
    few = ask()
    make_rows(30, coordinator)
    many = ask()
    assert len(many) == len(few) <= QUEUED_EXPORT_QUERIES, len(many)
    assert ModelLogEntry.objects.filter(action=LOG_EXPORT).count() == 3


def count_queries_of_redirect(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 302
    return captured
