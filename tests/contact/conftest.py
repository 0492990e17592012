import pytest

from tests.contact.flow import build_registration_site


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
