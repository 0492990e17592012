"""Fixtures shared by every test package (conditions, core, contact).

The tree builders live in tests/core/builders.py so unittest-style classes
(WagtailPageTestCase) can build the same tree from setUpTestData. No fixture here is called
``page`` or ``browser``: the browser tests own those names.
"""

import pytest
from django.core.cache import caches
from django.db import connections
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Site

from conditions.factories import ConditionPageFactory, ReviewerFactory
from contact.admin.permissions import INTAKE_GROUP_NAME
from core.factories import UserFactory
from tests.core.builders import build_site_tree, configure_site_settings, member_of
from tests.shared_data import fresh_copy, shared_data


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back what migrations created after a test with ``serialized_rollback``.

    Such a test ends with a flush that also removes Wagtail's root page, the default locale and
    the staff groups. Django's runner hides this by running transactional tests last; under
    xdist's per-file split any test may come next on the same worker, so restore at once.
    """
    yield
    marker = item.get_closest_marker("django_db")
    # After the last test the test databases are already gone: nothing to restore.
    if nextitem is None or not (marker and marker.kwargs.get("serialized_rollback")):
        return
    with item.config.stash[blocking_manager_key].unblock():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents:
                connections[alias].creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Page ids repeat between tests on SQLite; a cached site-root map must not outlive them."""
    for alias in caches:
        caches[alias].clear()
    Site.clear_site_root_paths_cache()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture(scope="module")
def _module_site_tree(request, django_db_setup, django_db_blocker):
    with shared_data(request, django_db_blocker, build_site_tree) as tree:
        yield tree


@pytest.fixture
def site_tree(db, _module_site_tree):
    """Home (the default site's root) → "Spinal Tumor Program" service line, and
    home → the conditions A–Z index. Attributes: site, home, service_line, condition_index.

    Built once per module (tests/shared_data.py): pages a test adds below it are rolled back
    after the test, and each test gets its own copies of the four objects. In a module with a
    transactional test it is built per test.
    """
    if _module_site_tree is None:
        return build_site_tree()
    return fresh_copy(_module_site_tree)


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(
        name="Dr. Jordan Avery",
        credentials="MD, PhD",
        role="Neurosurgeon",
        department="Neuro-oncology",
    )


@pytest.fixture
def condition_page(site_tree, reviewer):
    """A live condition page under the service line with three symptoms, reviewed by
    ``reviewer``."""
    return ConditionPageFactory(
        parent=site_tree.service_line,
        title="Spinal metastases",
        symptoms=["Deep, aching back pain", "Shooting pain in the legs", "Numbness"],
        reviewers=[reviewer],
    )


@pytest.fixture
def site_settings(site_tree):
    """Site settings with the new-patient phone 1-888-555-0142 (E.164 +18885550142)."""
    return configure_site_settings(site_tree.site)


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def staff(db):
    """A superuser, "dana", who signs in with a password (core.factories.TEST_PASSWORD)."""
    return UserFactory(username="dana", superuser=True)


# Members of the staff groups that migrations create (see tests/core/test_groups.py).


@pytest.fixture
def editor(db):
    return member_of("Editors", "editor")


@pytest.fixture
def moderator(db):
    return member_of("Moderators", "moderator")


@pytest.fixture
def coordinator(db):
    """An intake coordinator: sees and works registrations, nothing else."""
    return member_of(INTAKE_GROUP_NAME, "coordinator")
