"""The editor: the Medical review status at the top, help text saying where each field appears,
and the reading-grade readout (textstat)."""

import datetime
import socket

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from conditions.factories import ConditionPageFactory
from conditions.models import ConditionPage
from conditions.readability import GOAL_GRADE, page_readability, reading_grade
from tests.conditions.admin_forms import edit_url

pytestmark = pytest.mark.django_db

PLAIN = "You may have back pain. It can wake you at night. Tell your care team."
DENSE = (
    "Metastatic epidural spinal cord compression necessitates expeditious neurosurgical "
    "consultation and radiotherapeutic intervention."
)


def squash(text):
    return " ".join(text.split())


def test_reading_grade_tells_plain_from_dense_text():
    assert reading_grade(PLAIN) <= GOAL_GRADE
    assert reading_grade(DENSE) > 16
    assert reading_grade("Too short") is None


def test_the_grade_is_computed_without_the_network(monkeypatch):
    """textstat would download NLTK's dictionary; the readout must work offline."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert reading_grade("Tumors in the bones of the spine that spread from elsewhere.") > 0


def test_page_readability_reads_summary_and_symptoms(site_tree):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        summary=DENSE,
        symptoms=[("Back pain", "It can wake you at night."), "Weak legs", "Numb feet"],
    )

    [(summary_label, summary_grade, summary_ok), (symptoms_label, _grade, symptoms_ok)] = (
        page_readability(page)
    )

    assert (summary_label, symptoms_label) == ("Summary", "Symptoms")
    assert summary_grade > GOAL_GRADE and not summary_ok
    assert symptoms_ok


def panel_text(client, page):
    soup = BeautifulSoup(client.get(edit_url(page)).content, "html.parser")
    status = soup.select_one(".medical-review-status")
    return soup, squash(status.get_text())


def test_the_status_is_at_the_top_of_the_editor(superuser_client, site_tree, reviewer):
    today = timezone.localdate()
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        reviewers=[reviewer],
        summary=DENSE,
        last_reviewed=today - datetime.timedelta(days=400),
        next_review_due=today - datetime.timedelta(days=2),
    )

    soup, text = panel_text(superuser_client, page)

    assert text.startswith("Overdue. Reviewed by Dr. Jordan Avery, MD, PhD on")
    assert "(2 days overdue)" in text
    assert "Not in a review workflow" in text
    assert "Summary" in text and "(above goal)" in text
    # Before every content field: the status comes right after the title.
    html = str(soup)
    assert html.index("medical-review-status") < html.index('name="summary"')


def test_every_condition_page_field_says_where_it_appears():
    silent = []
    for field in ConditionPage._meta.get_fields():
        if field.model is not ConditionPage or not getattr(field, "editable", False):
            continue
        if field.auto_created or field.name in {"reviewed_clinical_fingerprint"}:
            continue
        if not str(getattr(field, "help_text", "")).strip():
            silent.append(field.name)
    assert silent == []
