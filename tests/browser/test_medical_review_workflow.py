"""The medical review in a real browser: an editor submits a new symptom, the page's reviewer
signs in, reads the diff, approves with a comment, a moderator publishes, and patients see the
new symptom with today's review date."""

import datetime

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from conditions.factories import ConditionPageFactory, ReviewerFactory, SharedCareAdviceFactory
from conditions.models import ConditionPage, SharedCareAdvice
from core.factories import TEST_PASSWORD, UserFactory
from tests.core.builders import build_site_tree, configure_site_settings

pytestmark = pytest.mark.browser

NEW_SYMPTOM = "Trouble walking"


def staff(username, group):
    user = UserFactory(username=username, email=f"{username}@example.org")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def setup(live_server):
    tree = build_site_tree()
    configure_site_settings(tree.site)
    reviewer_user = staff("okafor", "Medical reviewers")
    reviewer = ReviewerFactory(name="Dr. Ada Okafor", credentials="MD", user=reviewer_user)
    page = ConditionPageFactory(
        parent=tree.service_line,
        title="Chordoma",
        symptoms=["Back pain", "Numbness"],
        reviewers=[reviewer],
        last_reviewed=datetime.date.today() - datetime.timedelta(days=200),
    )
    return {
        "page": page,
        "editor": staff("edie", "Editors"),
        "moderator": staff("mo", "Moderators"),
        "base": live_server.url,
    }


def sign_in(browser_page, base, username):
    browser_page.context.clear_cookies()
    browser_page.goto(base + "/admin/login/")
    browser_page.fill("#id_username", username)
    browser_page.fill("#id_password", TEST_PASSWORD)
    browser_page.get_by_role("button", name="Sign in").click()
    browser_page.wait_for_url(base + "/admin/")


def test_the_medical_review_in_a_browser(page, setup):
    base, condition = setup["base"], setup["page"]
    edit = f"{base}/admin/pages/{condition.pk}/edit/"

    # The editor adds a symptom and submits it to the Medical review workflow.
    sign_in(page, base, "edie")
    page.goto(edit)
    page.get_by_role("button", name="Add symptom").click()
    page.locator("input[name^='symptoms-'][name$='-name']").last.fill(NEW_SYMPTOM)
    page.locator("button[name='action-submit']").evaluate("button => button.click()")
    page.wait_for_url(f"{base}/admin/pages/{condition.page_ptr.get_parent().pk}/**")

    # The reviewer finds it on the dashboard, reads the diff and approves with a comment.
    sign_in(page, base, "okafor")
    expect(page.locator("main")).to_contain_text("Chordoma")
    page.goto(edit)
    page.locator("button[data-workflow-action-name='approve']").evaluate("button => button.click()")
    compare = page.get_by_role("link", name="Compare this draft with the live page")
    expect(compare).to_be_visible()
    with page.context.expect_page() as diff_tab:
        compare.click()
    diff = diff_tab.value
    diff.wait_for_load_state()
    expect(diff.locator("main")).to_contain_text(NEW_SYMPTOM)
    diff.close()
    page.locator("textarea[name='comment']").fill("Checked against our guidance.")
    with page.expect_navigation():
        page.locator(".modal form button[type='submit']").click()
    expect(page.locator(".messages")).to_contain_text("Chordoma")

    # The moderator approves the last step from the dashboard's "Awaiting your review" list,
    # which publishes. (From the editor, the form is saved first; text made outside the admin
    # can come back with new paragraph keys, which counts as an edit and asks for a new review.)
    sign_in(page, base, "mo")
    approve = page.locator(
        f"button[data-workflow-action-url*='/workflow/action/{condition.pk}/approve/']"
    ).first
    with page.expect_navigation():
        approve.evaluate("button => button.click()")
    live = ConditionPage.objects.get(pk=condition.pk)
    for _ in range(50):
        if live.live and NEW_SYMPTOM in [s.name for s in live.symptoms.all()]:
            break
        page.wait_for_timeout(200)
        live = ConditionPage.objects.get(pk=condition.pk)

    # Patients see the new symptom and today's review date.
    page.goto(base + live.url)
    expect(page.locator("#symptoms + ol, .symptom-list")).to_contain_text(NEW_SYMPTOM)
    today = datetime.date.today()
    expect(page.locator("main .review")).to_contain_text(
        f"Last reviewed: {today:%B} {today.day}, {today.year}"
    )
    expect(page.locator("main .review")).to_contain_text("Medically reviewed by Dr. Ada Okafor")


NEW_SIGN = "Sudden severe back pain"


def test_shared_advice_is_reviewed_once_in_a_browser(page, live_server):
    """An editor adds a sign to the shared emergency card; its reviewer reads the diff and
    approves; the moderator publishes; every page that shows the card shows the new sign."""
    base = live_server.url
    tree = build_site_tree()
    configure_site_settings(tree.site)
    reviewer = ReviewerFactory(
        name="Dr. Ada Okafor", credentials="MD", user=staff("okafor", "Medical reviewers")
    )
    advice = SharedCareAdviceFactory(name="Spinal cord compression", reviewers=[reviewer])
    condition = ConditionPageFactory(
        parent=tree.service_line, title="Chordoma", care_levels=(), shared_advice=[advice]
    )
    staff("edie", "Editors")
    staff("mo", "Moderators")
    admin = f"{base}/admin/snippets/conditions/sharedcareadvice"
    edit = f"{admin}/edit/{advice.pk}/"

    # The editor adds a sign and submits the advice for its medical review.
    sign_in(page, base, "edie")
    page.goto(edit)
    signs = page.locator("#id_signs")
    signs.fill(signs.input_value() + "\n" + NEW_SIGN)
    with page.expect_navigation():
        page.locator("button[name='action-submit']").evaluate("button => button.click()")
    page.goto(base + condition.url)
    expect(page.locator("main")).not_to_contain_text(NEW_SIGN)  # a draft is not shown

    # The reviewer reads the diff in the approval dialog and approves with a comment.
    sign_in(page, base, "okafor")
    page.goto(edit)
    page.locator("button[data-workflow-action-name='approve']").evaluate("button => button.click()")
    compare = page.get_by_role("link", name="Compare this draft with the live advice")
    expect(compare).to_be_visible()
    with page.context.expect_page() as diff_tab:
        compare.click()
    diff = diff_tab.value
    diff.wait_for_load_state()
    expect(diff.locator("main")).to_contain_text(NEW_SIGN)
    diff.close()
    page.locator("textarea[name='comment']").fill("Checked against our guidance.")
    with page.expect_navigation():
        page.locator(".modal form button[type='submit']").click()

    # The moderator approves the last step from the dashboard, which publishes.
    sign_in(page, base, "mo")
    approve = page.locator(
        f"button[data-workflow-action-url*='/sharedcareadvice/workflow/action/{advice.pk}/approve/']"
    ).first
    with page.expect_navigation():
        approve.evaluate("button => button.click()")
    for _ in range(50):
        advice = SharedCareAdvice.objects.get(pk=advice.pk)
        if NEW_SIGN in advice.sign_list:
            break
        page.wait_for_timeout(200)

    assert advice.last_reviewed == datetime.date.today()
    page.goto(base + condition.url)
    expect(page.locator("main .care-card")).to_contain_text(NEW_SIGN)
