"""Test settings: fast hashing, mail kept in memory, tasks queued in the database."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    },
}
# One media folder per pytest-xdist worker ("gw0", "gw1"; "main" when serial): parallel workers
# would otherwise write and delete the same image and rendition files.
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
STORAGES["registration_exports"]["OPTIONS"]["location"] = (  # noqa: F405
    BASE_DIR / "var" / "test-exports" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
)
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Static files come from the app finders (and the live server's static handler), not from a
# collectstatic output that a test run never builds.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Tests of the page cache turn it on; the rest see every page rendered.
PAGE_CACHE_ENABLED = False
# Likewise the fragment cache: a test that changes rows without signals must see them.
FRAGMENT_CACHE_ENABLED = False
