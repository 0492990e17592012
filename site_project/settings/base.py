"""Settings shared by every environment; what differs per deployment comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A friendly 403 with the phone number (a patient's expired form lands here), not Django's.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

INSTALLED_APPS = [
    "users",
    "core",
    "conditions",
    "contact",
    # Staff sign-in: lockout, second factor, session limits (see "Staff sign-in" in README).
    "staff_security",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Editors translate pages in the admin (string by string, with a status of what changed in
    # the source): wagtail-localize 1.14 supports Wagtail 7+ and passes this suite on Wagtail 8.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    # Editors pin answers to search terms (Settings → Promoted search results).
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Demo content (load_demo_content) sits on top of every app, so it comes last.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the shared cache: a hit skips everything below
    # (core/page_cache; PAGE_CACHE_* settings).
    "core.page_cache.middleware.PageCacheMiddleware",
    # The request's Wagtail site and root page, remembered per content generation.
    "core.routing.RememberedSiteMiddleware",
    # Headers first (they also go on the 400s below), then refuse malformed requests before
    # the session and CSRF middleware read them.
    "core.csp.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.bad_requests.RejectMalformedRequestsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL alone (/es/… Spanish, everything else English), so an
    # anonymous page is the same for every reader whatever Accept-Language says (core/i18n.py).
    "core.i18n.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Staff sign-in: the second factor and session limits need the user and messages; axes turns a
# lockout into its response last, around everything else.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "staff_security.middleware.StaffSessionMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("staff_security.middleware.StaffSessionMiddleware") + 1,
    "staff_security.middleware.MFARequiredMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

ROOT_URLCONF = "site_project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.navigation",
            ],
            # {% fragment_cache %} in every template without a {% load %} line.
            "builtins": ["core.templatetags.fragment_cache"],
        },
    },
]

WSGI_APPLICATION = "site_project.wsgi.application"

# SQLite is the embedded default so a newcomer needs no server; production sets DATABASE_URL
# to PostgreSQL.
# Connections are kept open between requests (opening one costs PostgreSQL 20-30 ms, more than
# rendering a page) and checked before each request reuses them, so a database restart costs
# no failed request. DATABASE_CONN_MAX_AGE=0 closes them after every request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# django-axes checks for a lockout before the password is even compared. Its AxesBackend (not
# the standalone one) can also load users, as Wagtail's test helpers expect of the first one.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Staff sign-in (staff_security app). Lockout: AXES_FAILURE_LIMIT failures for one username, or
# from one client address, refuse sign-in for AXES_COOLOFF_MINUTES; kept in the database so
# every worker process agrees and a restart does not forget.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# A lockout lasts AXES_COOLOFF_MINUTES from the failure that caused it, as the page says.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "staff_security.lockout.lockout_response"
AXES_ENABLE_ADMIN = False  # no Django admin here: Settings → Sign-in lockouts in Wagtail
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins need no address/user-agent record
# The client address: with AXES_IPWARE_PROXY_COUNT trusted proxies appending to
# X-Forwarded-For, its Nth entry from the right; with 0, the socket (REMOTE_ADDR).
AXES_CLIENT_IP_CALLABLE = "staff_security.client.client_ip"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_IPWARE_PROXY_COUNT", 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
# Second factor (TOTP with recovery codes) for every admin user; production turns it on.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_AGE_SECONDS = env_int("STAFF_SESSION_MAX_AGE_SECONDS", 12 * 3600)
# A signed-in session cannot outlive the absolute limit, so its row need not either: the
# scheduled clean-up deletes abandoned staff sessions after it, not after Django's 14 days.
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_AGE_SECONDS

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")

# The intake insight's covering index (contact.Registration, "registration_insight") carries
# INCLUDE columns, a PostgreSQL feature; SQLite, the embedded default, builds it without them
# and would warn on every migrate.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
USE_I18N = True
# Pages in English (unprefixed URLs) and Spanish (/es/); a third language is one line here, a
# Locale (Settings → Locales) and a locale/<code>/LC_MESSAGES/django.po (README: Languages).
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's own form: {{ date|date:"DATE_FORMAT" }} (site_project/formats).
FORMAT_MODULE_PATH = ["site_project.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Registration exports built in the background hold patient data: kept outside MEDIA_ROOT (never
# at a public URL), served only by the intake admin's download view, deleted when they expire.
REGISTRATION_EXPORT_ROOT = Path(
    os.environ.get("REGISTRATION_EXPORT_ROOT", BASE_DIR / "var" / "registration-exports")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "registration_exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": REGISTRATION_EXPORT_ROOT, "base_url": None},
    },
}

# Caches by what they hold: "shared" is for what every worker process must agree on (rate-limit
# counters); "default" is what Django and Wagtail keep for themselves (e.g. Wagtail's site-root
# paths), always in process memory so that no cache outage can take pages down.
REDIS_URL = os.environ.get("REDIS_URL", "")
_locmem = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {
    "default": {"BACKEND": _locmem},
    "shared": {"BACKEND": _locmem, "LOCATION": "shared"},
    # Rendered parts of pages ({% fragment_cache %}, core/templatetags/fragment_cache.py), keyed
    # by the content generation: in process memory, a hit costs no round trip.
    "fragments": {
        "BACKEND": _locmem,
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": env_int("FRAGMENT_CACHE_MAX_ENTRIES", 2000)},
    },
}
if REDIS_URL:
    # With Redis down this answers like an empty cache (logged once a minute), never an error.
    CACHES["shared"] = {"BACKEND": "core.cache.DegradingRedisCache", "LOCATION": REDIS_URL}

# The page cache for anonymous readers (core/page_cache): pages every reader sees alike, kept
# in the "shared" cache and marked for the HTTP cache in front: browsers keep them
# PAGE_CACHE_MAX_AGE seconds, shared caches PAGE_CACHE_S_MAXAGE (publishing purges both), and
# may serve a stale copy for PAGE_CACHE_STALE_WHILE_REVALIDATE while fetching a new one.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
PAGE_CACHE_S_MAXAGE = env_int("PAGE_CACHE_S_MAXAGE", 600)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 60)
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/csp-report/"]
# The registration flow and its confirmation are never kept, whatever their responses say.
PAGE_CACHE_EXCLUDED_PAGE_TYPES = ["contact.RegistrationPage"]
# Rendered parts of pages (the header, the footer, a condition page's body) kept per content
# generation in each process ({% fragment_cache %}); FRAGMENT_CACHE_ENABLED=false renders all.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", True)
FRAGMENT_CACHE_TIMEOUT = env_int("FRAGMENT_CACHE_TIMEOUT", 3600)
# Each worker also keeps up to PAGE_CACHE_LOCAL_ENTRIES kept pages in its own memory, for at
# most PAGE_CACHE_LOCAL_SECONDS; every purge empties them everywhere (core/page_cache/local.py).
PAGE_CACHE_LOCAL_ENTRIES = env_int("PAGE_CACHE_LOCAL_ENTRIES", 200)
PAGE_CACHE_LOCAL_SECONDS = env_int("PAGE_CACHE_LOCAL_SECONDS", 30)

# Outgoing mail goes through the tasks framework so that a mail outage never blocks a request.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task "running" longer than this is taken for one whose worker died (kill -9, out of
# memory): the worker and `manage.py recover_stuck_tasks` put it back in the queue
# (core/task_recovery.py). Must be longer than any task runs; a registration email's send claim
# expires after half of it (contact/tasks.py).
TASKS_RUNNING_TIMEOUT_SECONDS = env_int("TASKS_RUNNING_TIMEOUT_SECONDS", 600)

# New-patient registration flow (contact app).
# Submissions allowed per client address per window; 0 turns the limit off.
REGISTRATION_RATE_LIMIT = env_int("REGISTRATION_RATE_LIMIT", 5)
REGISTRATION_RATE_WINDOW_SECONDS = env_int("REGISTRATION_RATE_WINDOW_SECONDS", 3600)
# Faster than this from first step to submit is treated as a bot and silently discarded.
REGISTRATION_MIN_FILL_SECONDS = env_int("REGISTRATION_MIN_FILL_SECONDS", 10)
# Answers in progress older than this are forgotten (shared computers).
REGISTRATION_FLOW_MAX_AGE_SECONDS = env_int("REGISTRATION_FLOW_MAX_AGE_SECONDS", 4 * 3600)
# Number of reverse proxies in front of the app that append to X-Forwarded-For: the client is
# the Nth entry from the right (core/client_ip.py). 0 (development and tests) uses the socket
# address; production settings default to 1, the single proxy the README's deployment has.
REGISTRATION_TRUSTED_PROXY_COUNT = env_int("REGISTRATION_TRUSTED_PROXY_COUNT", 0)
# Closed registrations are deleted by `manage.py purge_registrations` this many days after
# they were closed (closed_at; updated_at for rows closed without one). Run it daily.
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 365)

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Service line site")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the account's name in the authenticator app
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from Gravatar: the admin makes no third-party requests and leaks no staff emails.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
# An edit made while a page is in a workflow restarts it: a medical review approves one text.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# Purging the HTTP cache in front (Varnish) when pages change (core/page_cache/purge.py):
# FRONTEND_CACHE_URL is where it accepts PURGE requests, e.g. http://127.0.0.1:6081.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_URL"],
    }

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy of every public page (django-csp): nothing inline, nothing from
# another origin (so no third-party embeds either). The Wagtail admin gets its own policy and
# frame-ancestors follows X-Frame-Options (Wagtail's previews): see core/csp.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: for the empty favicon (<link rel="icon" href="data:,">).
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": "/csp-report/",
    }
}
# Browser features the site never uses, switched off for it and anything it could embed (only
# names Chromium knows: it logs a console error for each unknown one).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
SESSION_COOKIE_HTTPONLY = True
# Database sessions, plus browser-session cookies with a short row for the registration flow
# (core/sessions.py); expired rows are deleted by the scheduled core.tasks.delete_expired_sessions.
SESSION_ENGINE = "core.sessions"
# How often the task worker's scheduled job deletes expired session rows (core/tasks.py).
SESSION_CLEANUP_INTERVAL_SECONDS = env_int("SESSION_CLEANUP_INTERVAL_SECONDS", 15 * 60)

# Intake exports (contact/admin): the largest CSV and XLSX built inside the request (bigger ones
# are built by the task worker and their link emailed), how long such a file can be
# downloaded, and how often the task worker deletes expired ones.
REGISTRATION_CSV_SYNC_MAX_ROWS = env_int("REGISTRATION_CSV_SYNC_MAX_ROWS", 20_000)
REGISTRATION_XLSX_SYNC_MAX_ROWS = env_int("REGISTRATION_XLSX_SYNC_MAX_ROWS", 2_000)
REGISTRATION_EXPORT_EXPIRY_HOURS = env_int("REGISTRATION_EXPORT_EXPIRY_HOURS", 24)
REGISTRATION_EXPORT_CLEANUP_INTERVAL_SECONDS = env_int(
    "REGISTRATION_EXPORT_CLEANUP_INTERVAL_SECONDS", 60 * 60
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_query_strings": {"()": "core.logging.RedactQueryStringFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_query_strings"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Replaces Django's own request-line handler, which would log query strings.
    "loggers": {"django.server": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
