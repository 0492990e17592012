"""Production settings as loaded: caches split so that Redis is never on a page's critical
path, sessions never in Redis alone, SMTP over TLS unless turned off, query strings out of
every log line including the application server's access log."""

import json

from tests.test_settings_security import production_env, run_python

SHOW = (
    "import json; from importlib import import_module; from django.conf import settings;"
    "from django.contrib.sessions.backends.db import SessionStore as DatabaseStore;"
    "print(json.dumps({"
    "'default': settings.CACHES['default']['BACKEND'],"
    "'shared': settings.CACHES['shared']['BACKEND'],"
    "'shared_location': settings.CACHES['shared'].get('LOCATION'),"
    "'session_engine': settings.SESSION_ENGINE,"
    "'sessions_in_database': issubclass("
    "import_module(settings.SESSION_ENGINE).SessionStore, DatabaseStore),"
    "'email_use_tls': settings.EMAIL_USE_TLS,"
    "}))"
)


def production_values(**overrides):
    result = run_python(["-c", SHOW], production_env(**overrides))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_caches_sessions_and_smtp():
    assert production_values() == {
        # What Django and Wagtail keep for themselves stays in the process.
        "default": "django.core.cache.backends.locmem.LocMemCache",
        "shared": "core.cache.DegradingRedisCache",
        "shared_location": "redis://127.0.0.1:6379/0",
        # Sessions in the database: a Redis outage cannot sign anyone out or lose a flow.
        # (core.sessions is Django's database engine plus browser-session cookies for patients).
        "session_engine": "core.sessions",
        "sessions_in_database": True,
        "email_use_tls": True,
    }


def test_email_use_tls_can_be_turned_off():
    assert production_values(EMAIL_USE_TLS="false")["email_use_tls"] is False
