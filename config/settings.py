"""Theorycraft settings: everything comes from the environment, read once here.

THEORYCRAFT_ENV selects the mode:
- development (default): DEBUG on, a development secret key, embedded PostgreSQL and Redis
  when DATABASE_URL / REDIS_URL are unset;
- production: DEBUG off, SECRET_KEY and ALLOWED_HOSTS required, HTTPS-only cookies and HSTS;
  `manage.py check --deploy` is clean.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


class StrictEnv(environ.Env):
    """django-environ, except that a value which does not parse stops the start and names its variable.

    Plain django-environ reads any unknown boolean ("ture", "perhaps") as False and reports a bad
    integer without saying which variable held it.
    """

    TRUE_STRINGS = ("1", "true", "yes", "on")
    FALSE_STRINGS = ("0", "false", "no", "off")

    @classmethod
    def parse_value(cls, value, cast):  # type: ignore[no-untyped-def]
        if cast is bool and isinstance(value, str):
            text = value.strip().lower()
            if text in cls.TRUE_STRINGS:
                return True
            if text in cls.FALSE_STRINGS:
                return False
            raise ValueError(f"expected one of {', '.join(cls.TRUE_STRINGS + cls.FALSE_STRINGS)}, not {value!r}")
        return super().parse_value(value, cast)

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):  # type: ignore[no-untyped-def]
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except (TypeError, ValueError) as exc:
            raise ImproperlyConfigured(f"{var}: {exc}") from exc


env = StrictEnv()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

ENVIRONMENT = env.str("THEORYCRAFT_ENV", default="development")
if ENVIRONMENT not in ("development", "production"):
    raise ImproperlyConfigured(f"THEORYCRAFT_ENV must be development or production, not {ENVIRONMENT!r}")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")  # no default: production refuses to start without one
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("production needs ALLOWED_HOSTS (comma-separated host names)")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-insecure-key-do-not-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not env.str("DATABASE_URL", default="") or not env.str("REDIS_URL", default=""):
    if PRODUCTION:
        raise ImproperlyConfigured("production needs DATABASE_URL and REDIS_URL")
    from config import embedded

    embedded.ensure_environment()

DATABASES = {"default": env.db_url("DATABASE_URL")}
if DATABASES["default"].get("HOST", "").startswith("%2F"):
    # A Unix socket directory, percent-encoded in the URL (the embedded server uses one).
    from urllib.parse import unquote

    DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"])
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env.bool("DATABASE_POOL", default=False):
    # psycopg's pool replaces persistent connections; it needs CONN_MAX_AGE = 0.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN", default=2),
        "max_size": env.int("DATABASE_POOL_MAX", default=10),
    }
REDIS_URL = env.str("REDIS_URL")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "channels",
    "core",
    "accounts",
    "theories",
    "voting",
    "moderation",
    "notifications",
    "trends",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RejectNulCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.site",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production, serve static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Request size: bodies are at most 20,000 characters; anything much larger is refused with 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=256 * 1024)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "theorycraft",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}

CHANNEL_LAYERS = {
    "default": {
        # The pub/sub layer: one Redis connection per process, cheap group fan-out.
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        # Pub/sub channels ignore Redis database numbers: the prefix carries it, so two deployments
        # (or test runs) on one Redis server with different databases never hear each other.
        "CONFIG": {"hosts": [REDIS_URL], "prefix": f"theorycraft{urlparse(REDIS_URL).path.strip('/') or '0'}"},
    }
}

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_EXPIRES = 86400
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE: dict[str, dict] = {}

# A visitor's first page of a theory list is served from Redis for this many milliseconds (theories/api/theories.py).
THEORY_LIST_CACHE_MS = env.int("THEORY_LIST_CACHE_MS", default=1000 if PRODUCTION else 0)
if THEORY_LIST_CACHE_MS < 0:
    raise ImproperlyConfigured("THEORY_LIST_CACHE_MS must be 0 or more")

# Trends (trends/tasks.py): a snapshot of every series and window each TRENDS_REFRESH_SECONDS (the tick its data
# is cut at), and a daily prune of old snapshots and rollups.
TRENDS_REFRESH_SECONDS = env.int("TRENDS_REFRESH_SECONDS", default=600)
if not 60 <= TRENDS_REFRESH_SECONDS <= 86400:
    raise ImproperlyConfigured("TRENDS_REFRESH_SECONDS must be between 60 and 86400")
CELERY_BEAT_SCHEDULE.update(
    {
        "trends-snapshots": {"task": "trends.schedule_snapshots", "schedule": float(TRENDS_REFRESH_SECONDS)},
        "trends-prune": {"task": "trends.prune", "schedule": 86400.0},
    }
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated API call gets 401 with WWW-Authenticate: Token.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append("rest_framework.renderers.BrowsableAPIRenderer")

SPECTACULAR_SETTINGS = {
    "TITLE": "Theorycraft API",
    "DESCRIPTION": "Plot theories about a series: post, tag, vote, discuss; rulings by official news; trends.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the installed package, served by the app: no CDN, and the CSP allows it.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Choice sets sharing a field name: what can be flagged or followed (`target_type`), notification
    # kinds beside tag kinds (`kind`, whose tag set keeps the name KindEnum).
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "theories.models.Tag.Kind",
        "FlagTargetTypeEnum": "moderation.models.TargetType",
        "FollowTargetTypeEnum": "notifications.models.Follow.TargetType",
        "NotificationKindEnum": "notifications.models.Notification.Kind",
    },
}

# Content Security Policy: no inline script anywhere; everything is served by the app itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

# Per-user rate limits ("count/period", period s, m, h or d, e.g. 10/5m); see core/ratelimit.py.
RATE_LIMITS = {
    "vote": env.str("RATE_LIMIT_VOTE", default="60/m"),
    "theory": env.str("RATE_LIMIT_THEORY", default="10/h"),
    "comment": env.str("RATE_LIMIT_COMMENT", default="30/10m"),
    "flag": env.str("RATE_LIMIT_FLAG", default="20/h"),
}
for _scope, _rate in RATE_LIMITS.items():
    from core.ratelimit import parse_rate

    try:
        parse_rate(_rate)
    except ValueError as _error:
        raise ImproperlyConfigured(f"RATE_LIMIT_{_scope.upper()}: {_error}") from None

# Moderation: an item flagged by this many distinct users is hidden until a moderator reviews it.
FLAG_AUTOHIDE_THRESHOLD = env.int("FLAG_AUTOHIDE_THRESHOLD", default=3)
if FLAG_AUTOHIDE_THRESHOLD < 1:
    raise ImproperlyConfigured("FLAG_AUTOHIDE_THRESHOLD must be at least 1")

# Domain settings.
THEORYCRAFT = {
    "SITE_NAME": "Theorycraft",
    "DEFAULT_SERIES": env.str("DEFAULT_SERIES", default="all-of-us-are-dead"),
}

# --- Sign-in throttling (django-axes; docs/security.md) ---------------------------------------------------------
# AXES_FAILURE_LIMIT failed sign-ins for one username from one IP address lock that pair out for
# AXES_COOLOFF_MINUTES, on the sign-in page and on POST /api/v1/auth/token/ alike; the answer is a 429
# (core/lockout.py), in the JSON error envelope under /api/. Attempts are rows in PostgreSQL (axes' database
# handler), so every web worker sees the same count and moderators can clear them in the admin.
from datetime import timedelta  # noqa: E402

INSTALLED_APPS.append("axes")
# Last, so it sees the lock-out flag that authentication set on the request, whatever answered it.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_VERBOSE = False
# Behind a load balancer every request comes from its address: trust that many X-Forwarded-For hops instead.
AXES_IPWARE_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if AXES_IPWARE_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
# The address for lock-outs and sign-up limits alike, honouring TRUSTED_PROXY_COUNT (without django-ipware).
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
# Sign-ups per client IP address (core/ratelimit.py), which bounds probing the sign-up form for registered emails.
RATE_LIMITS["signup"] = env.str("RATE_LIMIT_SIGNUP", default="20/h")
try:
    parse_rate(RATE_LIMITS["signup"])
except ValueError as _error:
    raise ImproperlyConfigured(f"RATE_LIMIT_SIGNUP: {_error}") from None
