"""Shared fixtures for real-browser tests: one Chromium per session, a fresh context per test.

Tests here use pytest-django's ``live_server`` (transactional database) and open pages with
``page.goto(live_server.url + path)``. Import the axe helper with
``from tests.browser.conftest import assert_no_axe_violations`` or use the ``axe`` fixture.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; without this Django's ORM
# refuses to run in the test thread ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    # Without these Chromium keeps calling outside hosts, which the build network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
PHONE_VIEWPORT = {"width": 375, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            # live_server needs a transactional database, and flushing it at the end of a test
            # also removes what migrations created (Wagtail's root page and locale, staff
            # groups). Serialized rollback puts that back before each browser test.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def _serialized_migration_data(django_db_setup):
    """The migration data (root page, locale, groups) Django serialized for
    ``serialized_rollback``, read before Playwright starts."""
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(scope="session")
def browser(_serialized_migration_data):
    # Fail, never skip: a missing browser must not turn the accessibility checks green.
    if not (Path(CHROMIUM_PATH).exists() or shutil.which(CHROMIUM_PATH)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}. Install it (apt-get install chromium) "
            "or set CHROMIUM_PATH; browser tests do not skip.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        # Playwright marks an event loop as running in this thread, so from here on Django
        # hands out new, context-local connection objects. They lack the serialized data that
        # serialized_rollback restores after each flush; give it to them, or every browser
        # test after the first would start from an empty database.
        from django.db import connections

        for alias, contents in _serialized_migration_data.items():
            connections[alias]._test_serialized_contents = contents
        yield browser
        browser.close()


def _new_page(browser, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def page_factory(browser):
    """Open extra pages at any size: ``page_factory(width=320, height=640)``."""
    contexts = []

    def make(width=DESKTOP_VIEWPORT["width"], height=DESKTOP_VIEWPORT["height"]):
        context, page = _new_page(browser, {"width": width, "height": height})
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser):
    """A desktop-sized page in its own browser context (no cookies shared between tests)."""
    context, page = _new_page(browser, DESKTOP_VIEWPORT)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized page (375 x 740) in its own browser context."""
    context, page = _new_page(browser, PHONE_VIEWPORT)
    yield page
    context.close()


def format_axe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(str(part) for part in node['target'])}")
    return "\n".join(lines)


@pytest.fixture
def axe():
    """The helper below as a fixture, for tests that prefer not to import from conftest."""
    return assert_no_axe_violations


def assert_no_axe_violations(page, context=None):
    """Run axe-core (WCAG 2.x A and AA rules) on the page as it is now; fail listing each rule."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    if violations:
        pytest.fail(
            f"axe found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_axe_violations(violations),
            pytrace=False,
        )
