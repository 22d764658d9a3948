"""Settings shared by every environment; ``dev``, ``prod`` and ``test`` adjust them."""

from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

from csp.constants import NONE, SELF

from motovault.config import env, origin, secret

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = secret("django-secret-key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "motovault",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "mozilla_django_oidc",
    "csp",
    "axes",
    # The task queue: jobs in PostgreSQL, run by `manage.py procrastinate worker`. Each app's
    # tasks.py is discovered; see motovault/tasks.py for how a feature adds a task or a periodic job.
    "procrastinate.contrib.django",
    # The REST API's vendored Swagger UI (its static files).
    "ninja",
    "platform_data",
    "vehicles",
    "fuel_logs",
    "costs",
    "dashboard",
    "accounts",
    "demo",
    "maintenance",
    "stations",
    "documents",
    "api",
    "imports",
    "households",
]

MIDDLEWARE = [
    "motovault.logs.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "motovault.clock.UserTimeZoneMiddleware",
    "motovault.formats.UserFormatsMiddleware",
    "motovault.caching.WritesBypassCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motovault.urls"

# The release running, part of every cache key (see motovault/caching.py): the image's build
# argument or the git revision. Unset, a digest of the code, templates and static files stands in.
RELEASE = env.str("RELEASE", "")
WSGI_APPLICATION = "motovault.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Every template may define HTMX fragments as named partials.
            "builtins": ["template_partials.templatetags.partials", "motovault.templatetags.formats"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motovault.context_processors.site",
            ],
        },
    },
]

# PostgreSQL. The search path puts the catalog's schema after ours, so catalog tables resolve
# without qualifying them (see platform_data's migrations for how they land in `vehicles`).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": env.str("DATABASE_HOST", "127.0.0.1"),
        "PORT": env.int("DATABASE_PORT", 5432),
        "NAME": env.str("DATABASE_NAME", "motovault"),
        "USER": env.str("DATABASE_USER", "postgres"),
        "PASSWORD": secret("postgres-password", ""),
        "CONN_MAX_AGE": env.int("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "options": "-c search_path=public,vehicles",
            "sslmode": env.str("DATABASE_SSLMODE", "prefer"),
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis holds the cache and (in front of PostgreSQL) the sessions. A Redis outage must not turn
# pages into 500s: errors are logged and treated as cache misses.
REDIS_URL = "redis://{}:{}/{}".format(
    env.str("REDIS_HOST", "127.0.0.1"), env.int("REDIS_PORT", 6379), env.int("REDIS_DB", 0)
)
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", "mv"),
        "TIMEOUT": 60 * 60 * 24,
        "OPTIONS": {
            "PASSWORD": secret("redis-password"),
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "motovault.cache"

# Sessions are read from Redis and written through to PostgreSQL, so a Redis restart (it may
# keep nothing on disk) signs nobody out, and pages keep working while Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AUTH_USER_MODEL = "motovault.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Django's own password sign-in: on for development (the demo account), off in production.
PASSWORD_LOGIN_ENABLED = env.bool("PASSWORD_LOGIN_ENABLED", False)

# OpenID Connect (Auth0 or any provider). OIDC_ISSUER is the provider's issuer URL exactly as it
# appears in its tokens' `iss` claim (Auth0: https://<tenant>.auth0.com/). Endpoints come from the
# provider's discovery document (motovault/oidc.py); an endpoint variable set here overrides it.
OIDC_ISSUER = env.str("OIDC_ISSUER", "")
OIDC_ENABLED = bool(OIDC_ISSUER)
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", "Auth0")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = secret("auth0-client-secret", "")
OIDC_AUDIENCE = env.str("OIDC_AUDIENCE", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_JWKS_ENDPOINT", "")
OIDC_OP_END_SESSION_ENDPOINT = env.str("OIDC_END_SESSION_ENDPOINT", "")
# How the client secret reaches the token endpoint: in the form body, or as HTTP Basic
# (RFC 6749 section 2.3.1), which some providers (Authentik's default, Keycloak's option) require.
OIDC_TOKEN_AUTH_METHOD = env.str(
    "OIDC_TOKEN_AUTH_METHOD",
    "client_secret_post",
    validate=lambda v: v in ("client_secret_post", "client_secret_basic"),
)
OIDC_DISCOVERY_CACHE_SECONDS = 60 * 60
OIDC_OP_LOGOUT_URL_METHOD = "motovault.auth.provider_logout_url"
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"audience": OIDC_AUDIENCE} if OIDC_AUDIENCE else {}
OIDC_TIMEOUT = 10
OIDC_JWKS_CACHE_SECONDS = 60 * 60
OIDC_CALLBACK_CLASS = "motovault.auth.CallbackView"
OIDC_AUTHENTICATE_CLASS = "motovault.auth.AuthenticationRequestView"
# How long a signed-out visitor's session lives once they start signing in (see AuthenticationRequestView).
OIDC_SIGN_IN_SECONDS = 15 * 60
# django-axes first: it refuses a locked-out address or account before any backend runs.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.insert(1, "motovault.auth.OIDCBackend")

# The REST API (api/): provider-issued access tokens are accepted for OIDC_AUDIENCE (none when it
# is empty); each token (or session) may make API_RATE_PER_MINUTE requests a minute; a request body
# is at most API_MAX_BODY_BYTES; a page at most API_PAGE_MAX rows. Webhooks are refused private and
# loopback addresses (SSRF) unless WEBHOOK_ALLOW_PRIVATE (the tests' local receiver).
# A provider's access token writes only when its scopes (``scope``, ``scp``, or Auth0's RBAC
# ``permissions``) grant OIDC_API_WRITE_SCOPE; it reads otherwise. Empty: every such token writes.
OIDC_API_WRITE_SCOPE = env.str("OIDC_API_WRITE_SCOPE", "write")
API_RATE_PER_MINUTE = env.int("API_RATE_PER_MINUTE", 120)
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", 64 * 1024)
API_PAGE_SIZE, API_PAGE_MAX = 50, 200
WEBHOOK_ALLOW_PRIVATE = env.bool("WEBHOOK_ALLOW_PRIVATE", False)
WEBHOOK_TIMEOUT = 10

# Sign-in attempts: after SIGNIN_FAILURE_LIMIT failures from one address, or for one account,
# further attempts are refused for SIGNIN_LOCKOUT_MINUTES (a 429 with the lockout page).
AXES_FAILURE_LIMIT = env.int("SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "motovault/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429

# How long an administrator's invitation link stays usable.
INVITATION_DAYS = env.int("INVITATION_DAYS", 7)

# A user's export streams from the request up to this many records; above, the worker builds it.
EXPORT_STREAM_MAX_RECORDS = env.int("EXPORT_STREAM_MAX_RECORDS", 20_000)

# Google's Places API for finding fuel stations (stations/places.py), called from the server
# only. No key (secret `google-maps-api-key`): no provider search, stations are typed in.
GOOGLE_MAPS_API_KEY = secret("google-maps-api-key", "")
GOOGLE_PLACES_URL = env.str("GOOGLE_PLACES_URL", "https://maps.googleapis.com/maps/api/place")
PLACES_TIMEOUT_SECONDS = env.float("PLACES_TIMEOUT_SECONDS", 5.0)
# E-mail (the maintenance digest, when a user adds an address as a channel): Django's SMTP backend.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = secret("email-password", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "MotoVault <motovault@localhost>")
# Each user's digest goes once their day reaches this hour (their time zone).
DIGEST_HOUR = env.int("DIGEST_HOUR", 7)
# Where the site is reached from outside, for links in notifications sent by the worker.
SITE_URL = env.str("SITE_URL", "http://localhost:8000")

# Backups (`manage.py backup`, nightly from the worker): where archives go and how many stay.
BACKUP_DIR = Path(env.str("BACKUP_DIR", str(BASE_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", 14)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Stored files are private: no URL serves MEDIA_ROOT (MEDIA_URL is never routed), only owner-checked
# views. Documents (documents/) have a folder of their own in it, so backups and the compose volume
# hold them too. With a bucket, every stored file goes to S3 instead.
DOCUMENTS_ROOT = Path(env.str("DOCUMENTS_ROOT", str(MEDIA_ROOT / "documents")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": DOCUMENTS_ROOT}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", "") or None,  # an S3-compatible service
        "region_name": env.str("AWS_S3_REGION_NAME", "") or None,
        "default_acl": None,  # the bucket's own (private): nothing is public
        "file_overwrite": False,
        "querystring_auth": True,
        "signature_version": "s3v4",
        # A signed link lives this long: it is handed out only after the owner check.
        "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", 60),
    }
    STORAGES = {
        **STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3},
        "documents": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "documents"}},
    }
# What one uploaded document may weigh.
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", 25 * 1024 * 1024)

# A strict policy: nothing inline, nothing from elsewhere. HTMX is configured through a <meta>
# tag and CSRF travels in hx-headers, so no script needs 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        # Sign-out posts a form that redirects to the provider's end-session page.
        "form-action": [SELF, *([origin(OIDC_OP_END_SESSION_ENDPOINT or OIDC_ISSUER)] if OIDC_ENABLED else [])],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOG_LEVEL = env.str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "motovault.logs.ContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["context"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own request log duplicates ours (motovault.request) without the context.
        "django.server": {"handlers": [], "propagate": False},
        "django.request": {"level": "ERROR"},
        # Start-up chatter of every process (each worker, each gunicorn worker).
        "axes": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
        "procrastinate.blueprints": {"level": "WARNING"},
    },
}

# Prometheus metrics (motovault/metrics.py). METRICS_ENABLED=false leaves the middleware out (the
# benchmark's run without metrics). /metrics answers a bearer token from the secret file
# `metrics-token`, or a request that came through no proxy from one of these networks.
METRICS_ENABLED = env.bool("METRICS_ENABLED", True)
METRICS_ALLOWED_NETWORKS = [ip_network(net) for net in env.list("METRICS_ALLOWED_NETWORKS", ["127.0.0.0/8", "::1/128"])]
PROMETHEUS_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, float("inf"))
if METRICS_ENABLED:
    MIDDLEWARE = [
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
        "motovault.metrics.QueryMetricsMiddleware",  # outside the rest, so the session's queries count
        *MIDDLEWARE,
        "motovault.metrics.ViewMetricsMiddleware",
    ]

# The task queue's worker serves its metrics on this port when set (compose's worker services).
WORKER_METRICS_PORT = env.int("WORKER_METRICS_PORT", 0)
PROCRASTINATE_ON_APP_READY = "motovault.tasks.on_app_ready"
# Form widgets through Jinja2 (Django ships its widget templates for it): rendering each widget
# through the template language was most of a form page's time (quick entry: 12 ms to 7 ms).
FORM_RENDERER = "django.forms.renderers.Jinja2"
