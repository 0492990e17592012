import pytest

from contact.admin.permissions import INTAKE_GROUP_NAME
from tests.contact.flow import build_registration_site
from tests.contact.intake_fixtures import make_user
from tests.shared_data import fresh_copy, shared_data


@pytest.fixture(scope="module")
def _module_reg_site(request, django_db_setup, django_db_blocker):
    with shared_data(request, django_db_blocker, build_registration_site) as data:
        yield data


@pytest.fixture
def reg_site(db, _module_reg_site):
    """Home → service line → 'Spinal metastases' (live), home → register, home → privacy.

    Built once per module (tests only add registrations and pages, rolled back after each);
    each test gets its own copies of the pages and settings."""
    if _module_reg_site is None:
        return build_registration_site()
    return fresh_copy(_module_reg_site)


@pytest.fixture(autouse=True)
def flow_settings(settings):
    # Tests fill the form in milliseconds; the fill-time check has its own tests.
    settings.REGISTRATION_MIN_FILL_SECONDS = 0
    settings.REGISTRATION_RATE_LIMIT = 5
    settings.REGISTRATION_RATE_WINDOW_SECONDS = 3600
    return settings


@pytest.fixture
def coordinator(django_user_model):
    return make_user(django_user_model, "coordinator", INTAKE_GROUP_NAME)


@pytest.fixture
def other_coordinator(django_user_model):
    return make_user(django_user_model, "otto", INTAKE_GROUP_NAME)


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", "Editors")
