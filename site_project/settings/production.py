"""Production: refuses to start without a secret key and allowed hosts; HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, LOGGING, SECRET_KEY, env_bool, env_int

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# Persistent database connections (checked before reuse) unless the deployment says otherwise:
# see DATABASES in base.py.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")
# Mail to patients and staff goes over STARTTLS unless the deployment turns it off explicitly
# (EMAIL_USE_TLS=false, e.g. a relay on the same host).
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Staff sign-in: a second factor is required, and the client address for the sign-in lockout
# is the one the single reverse proxy appends to X-Forwarded-For (see README, "Staff sign-in").
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)
AXES_IPWARE_PROXY_COUNT = env_int("AXES_IPWARE_PROXY_COUNT", 1)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
# The registration rate limit counts per client address behind the same single proxy.
REGISTRATION_TRUSTED_PROXY_COUNT = env_int("REGISTRATION_TRUSTED_PROXY_COUNT", 1)
