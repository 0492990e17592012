"""Public condition pages in every medical-review state: axe clean (WCAG 2.2 AA), and quiet
under the rules Wagtail's accessibility checker adds (it warned "Misusing paragraphs as
headings" on every page because of the call box)."""

import datetime

import pytest
from playwright.sync_api import expect

from conditions.factories import ConditionPageFactory
from tests.browser.conftest import assert_no_axe_violations
from tests.core.builders import build_site_tree, configure_site_settings

pytestmark = pytest.mark.browser

# The rules of Wagtail's checker (wagtail.admin.userbar.AccessibilityItem.axe_run_only) that
# are not part of the WCAG tag set above.
CHECKER_RULES = ["p-as-heading", "heading-order", "empty-heading"]


def run_rules(page, rules):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]}
    )
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]


@pytest.fixture
def review_states(live_server, transactional_db):
    tree = build_site_tree()
    configure_site_settings(tree.site, phone_hours="Monday to Friday, 8 a.m. to 6 p.m.")
    today = datetime.date.today()

    def page(title, last, due):
        return ConditionPageFactory(
            parent=tree.service_line,
            title=title,
            last_reviewed=today - datetime.timedelta(days=last),
            next_review_due=today + datetime.timedelta(days=due),
        )

    return {
        "fine": page("Chordoma", 30, 300),
        "due soon": page("Ependymoma", 340, 20),
        "overdue": page("Meningioma", 400, -5),
    }


def test_every_review_state_is_accessible(page, live_server, review_states):
    for state, condition in review_states.items():
        page.goto(live_server.url + condition.url)
        expect(page.get_by_role("heading", level=1)).to_have_text(condition.title)
        footer = page.locator("main .review")
        if state == "overdue":
            expect(footer).to_contain_text("This page is due for review")
        else:
            expect(footer).to_contain_text("Next review due")
        assert_no_axe_violations(page)
        assert run_rules(page, CHECKER_RULES) == [], state
