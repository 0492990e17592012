"""A clinician's profile page and the team list that links it: axe clean (WCAG 2.2 AA) on a
phone (375 px) and a desktop, with no sideways scrolling on the phone."""

import pytest
from playwright.sync_api import expect

from conditions.factories import ClinicianPageFactory, ConditionPageFactory, ReviewerFactory
from core.factories import CustomImageFactory
from demo.content.people import placeholder_portrait
from tests.browser.conftest import assert_no_axe_violations
from tests.core.builders import build_site_tree, configure_site_settings

pytestmark = pytest.mark.browser


@pytest.fixture
def profile(live_server, transactional_db):
    tree = build_site_tree()
    configure_site_settings(tree.site)
    reviewer = ReviewerFactory(
        name="Dr. Maren Okafor",
        credentials="MD, PhD",
        role="Neurosurgeon",
        department="Neuro-oncology",
        photo=CustomImageFactory(
            title="Portrait placeholder",
            file__from_file=placeholder_portrait((214, 232, 240), (11, 61, 92)),
            file__filename="okafor.png",
        ),
    )
    metastases = ConditionPageFactory(
        parent=tree.service_line, title="Spinal metastases", reviewers=[reviewer]
    )
    chordoma = ConditionPageFactory(
        parent=tree.service_line, title="Chordoma", reviewers=[reviewer]
    )
    return ClinicianPageFactory(
        parent=tree.service_line,
        reviewer=reviewer,
        medical_specialty="Surgical",
        biography="<p>Leads the weekly spine tumor board and operates on spine tumors.</p>",
        treats=[metastases, chordoma],
    )


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_profile_and_team_list_are_accessible(page_factory, live_server, profile, width):
    page = page_factory(width=width, height=800)

    page.goto(live_server.url + profile.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dr. Maren Okafor")
    expect(page.get_by_role("heading", name="Pages they reviewed")).to_be_visible()
    assert no_sideways_scroll(page)
    assert_no_axe_violations(page)

    page.goto(live_server.url + profile.get_parent().url)
    team = page.locator("section[aria-labelledby=team]")
    expect(team.get_by_role("link", name="Dr. Maren Okafor")).to_be_visible()
    assert no_sideways_scroll(page)
    assert_no_axe_violations(page)
