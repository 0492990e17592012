"""Production settings as loaded: persistent, health-checked database connections and the page
cache on, each with its documented override."""

import json

from tests.test_settings_security import production_env, run_python

SHOW = (
    "import json; from django.conf import settings; db = settings.DATABASES['default']; "
    "print(json.dumps({'conn_max_age': db['CONN_MAX_AGE'], "
    "'health_checks': db['CONN_HEALTH_CHECKS'], 'page_cache': settings.PAGE_CACHE_ENABLED, "
    "'middleware': settings.MIDDLEWARE[:4]}))"
)


def production_values(**overrides):
    result = run_python(["-c", SHOW], production_env(**overrides))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_keeps_checked_connections_and_caches_pages():
    assert production_values() == {
        "conn_max_age": 60,
        "health_checks": True,
        "page_cache": True,
        # The page cache answers before sessions, CSRF and Wagtail are reached.
        "middleware": [
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "core.page_cache.middleware.PageCacheMiddleware",
            "core.routing.RememberedSiteMiddleware",
        ],
    }


def test_each_can_be_overridden():
    values = production_values(
        DATABASE_CONN_MAX_AGE="0", DATABASE_CONN_HEALTH_CHECKS="false", PAGE_CACHE_ENABLED="false"
    )
    assert (values["conn_max_age"], values["health_checks"], values["page_cache"]) == (
        0,
        False,
        False,
    )
