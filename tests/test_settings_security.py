"""Production settings refuse to start half-configured, and pass Django's deployment checks.

Each case runs in a subprocess with a clean environment, so nothing from the test run (or the
developer's shell) leaks into the settings being checked.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = "site_project.settings.production"
IMPORT_SETTINGS = "from django.conf import settings; print(settings.DEBUG)"


def production_env(**overrides):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(PROJECT_DIR)),
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "example.org",
        # Keep a test run from touching the checkout's own database.
        "DATABASE_URL": "sqlite:///:memory:",
        # Production keeps rate limits in a shared cache; nothing connects to it here.
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_python(args, env):
    return subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
    ],
    ids=["no-key", "empty-key", "short-key", "no-hosts", "blank-hosts"],
)
def test_production_settings_refuse_to_load_without_required_values(overrides, message):
    result = run_python(["-c", IMPORT_SETTINGS], production_env(**overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_load_when_configured():
    result = run_python(["-c", IMPORT_SETTINGS], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_check_deploy_is_clean():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env()
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output
    assert "System check identified no issues" in output


def test_check_deploy_warns_without_a_shared_cache():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(REDIS_URL=None),
    )
    assert result.returncode != 0
    assert "contact.W001" in result.stdout + result.stderr
