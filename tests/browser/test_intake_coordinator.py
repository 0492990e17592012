"""A coordinator on a 1024 px tablet works the intake queue: the urgent registration is at the
top, she assigns it to herself, logs a call and sets the status; axe finds nothing on the
list, the inspect view, the dashboard or the insight page, and nothing scrolls sideways."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from contact.admin.permissions import INTAKE_GROUP_NAME
from contact.factories import RegistrationFactory
from contact.models import ContactAttempt, Registration
from core.factories import TEST_PASSWORD, UserFactory
from tests.browser.conftest import assert_no_axe_violations

TABLET = {"width": 1024, "height": 768}


def no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def settled(page):
    """Wagtail's messages fade in; axe would judge their contrast half-way through."""
    page.wait_for_function(
        # The list itself fades in (opacity on .messages > ul), not its items.
        "[...document.querySelectorAll('.messages ul, .messages li, .messages li *')].every("
        "e => getComputedStyle(e).opacity === '1')"
    )
    page.wait_for_timeout(300)  # and any colour transition
    return page


def test_coordinator_works_the_queue_on_a_tablet(live_server, page_factory):
    coordinator = UserFactory(username="casey", first_name="Casey", last_name="Moreno")
    coordinator.groups.add(Group.objects.get(name=INTAKE_GROUP_NAME))
    routine = RegistrationFactory(first_name="Robin", last_name="Okafor")
    urgent = RegistrationFactory(first_name="Uma", last_name="Lindqvist", in_hospital_now=True)
    Registration.objects.filter(pk=routine.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    RegistrationFactory.create_batch(6)

    page = page_factory(**TABLET)
    base = live_server.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "casey")
    page.fill("#id_password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/admin/")
    assert page.get_by_text("1 urgent registration not yet reached").is_visible()
    assert_no_axe_violations(page)

    # The list: urgent first, fits the tablet, references on one line.
    page.goto(base + "/admin/registrations/")
    first_row = page.locator("table.listing tbody tr").first
    assert urgent.reference in first_row.inner_text()
    assert "urgent" in first_row.inner_text().lower()
    assert no_sideways_scroll(page)
    reference = first_row.locator("td.intake-reference a")
    box = reference.bounding_box()
    line_height = float(reference.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert box["height"] <= line_height * 1.5  # one line
    assert_no_axe_violations(page)

    # Assign to me, from the row.
    first_row.get_by_role("button", name="Assign to me").click()
    page.wait_for_load_state()
    assert "is assigned to you" in page.locator("body").inner_text()
    assert (
        page.locator("table.listing tbody tr")
        .first.locator("td.intake-assigned")
        .inner_text()
        .strip()
        == "You"
    )

    # Log a call and set the status from the inspect view.
    page.get_by_role("link", name=urgent.reference).click()
    page.wait_for_url(f"**/admin/registrations/inspect/{urgent.pk}/")
    assert no_sideways_scroll(page)
    assert_no_axe_violations(page)
    page.get_by_label("Phone call").check()
    page.get_by_label("Reached").check()
    page.get_by_label("Note (optional)").fill("Spoke to her daughter; appointment tomorrow.")
    page.get_by_role("button", name="Log contact attempt").click()
    page.wait_for_load_state()
    assert "Contact attempt logged" in page.locator("body").inner_text()
    assert page.locator(".intake-call-log__table tbody tr").count() == 1
    page.get_by_label("Status", exact=True).select_option("scheduled")
    page.get_by_role("button", name="Set status").click()
    page.wait_for_load_state()
    assert "is now “Scheduled”" in page.locator("body").inner_text()
    assert_no_axe_violations(settled(page))

    urgent.refresh_from_db()
    assert urgent.assigned_to == coordinator
    assert urgent.status == Registration.Status.SCHEDULED
    assert urgent.first_contacted_at is not None
    assert ContactAttempt.objects.get().outcome == "reached"

    page.goto(base + "/admin/registrations/insight/")
    assert page.locator("svg.intake-chart").count() == 2
    assert no_sideways_scroll(page)
    assert_no_axe_violations(page)
