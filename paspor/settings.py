"""Paspor settings: one file, every value from the environment (docs/configuration.md).

Development defaults need nothing installed: SQLite under var/, console e-mail, a secret key
generated once into var/. Production (PASPOR_ENV=production) refuses to start without the
values that must never default.
"""

from __future__ import annotations

import base64
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from paspor.lib.env import ConfigError, env_bool, env_choice, env_int, env_list, env_str
from paspor.lib.sealing import parse_key_ring

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PASPOR_VAR_DIR", str(BASE_DIR / "var")))

# pytest sets PYTEST_VERSION while it runs: tests get the test defaults without extra setup.
PASPOR_ENV = env_choice(
    "PASPOR_ENV",
    "test" if os.environ.get("PYTEST_VERSION") else "development",
    ("development", "test", "production"),
)
PRODUCTION = PASPOR_ENV == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)


def _secret_key() -> str:
    """Required in production; generated once into var/ for local runs so sessions survive."""
    if PRODUCTION:
        return env_str("SECRET_KEY")
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
if len(SECRET_KEY) < 32:
    raise ConfigError("SECRET_KEY: must be at least 32 characters long")


def _data_keys() -> str:
    """The key ring sealing NIKs and case files (paspor.lib.sealing); required in production.

    Local runs generate one key into var/ once; tests use a fixed key so every test process
    reads what another sealed.
    """
    keys = env_str("PASPOR_DATA_KEYS", "" if not PRODUCTION else None)
    if keys:
        return keys
    if PRODUCTION:
        # Set but empty (as the env example ships it): a key generated on each machine would
        # seal data that no other machine and no backup can read.
        raise ConfigError("PASPOR_DATA_KEYS: required in production, and empty here")
    if PASPOR_ENV == "test":
        return "t1:" + "dGVzdC1rZXktb25seS1ub3QtZm9yLXJlYWwtZGF0YSE="
    path = VAR_DIR / "data_keys"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(f"d1:{base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}")
        path.chmod(0o600)
    return path.read_text().strip()


PASPOR_DATA_KEYS = _data_keys()
parse_key_ring(PASPOR_DATA_KEYS)  # a malformed ring stops start-up here, naming the entry

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigError("ALLOWED_HOSTS: required in production (comma-separated host names)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "paspor.portal.admin_site.PasporAdminConfig",  # the admin, open to headquarters
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "ninja",  # the API docs page served from the installed package's own files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "paspor.accounts",
    "paspor.offices",
    "paspor.audit",
    "paspor.portal",
    "paspor.booking",
    "paspor.queueing",
    "paspor.cases",
    "paspor.payments",
    "paspor.issuance",
    "paspor.notifications",
    "paspor.surveys",
    "paspor.complaints",
    "paspor.reports",
    "paspor.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "paspor.lib.nul_guard.RefuseNulMiddleware",  # before the session reads its cookie
    "django.contrib.sessions.middleware.SessionMiddleware",
    "paspor.lib.language.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "paspor.accounts.sign_ins.SignInMiddleware",  # a device signed out by its owner
    "paspor.accounts.middleware.StaffSecurityMiddleware",
    "paspor.lib.http.PrivateNoStoreMiddleware",
    "paspor.lib.http.HtmxSignInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the refusal page
]

ROOT_URLCONF = "paspor.urls"
WSGI_APPLICATION = "paspor.wsgi.application"
ASGI_APPLICATION = "paspor.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "paspor.portal.context.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'paspor.sqlite3'}")


def _database(url: str) -> dict[str, Any]:
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL: {exc}") from None
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock at
        # BEGIN so two writers never deadlock half-way (SQLite has no SELECT ... FOR UPDATE).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
        # The test database sits beside the configured one and is named after it, so test
        # runs against different database files never share (or delete) each other's.
        if config["NAME"] and config["NAME"] != ":memory:":
            configured = Path(str(config["NAME"]))
            test_name = configured.with_name(f"test-{configured.stem}.sqlite3")
            config["TEST"] = {"NAME": str(test_name)}
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0)
        config["CONN_HEALTH_CHECKS"] = True
    else:
        raise ConfigError(
            f"DATABASE_URL: only sqlite:// and postgres:// are supported, got {engine}"
        )
    return config


DATABASES = {"default": _database(DATABASE_URL)}
# A streaming replica of the default database for report reads (paspor/routers.py). Tests
# mirror it onto the default database so the router can be exercised without a second server.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = _database(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["paspor.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, availability) -------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks -------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
if PASPOR_ENV == "test":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out name+address
    "paspor.accounts.backends.UsernameOrEmailBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:after_login"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lockout (django-axes, docs/security.md): N failed sign-ins for one name from one address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
# How long the link of a forgotten password works (Django's default is three days).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_MINUTES", 60, minimum=5) * 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "paspor.lib.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "paspor.accounts.views.locked_out"
# Its log lines name the typed name by a keyed digest, not the name (docs/data-protection.md).
AXES_CLIENT_STR_CALLABLE = "paspor.lib.log_redact.axes_client_str"
AXES_VERBOSE = False
# Successful sign-ins (axes' access log: name, address, browser) kept this many days, then
# removed by the scheduler's `signins_prune` (docs/data-protection.md).
PASPOR_SIGNIN_LOG_DAYS = env_int("PASPOR_SIGNIN_LOG_DAYS", 90, minimum=7)
# Two-factor sign-in (django-otp TOTP) and the staff idle timeout (docs/security.md).
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Paspor")
STAFF_IDLE_TIMEOUT_MINUTES = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30, minimum=1)
# A kiosk's or a board's session runs this long after its last use (a weekend included).
DEVICE_SESSION_HOURS = env_int("DEVICE_SESSION_HOURS", 72, minimum=1)
if PASPOR_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "paspor" / "locale"]  # project-wide strings; apps keep their own
USE_I18N = True
# Output formats per language (paspor/formats/): "07.30" in Indonesian, "07:30" in English.
FORMAT_MODULE_PATH = ["paspor.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
try:
    ZoneInfo(TIME_ZONE)
except (ZoneInfoNotFoundError, ValueError):
    raise ConfigError(f"TIME_ZONE: unknown time zone {TIME_ZONE!r}") from None
USE_TZ = True

# --- Static files -------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "paspor" / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail (Django 6.1 MAILERS) -------------------------------------------------------
EMAIL_BACKEND_PATH = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_mail_options: dict[str, Any] = {}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "use_ssl": env_bool("EMAIL_USE_SSL", False),  # port 465 (implicit TLS)
        # A server that accepts the connection and never answers would hold the task worker,
        # and every task behind the message, for ever.
        "timeout": env_int("EMAIL_TIMEOUT", 10, minimum=1),
    }
    if _mail_options["use_tls"] and _mail_options["use_ssl"]:
        raise ConfigError("EMAIL_USE_TLS, EMAIL_USE_SSL: only one of them may be on")
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _mail_options}}
if PASPOR_ENV == "test":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Paspor <noreply@paspor.localhost>")

# --- Security (docs/hardening.md) -----------------------------------------------------
# Behind nginx the rate limits and the sign-in lockout count the last X-Forwarded-For address
# (paspor.lib.ratelimit); read here too so that a malformed value stops start-up.
BOOKING_TRUST_X_FORWARDED_FOR = env_bool("BOOKING_TRUST_X_FORWARDED_FOR", False)
# HTTPS is on in production unless a deployment says otherwise (a test rig behind plain HTTP).
HTTPS = env_bool("HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "paspor.portal.errors.csrf_failure"  # a plain-words page, not Django's
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
# The TLS-terminating proxy must overwrite this header on every request (docs/hardening.md).
if env_bool("SECURE_PROXY_SSL_HEADER", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy: only this origin's own files run. Scripts live in static files; the
# few blocks that must sit in the page (JSON data) carry the per-request nonce. Pico's icons are
# data: SVGs; captured photos and signatures are previewed from data: and blob: URLs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if env_str("CSP_REPORT_URI", ""):
    SECURE_CSP["report-uri"] = [env_str("CSP_REPORT_URI")]

# --- Logging ------------------------------------------------------------------------
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The level is on the handler too: Django's own loggers (django.request logs every 4xx as
    # a warning) propagate to it past the root logger's level.
    # Each line names its level and logger, so a warning can be told from the request log.
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    # An address that is a key (a reset link, a survey link) is logged with "…" for the key.
    # A refused request (4xx) is logged as one line, without the traceback of its exception.
    "filters": {
        "redact_keys": {"()": "paspor.lib.log_redact.RedactKeys"},
        "refusals_short": {"()": "paspor.lib.log_redact.RefusalsWithoutTraceback"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "level": LOG_LEVEL,
            "formatter": "plain",
            "filters": ["redact_keys", "refusals_short"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own "django" handler (printing while DEBUG is on) is dropped: its lines reach
        # the root handler above, and were printed twice by `make run` ("Task id=… RUNNING").
        "django": {"handlers": [], "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# --- Paspor ---------------------------------------------------------------------------
PASPOR_SITE_NAME = env_str("PASPOR_SITE_NAME", "Paspor")
PASPOR_PUBLIC_URL = env_str("PASPOR_PUBLIC_URL", "http://127.0.0.1:8000")

# --- Notifications, complaints (docs/notifications.md, docs/surveys.md) ---------------
PASPOR_OUTBOX_MAX_ATTEMPTS = env_int("PASPOR_OUTBOX_MAX_ATTEMPTS", 6, minimum=1)
PASPOR_OUTBOX_BACKOFF_SECONDS = env_int("PASPOR_OUTBOX_BACKOFF_SECONDS", 60, minimum=1)
# A message "sending" for longer than this is taken to belong to a dead worker and is sent again.
PASPOR_OUTBOX_LEASE_SECONDS = env_int("PASPOR_OUTBOX_LEASE_SECONDS", 300, minimum=1)
PASPOR_SMS_GATEWAY_URL = env_str("PASPOR_SMS_GATEWAY_URL", "")
PASPOR_SMS_GATEWAY_TOKEN = env_str("PASPOR_SMS_GATEWAY_TOKEN", "")
PASPOR_WHATSAPP_GATEWAY_URL = env_str("PASPOR_WHATSAPP_GATEWAY_URL", "")
PASPOR_WHATSAPP_GATEWAY_TOKEN = env_str("PASPOR_WHATSAPP_GATEWAY_TOKEN", "")
PASPOR_COMPLAINT_RESPONSE_DAYS = env_int("PASPOR_COMPLAINT_RESPONSE_DAYS", 5, minimum=1)
PASPOR_COMPLAINT_MAX_BYTES = env_int("PASPOR_COMPLAINT_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
# Days a satisfaction-survey link stays open after the office-local day it was issued
# (docs/surveys.md, "How long a link is open").
PASPOR_SURVEY_LINK_DAYS = env_int("PASPOR_SURVEY_LINK_DAYS", 30, minimum=1)

# --- Payments (docs/payments.md) -----------------------------------------------------
PAYMENT_BILLING_CODE_VALID_HOURS = env_int("PAYMENT_BILLING_CODE_VALID_HOURS", 7 * 24, minimum=1)
PAYMENT_NOTIFICATION_MAX_AGE = env_int("PAYMENT_NOTIFICATION_MAX_AGE", 300, minimum=1)
PAYMENT_SIMULATOR_ENABLED = env_bool("PAYMENT_SIMULATOR_ENABLED", not PRODUCTION)
PAYMENT_SIMULATOR_SECRET = env_str("PAYMENT_SIMULATOR_SECRET", "" if PRODUCTION else "simulasi-dev")
SLA_WORKING_DAYS = env_int("SLA_WORKING_DAYS", 3, minimum=1)
# STANDARDS.md §3: off, the payment day is not counted; on, it is day one when a working day.
SLA_COUNT_PAYMENT_DAY = env_bool("SLA_COUNT_PAYMENT_DAY", False)
SLA_EXPRESS_CUTOFF_HOUR = env_int("SLA_EXPRESS_CUTOFF_HOUR", 12, minimum=0, maximum=23)

# --- Queue boards (docs/queue.md) ------------------------------------------------------
QUEUE_BOARD_POLL_MS = env_int("QUEUE_BOARD_POLL_MS", 1000, minimum=20)  # boards: fallback poll
# A board's event stream asks again whether its viewer may watch, and ends to be reopened.
QUEUE_BOARD_ACCESS_CHECK_SECONDS = env_int("QUEUE_BOARD_ACCESS_CHECK_SECONDS", 60, minimum=1)
QUEUE_BOARD_STREAM_SECONDS = env_int("QUEUE_BOARD_STREAM_SECONDS", 3600, minimum=10)
