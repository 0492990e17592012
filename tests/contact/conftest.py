import pytest

from contact.admin.permissions import INTAKE_GROUP_NAME
from tests.contact.flow import build_registration_site
from tests.contact.intake_fixtures import make_user


@pytest.fixture
def reg_site(db):
    """Home → service line → 'Spinal metastases' (live), home → register, home → privacy."""
    return build_registration_site()


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
