"""Review dates that mean what they say: the due date rolls forward with a new review, an
explicit due date is kept, and a page past due tells patients so instead of showing a past date."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from conditions.factories import ConditionPageFactory
from conditions.models import ConditionPage
from core.models import SiteSettings
from tests.conditions.admin_forms import PUBLISH, edit_url, form_errors
from tests.core.form_helpers import edit_form_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def squash(text):
    return " ".join(text.split())


@pytest.fixture
def reviewed_page(site_tree, reviewer):
    return ConditionPageFactory(
        parent=site_tree.service_line,
        title="Chordoma",
        reviewers=[reviewer],
        last_reviewed=datetime.date(2026, 3, 2),
    )


def publish_edit(client, page, **fields):
    data = edit_form_data(client, page)
    data.update({name: str(value) for name, value in fields.items()})
    return client.post(edit_url(page), data | PUBLISH)


def test_a_new_review_date_rolls_the_due_date_forward(superuser_client, reviewed_page):
    assert reviewed_page.next_review_due == datetime.date(2027, 3, 2)

    response = publish_edit(superuser_client, reviewed_page, last_reviewed="2026-11-20")

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=reviewed_page.pk)
    assert page.last_reviewed == datetime.date(2026, 11, 20)
    assert page.next_review_due == datetime.date(2027, 11, 20)


def test_an_explicit_due_date_in_the_same_edit_is_kept(superuser_client, reviewed_page):
    response = publish_edit(
        superuser_client,
        reviewed_page,
        last_reviewed="2026-11-20",
        next_review_due="2027-05-20",
    )

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=reviewed_page.pk)
    assert page.next_review_due == datetime.date(2027, 5, 20)


def test_an_edit_that_keeps_the_review_date_keeps_a_chosen_due_date(
    superuser_client, reviewed_page
):
    reviewed_page.next_review_due = datetime.date(2026, 9, 1)
    reviewed_page.save_revision().publish()

    response = publish_edit(superuser_client, reviewed_page, title="Chordoma (edited)")

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=reviewed_page.pk)
    assert page.title == "Chordoma (edited)"
    assert page.next_review_due == datetime.date(2026, 9, 1)


def test_the_interval_is_a_site_setting(superuser_client, reviewed_page, site_tree):
    settings = SiteSettings.for_site(site_tree.site)
    settings.medical_review_interval_months = 6
    settings.save()

    response = publish_edit(superuser_client, reviewed_page, last_reviewed="2026-08-31")

    assert response.status_code == 302, form_errors(response)
    page = ConditionPage.objects.get(pk=reviewed_page.pk)
    assert page.next_review_due == datetime.date(2027, 2, 28)


def test_the_interval_setting_defaults_to_twelve_months(site_tree):
    assert SiteSettings.for_site(site_tree.site).medical_review_interval_months == 12


@pytest.mark.parametrize("months", ["0", "61", "x"])
def test_an_impossible_interval_is_refused_next_to_the_field(superuser_client, site_tree, months):
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site_tree.site.pk])
    response = superuser_client.post(
        url, {"organisation_name": "Aldercrest", "medical_review_interval_months": months}
    )
    assert response.status_code == 200
    assert "medical_review_interval_months" in response.context["form"].errors


# --- What patients see ------------------------------------------------------------------------


def review_footer(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return soup.select_one("main .review")


def test_an_overdue_page_says_it_is_due_for_review(client, site_tree, reviewer):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        reviewers=[reviewer],
        last_reviewed=TODAY - datetime.timedelta(days=400),
        next_review_due=TODAY - datetime.timedelta(days=1),
    )

    footer = review_footer(client, page)

    text = squash(footer.get_text())
    assert "This page is due for review" in text
    assert "Next review due" not in text
    # The past due date is not shown at all; the last-reviewed date still is.
    assert [t["datetime"] for t in footer.select("time")] == [page.last_reviewed.isoformat()]
    assert "Medically reviewed by Dr. Jordan Avery" in text


def test_a_page_due_today_still_shows_its_date(client, site_tree, reviewer):
    page = ConditionPageFactory(
        parent=site_tree.service_line,
        reviewers=[reviewer],
        last_reviewed=TODAY - datetime.timedelta(days=365),
        next_review_due=TODAY,
    )

    text = squash(review_footer(client, page).get_text())

    assert "This page is due for review" not in text
    assert f"Next review due: {TODAY:%B} {TODAY.day}, {TODAY.year}" in text


# --- What staff see ---------------------------------------------------------------------------


def test_the_dashboard_flags_overdue_and_due_soon_pages(superuser_client, site_tree, reviewer):
    def page(title, due):
        return ConditionPageFactory(
            parent=site_tree.service_line,
            title=title,
            reviewers=[reviewer],
            last_reviewed=TODAY - datetime.timedelta(days=400),
            next_review_due=TODAY + datetime.timedelta(days=due),
        )

    page("Overdue page", -3)
    page("Due soon page", 10)
    page("Fine page", 200)

    soup = BeautifulSoup(superuser_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.select_one("#medical-review-content") or soup.select_one("#medical-review")
    text = squash(panel.parent.get_text())
    assert "1 condition page is overdue for review; 1 falls due within 30 days." in text
    rows = [squash(tr.get_text(" ")) for tr in panel.parent.select("tbody tr")]
    assert len(rows) == 2
    assert rows[0].startswith("Overdue page") and rows[0].endswith("Overdue (3 days overdue)")
    assert rows[1].startswith("Due soon page") and "Due within 30 days (10 days left)" in rows[1]


def test_intake_staff_do_not_get_the_panel(client, site_tree):
    from django.contrib.auth.models import Group

    from core.factories import UserFactory

    user = UserFactory(username="intake")
    user.groups.add(Group.objects.get(name="Intake coordinators"))
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert b'id="medical-review' not in response.content
