"""Intake insight on a fixed data set: registrations per week and median hours to first
successful contact, overall and urgent; the SVG chart, the table and the CSV agree."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from contact.admin.insight import AXIS, CHART_HEIGHT, bar_chart, insight_csv, intake_figures
from contact.factories import RegistrationFactory
from contact.models import Registration

pytestmark = pytest.mark.django_db

EST = datetime.timezone(datetime.timedelta(hours=-5))
TODAY = datetime.date(2026, 11, 26)  # a Thursday; its week starts Monday Nov 23


def make(created, reached_after_hours=None, **kwargs):
    registration = RegistrationFactory(**kwargs)
    contacted = (
        created + datetime.timedelta(hours=reached_after_hours)
        if reached_after_hours is not None
        else None
    )
    Registration.objects.filter(pk=registration.pk).update(
        created_at=created, first_contacted_at=contacted
    )
    return registration


@pytest.fixture
def data_set():
    make(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=EST), reached_after_hours=2)
    make(datetime.datetime(2026, 11, 24, 9, 0, tzinfo=EST), 1, emergency_symptoms=True)
    make(datetime.datetime(2026, 11, 25, 15, 0, tzinfo=EST))
    # Sunday 11:30 p.m. Eastern is Monday in UTC: it still counts in the week of Nov 16.
    make(datetime.datetime(2026, 11, 22, 23, 30, tzinfo=EST), reached_after_hours=30)
    # The Sunday before the twelve weeks begin: not counted.
    make(datetime.datetime(2026, 9, 6, 12, 0, tzinfo=EST), reached_after_hours=5)


def test_figures_per_week_and_overall(data_set):
    figures = intake_figures(today=TODAY)
    rows = figures["rows"]
    assert len(rows) == 12
    assert rows[0]["week"] == datetime.date(2026, 9, 7)
    assert rows[-1]["week"] == datetime.date(2026, 11, 23)
    assert rows[-1] == {
        "week": datetime.date(2026, 11, 23),
        "label": "Nov 23",
        "registrations": 3,
        "urgent": 1,
        "median_hours": 1.5,
        "urgent_median_hours": 1.0,
    }
    assert rows[-2]["registrations"] == 1
    assert rows[-2]["median_hours"] == 30.0
    assert rows[-2]["urgent_median_hours"] is None
    assert all(row["registrations"] == 0 for row in rows[:-2])
    assert figures["overall"] == {
        "registrations": 4,
        "urgent": 1,
        "median_hours": 2.0,
        "urgent_median_hours": 1.0,
    }


def test_chart_bars_are_proportional(data_set):
    rows = intake_figures(today=TODAY)["rows"]
    chart = bar_chart(rows, "registrations", "urgent")
    plot = CHART_HEIGHT - AXIS
    assert chart["top"] == 3
    assert chart["bars"][-1]["main"]["height"] == plot
    assert chart["bars"][-1]["urgent"]["height"] == round(plot / 3, 1)
    assert chart["bars"][-2]["main"]["height"] == round(plot / 3, 1)
    assert chart["bars"][0]["main"]["height"] == 0


def test_csv_has_the_same_figures(data_set):
    response = insight_csv(intake_figures(today=TODAY))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Week starting"
    assert rows[-3] == ["2026-11-16", "1", "0", "30.0", ""]
    assert rows[-2] == ["2026-11-23", "3", "1", "1.5", "1.0"]
    assert rows[-1] == ["All 12 weeks", "4", "1", "2.0", "1.0"]


def test_report_page_has_accessible_svg_and_table(client, coordinator):
    RegistrationFactory(emergency_symptoms=True)
    client.force_login(coordinator)
    response = client.get(reverse("registrations:insight"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    charts = soup.select("svg.intake-chart")
    assert len(charts) == 2
    for chart in charts:
        assert chart["role"] == "img"
        title_id, desc_id = chart["aria-labelledby"].split()
        assert chart.find(id=title_id).get_text(strip=True)
        assert chart.find(id=desc_id).get_text(strip=True)
    table = soup.select_one("table.intake-insight-table")
    assert table.caption
    assert table.select_one("tfoot").get_text(" ", strip=True).startswith("All 12 weeks 1 1")
    assert "<script" not in str(soup.select_one(".intake-insight"))

    csv_response = client.get(reverse("registrations:insight") + "?export=csv")
    assert csv_response["Content-Type"] == "text/csv"


def test_dashboard_shows_the_insight_panel(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="intake-insight' in html or "intake-insight" in html
    assert reverse("registrations:insight") in html


def test_insight_is_forbidden_to_editors(client, editor):
    client.force_login(editor)
    assert client.get(reverse("registrations:insight")).status_code == 403
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "intake-insight" not in html
