"""Where the second factor is required by default, and the lockout's production values."""

import json

import pytest

from tests.test_settings_security import production_env, run_python

READ = (
    "import json; from django.conf import settings; print(json.dumps({"
    "'mfa': settings.STAFF_MFA_REQUIRED, 'proxies': settings.AXES_IPWARE_PROXY_COUNT, "
    "'order': list(settings.AXES_IPWARE_META_PRECEDENCE_ORDER), "
    "'limit': settings.AXES_FAILURE_LIMIT, "
    "'cooloff': settings.AXES_COOLOFF_TIME.total_seconds(), 'handler': settings.AXES_HANDLER,"
    "'idle': settings.STAFF_SESSION_IDLE_SECONDS, "
    "'lifetime': settings.STAFF_SESSION_MAX_AGE_SECONDS}))"
)


def read_settings(module, **overrides):
    env = production_env(DJANGO_SETTINGS_MODULE=module, **overrides)
    result = run_python(["-c", "import django; django.setup(); " + READ], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults():
    values = read_settings("site_project.settings.production")
    assert values == {
        "mfa": True,
        "proxies": 1,
        "order": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        "limit": 5,
        "cooloff": 15 * 60,
        "handler": "axes.handlers.database.AxesDatabaseHandler",
        "idle": 30 * 60,
        "lifetime": 12 * 3600,
    }


@pytest.mark.parametrize("module", ["site_project.settings.dev", "site_project.settings.test"])
def test_development_and_tests_sign_in_with_a_password_and_use_the_socket(module):
    values = read_settings(module)
    assert values["mfa"] is False
    assert values["proxies"] == 0
    assert values["order"] == ["REMOTE_ADDR"]


@pytest.mark.parametrize(
    ("module", "value", "expected"),
    [
        ("site_project.settings.production", "false", False),
        ("site_project.settings.dev", "true", True),
    ],
)
def test_the_environment_overrides_the_default(module, value, expected):
    assert read_settings(module, STAFF_MFA_REQUIRED=value)["mfa"] is expected
