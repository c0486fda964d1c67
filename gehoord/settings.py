"""Settings for gehoord, read from environment variables only.

Every variable, with its type, default and meaning, is declared in `gehoord/config.py`;
this module reads them through `config.read` and nothing else. Safe development defaults
make `make demo` work with nothing set. With `GEHOORD_ENV=production` the defaults tighten
(secure cookies, HSTS), SECRET_KEY and ALLOWED_HOSTS become required, so `manage.py check
--deploy` passes, and what only pretends to work is refused at start (ImproperlyConfigured):
DEBUG, an e-mail backend that sends nothing, a text-message backend that only logs.

Importing this module creates no files or folders: the data folder is made when an SQLite
file in it is first opened (`gehoord.db.sqlite3`, `gehoord.task_queue`).
"""

import os
from datetime import timedelta
from pathlib import Path

from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gehoord import security_txt
from gehoord.config import read

BASE_DIR = Path(__file__).resolve().parent

DATA_DIR = read("GEHOORD_DATA_DIR")
GEHOORD_ENV = read("GEHOORD_ENV")
PRODUCTION = GEHOORD_ENV == "production"

SECRET_KEY = read("SECRET_KEY")
# Keys for secrets of connections stored in the database (gehoord/encrypted_fields.py).
GEHOORD_SECRETS_KEY = read("GEHOORD_SECRETS_KEY")
ALLOWED_HOSTS = read("ALLOWED_HOSTS")
DEBUG = read("DEBUG")
CSRF_TRUSTED_ORIGINS = read("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First, so its templates (e.g. registration/*) win over those of django.contrib.admin.
    "gehoord",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "ninja",
    "huey.contrib.djhuey",
    "auditlog",
    "axes",
    # Two-step verification of staff: an authenticator app (TOTP), a passkey or security
    # key (WebAuthn) and backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "gehoord.tenancy",
    "gehoord.sso",
    "gehoord.theming",
    "gehoord.catalog",
    "gehoord.framework",
    "gehoord.contacts",
    "gehoord.outreach",
    "gehoord.api",
    "gehoord.surveys",
    "gehoord.insights",
    "gehoord.feedback",
    "gehoord.publication",
    "gehoord.improvement",
    "gehoord.statutory",
    "gehoord.webhooks",
]

MIDDLEWARE = [
    # First, so it times everything; labels by route name, never the address.
    "gehoord.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "gehoord.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gehoord.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "gehoord.tenancy.middleware.ActiveOrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gehoord.middleware.AuditlogMiddleware",
    "gehoord.staff_sessions.IdleTimeoutMiddleware",
    # After the active organisation is known: its setting and the member's role decide.
    "gehoord.tenancy.second_factor_middleware.SecondFactorMiddleware",
    # Last, as django-axes asks: it turns a refused log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gehoord.urls"
# Django's form rendering, but help text is escaped (it can be what staff typed).
FORM_RENDERER = "gehoord.form_renderer.FormRenderer"
WSGI_APPLICATION = "gehoord.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            # The Dutch number, percent and date filters (`gehoord.formatting`) everywhere.
            "builtins": ["gehoord.formatting"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gehoord.tenancy.navigation.navigation",
                "gehoord.tenancy.context.active_organisation",
            ],
        },
    },
]

DATABASES = {
    "default": read("DATABASE_URL"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, which makes the database file's folder when it first opens it.
    DATABASES["default"]["ENGINE"] = "gehoord.db.sqlite3"
    # WAL lets the web server and the Huey worker use one file side by side.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            # A writer waits up to 30 s for another (the worker's rollup refresh) instead of
            # failing after SQLite's default 5 s.
            "timeout": 30,
        }
    )
    # A file, not memory, so a real Huey consumer in another process sees test data; one
    # per test run (process id), so two runs in one checkout never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-gehoord-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = read("CONN_MAX_AGE")
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = read("REDIS_URL")
# In Redis every key starts with the queue's name: installations (or test runs) that share
# one Redis server but not a name never see each other's counts or cached values.
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": read("HUEY_NAME"),
}
if REDIS_URL:
    CACHES = {"default": REDIS_CACHE}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATE_LIMIT_CACHE_TABLE = "gehoord_rate_limits"
# Rate limits count in a store every web process shares: Redis when there is one, else the
# database (its table is made by a migration). A count in process memory would give each
# gunicorn worker its own allowance.
CACHES["rate_limits"] = (
    REDIS_CACHE
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": RATE_LIMIT_CACHE_TABLE,
    }
)
RATELIMIT_USE_CACHE = "rate_limits"
# What every process must see the same way (the contact register's names that masking
# hides, and the marks that say they changed): the same store, under its own prefix. The
# default cache can be process memory, where a write in one process goes unseen by another.
CACHES["shared"] = {
    **CACHES["rate_limits"],
    "KEY_PREFIX": f"{read('HUEY_NAME')}-shared" if REDIS_URL else "shared",
}

HUEY_IMMEDIATE = read("HUEY_IMMEDIATE")
# No result store: nothing reads a task's result (jobs keep their outcome in their own row),
# and Huey would keep a failed task's error and traceback there, which can quote a row's
# values (an e-mail address in a database error) where no erasure reaches. Tasks are
# enqueued with ids only (a job, notification or organisation), never contact details.
HUEY_RESULTS = False
if REDIS_URL:
    HUEY = {
        "huey_class": "gehoord.task_queue.RedisHuey",
        "name": read("HUEY_NAME"),
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
        "results": HUEY_RESULTS,
        "consumer": {"workers": read("HUEY_WORKERS"), "worker_type": "thread"},
    }
else:
    HUEY = {
        # Huey's SQLite queue, which opens (and makes) its file on first use, not on import.
        "huey_class": "gehoord.task_queue.SqliteHuey",
        "name": read("HUEY_NAME"),
        "filename": str(read("HUEY_SQLITE_PATH")),
        "immediate": HUEY_IMMEDIATE,
        "results": HUEY_RESULTS,
        "consumer": {"workers": read("HUEY_WORKERS"), "worker_type": "thread"},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a log-in while the account or the address is locked out.
    "gehoord.login_throttle.LoginThrottleBackend",
    # Django's own, with the e-mail address (the user name) matched in any case.
    "gehoord.login_throttle.EmailBackend",
    # Single sign-on with an organisation's OpenID Connect provider (gehoord/sso).
    "gehoord.sso.backend.SsoBackend",
]
# mozilla-django-oidc: what is the same for every organisation; the provider's addresses
# and keys come from its record (gehoord.sso.models.OidcProvider).
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
# Kept in the session to name it at the identity provider when logging out (sso.service).
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = 10
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = read("TIME_ZONE")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Written by `collectstatic` (production); in development the files come from the apps.
STATIC_ROOT = read("STATIC_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

EMAIL_CONFIG = read("EMAIL_URL")
vars().update(EMAIL_CONFIG)
# Without a timeout a mail server that stops answering keeps the dispatch waiting for ever.
EMAIL_TIMEOUT = read("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = read("DEFAULT_FROM_EMAIL")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp; docs/security-headers.md). Every script and stylesheet
# comes from /static/: no 'unsafe-inline' for either. The rare inline block carries the
# request's nonce (<style nonce="{{ request.csp_nonce }}">); django-csp adds the nonce to
# the header only on pages that use it. Letters, reports and e-mails are rendered on the
# server (WeasyPrint, mail clients) and are not subject to it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF, csp_constants.NONCE],
        "style-src": [csp_constants.SELF, csp_constants.NONCE],
        "img-src": [csp_constants.SELF, "data:"],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
        # No page may be framed; the embeddable results page opens this for the
        # organisation's own websites (publication.views_public).
        "frame-ancestors": [csp_constants.NONE],
    }
}
# Features gehoord never uses, switched off for every page and anything it might embed.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "bluetooth",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "serial",
        "usb",
    )
}
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = read("SECURE_SSL_REDIRECT")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = read("SECURE_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = read("SECURE_HSTS_PRELOAD")

AUDITLOG_INCLUDE_ALL_MODELS = False

# Client addresses: from a trusted proxy's header only when one is configured.
GEHOORD_TRUSTED_PROXY_HEADER = read("GEHOORD_TRUSTED_PROXY_HEADER")
GEHOORD_TRUSTED_PROXY_COUNT = read("GEHOORD_TRUSTED_PROXY_COUNT")
# Surveys started through one questionnaire's open link from one client address. Not tiny:
# a desk kiosk or a library PC shares one address (gehoord/surveys/open_link_limits.py).
GEHOORD_OPEN_LINK_RATE = read("GEHOORD_OPEN_LINK_RATE")

# Staff sessions end after this much inactivity (gehoord/staff_sessions.py).
GEHOORD_SESSION_IDLE_MINUTES = read("GEHOORD_SESSION_IDLE_MINUTES")

# Two-step verification (gehoord/tenancy/second_factor.py): the name apps show beside the code.
OTP_TOTP_ISSUER = "gehoord"
# Passkeys (django-otp-webauthn, gehoord/tenancy/passkeys.py) are a second step only, never a
# log-in without the password. The relying party is the host the member uses (ALLOWED_HOSTS
# decides which hosts those can be), so no extra setting per installation.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "gehoord"
OTP_WEBAUTHN_RP_ID_CALLABLE = "gehoord.tenancy.passkeys.relying_party_id"
OTP_WEBAUTHN_HELPER_CLASS = "gehoord.tenancy.passkeys.PasskeyHelper"
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "gehoord.passkeys"
# The helper takes the expected origin from the (allowed) host of each request instead of
# this list, which the library's check asks for.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]

# Failed log-ins (django-axes, gehoord/login_throttle.py): per user name and per address,
# counted in the database so all web processes share the count.
GEHOORD_LOGIN_COOLOFF_MINUTES = read("GEHOORD_LOGIN_COOLOFF_MINUTES")
AXES_FAILURE_LIMIT = read("GEHOORD_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=GEHOORD_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "gehoord.login_throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "gehoord.login_throttle.axes_client_address"
AXES_LOCKOUT_CALLABLE = "gehoord.login_throttle.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_USE_ATTEMPT_EXPIRATION = True
# Successful log-ins are not kept by axes (the audit log is the place for who logged in);
# failed attempts are, until their cool-off has passed.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

LOG_FORMAT = read("GEHOORD_LOG_FORMAT")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"GEHOORD_LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No personal links, query strings or e-mail addresses in the log (gehoord/access_log.py).
    "filters": {"personal_data": {"()": "gehoord.access_log.MaskPersonalData"}},
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "gehoord.access_log.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["personal_data"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": read("LOG_LEVEL")},
    "loggers": {
        # The Huey consumer attaches its own (text) handler when the logger has none; without
        # `propagate` each line shows twice. In JSON it gets ours, so it adds none.
        "huey": {
            "level": "INFO",
            "propagate": False,
            **({"handlers": ["console"]} if LOG_FORMAT == "json" else {}),
        },
        # runserver's request lines, masked like everything else.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Product settings.
GEHOORD_DEFAULT_MINIMUM_N = 10
# Length of the rolling window that dashboards show by default (DESIGN.md §5).
GEHOORD_ROLLING_WINDOW_MONTHS = read("GEHOORD_ROLLING_WINDOW_MONTHS")
# Text messages: "log" (demo; written to the log) or "http" (a gateway, see outreach/sms.py).
SMS_BACKEND = read("SMS_BACKEND")
SMS_GATEWAY_URL = read("SMS_GATEWAY_URL")
SMS_GATEWAY_KEY = read("SMS_GATEWAY_KEY")
# Where residents reach gehoord; used for links in e-mails, letters and QR codes.
GEHOORD_BASE_URL = read("GEHOORD_BASE_URL")
# `/.well-known/security.txt` (RFC 9116): who hears of a vulnerability, and until when.
GEHOORD_SECURITY_CONTACT = security_txt.check_contacts(read("GEHOORD_SECURITY_CONTACT"))
GEHOORD_SECURITY_TXT_EXPIRES = security_txt.parse_expires(read("GEHOORD_SECURITY_TXT_EXPIRES"))
# The bearer token of `/metrics` (Prometheus); empty: no metrics page.
GEHOORD_METRICS_TOKEN = read("GEHOORD_METRICS_TOKEN")

# In production, refuse what would count messages as sent without sending them, and the
# debug pages (which show settings and data to anyone who causes an error).
NOT_SENDING_EMAIL_BACKENDS = {
    f"django.core.mail.backends.{name}.EmailBackend"
    for name in ("console", "locmem", "dummy", "filebased")
}
NOT_SENDING_SMS_BACKENDS = {"log", "console"}


def refuse_in_production(problem: str) -> None:
    raise ImproperlyConfigured(f"{problem}; not allowed with GEHOORD_ENV=production")


if PRODUCTION:
    if DEBUG:
        refuse_in_production("DEBUG is on, so error pages show settings and data (unset DEBUG)")
    if EMAIL_CONFIG["EMAIL_BACKEND"] in NOT_SENDING_EMAIL_BACKENDS:
        refuse_in_production(
            f"EMAIL_URL selects {EMAIL_CONFIG['EMAIL_BACKEND']}, which sends no e-mail yet "
            "counts it as sent (set EMAIL_URL to an SMTP server, e.g. "
            "smtp+tls://user:password@smtp.example.nl:587)"
        )
    if SMS_BACKEND in NOT_SENDING_SMS_BACKENDS:
        refuse_in_production(
            f"SMS_BACKEND={SMS_BACKEND} only writes text messages to the log yet counts them "
            "as sent (set SMS_BACKEND=http and SMS_GATEWAY_URL)"
        )
    if SMS_BACKEND == "http" and not SMS_GATEWAY_URL:
        refuse_in_production("SMS_GATEWAY_URL is empty while SMS_BACKEND=http")
