"""Settings shared by every environment; values that differ come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A form sent without a valid token gets a French page; the comment forms come back filled in.
CSRF_FAILURE_VIEW = "mission_site.views.csrf_failure"

INSTALLED_APPS = [
    "home",
    "hearings",
    "accessibility",
    "questions",
    "events",
    "search",
    "hardening",
    "stats",
    "proposals",
    "opendata",
    "wagtail.api.v2",
    "django_comments_xtd",
    "django_comments",
    "discussion",
    "dsfr",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # After wagtail.snippets: its ready() connects listeners to the snippet models, known by then.
    "frontcache",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "axes",
    "csp",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.sites",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Says what a shared cache (Varnish, a CDN) may keep (frontcache/middleware.py): outside the
    # session, CSRF and messages middlewares, to see the cookies they set.
    "frontcache.middleware.CacheControlMiddleware",
    "hardening.middleware.DatabaseUnavailableMiddleware",
    "hardening.middleware.AdminDatabaseErrorMiddleware",
    "hardening.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mission_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mission_site.context_processors.site_identity",
                "home.context_processors.site_clock",
            ],
        },
    },
]

WSGI_APPLICATION = "mission_site.wsgi.application"

# Database: an SQLite file beside the project unless DATABASE_URL says otherwise
# (postgres://user@host:5432/name uses psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# A database that hangs (rather than refusing connections) must not hold every worker until
# gunicorn's timeout: give up connecting after a few seconds and answer the French 503 page.
if "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "2")
    )
# SQLite (the embedded default of `make run`): readers never wait for a writer (WAL), a write
# transaction takes the write lock when it begins (IMMEDIATE), so that two writers queue instead of
# one failing with « database is locked » halfway through, and a writer waits up to 20 s for it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# After a database error, each process answers the 503 page at once for this many seconds
# (hardening/middleware.py) before trying the database again.
DATABASE_RETRY_SECONDS = float(os.environ.get("DATABASE_RETRY_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "hardening.backends.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first: the public site and the Wagtail admin speak French.
LANGUAGE_CODE = "fr-fr"
# The project's French wording of a few admin strings (locale/fr/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1000 fields in the Wagtail editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: console in development, SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Mission culture-acte 2 <ne-pas-repondre@culture-acte2.fr>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work (mails to subscribers, search documents) goes through Django's task framework,
# queued in the database and run by `manage.py db_worker` beside the web server (`make run` starts
# one; docs/tasks.md), so that no request waits for a mail. The tests run tasks at once (test.py).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Caches (docs/caching.md). Without REDIS_URL, each process keeps its own in memory.
# - "default": Wagtail's own (site root paths...).
# - "fragments": what only the team changes (frontcache/fragments.py). Both are evictable: their
#   Redis may run with `maxmemory-policy allkeys-lru`.
# - "counters": rate limits (hardening/ratelimit.py) and the day's visitor digests (stats/
#   counting.py), which must never be evicted: REDIS_COUNTERS_URL, a Redis (or database number)
#   of their own with `maxmemory-policy noeviction`; REDIS_URL when unset.
# Redis answers in well under a millisecond: a short socket timeout bounds what a Redis that
# hangs costs a call, and frontcache.backends.FailSafeRedisCache answers as a miss when it fails,
# then leaves that Redis alone for REDIS_RETRY_SECONDS (one timeout per process, not per call).
# Login lockouts (django-axes) are in PostgreSQL.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_COUNTERS_URL = os.environ.get("REDIS_COUNTERS_URL", "") or REDIS_URL
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.25"))
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "30"))


def cache_settings(name, url):
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    return {
        "BACKEND": "frontcache.backends.FailSafeRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": name,
        "RETRY_SECONDS": REDIS_RETRY_SECONDS,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT, "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT},
    }


CACHES = {
    "default": cache_settings("default", REDIS_URL),
    "fragments": cache_settings("fragments", REDIS_URL),
    "counters": cache_settings("counters", REDIS_COUNTERS_URL),
}
FRAGMENT_CACHE_ALIAS = "fragments"
FRAGMENT_CACHE_RETRY_SECONDS = REDIS_RETRY_SECONDS
RATE_LIMIT_CACHE_ALIAS = "counters"

# Public pages are cached by a proxy in front of the site (Varnish, deploy/varnish/, or a CDN),
# as `Cache-Control` allows (frontcache/middleware.py, docs/caching.md): CACHE_CONTROL_S_MAXAGE
# seconds in the shared cache, which bounds the staleness of what no purge reports (time-based
# statuses, visit figures, the main menu on other pages); it must stay well under the 2 hours for
# which a comment form's timestamp is accepted. Browsers revalidate every time (max-age 0), so
# that a visitor sees their like or their comment on coming back.
CACHE_CONTROL_S_MAXAGE = int(os.environ.get("CACHE_CONTROL_S_MAXAGE", "300"))
CACHE_CONTROL_MAX_AGE = int(os.environ.get("CACHE_CONTROL_MAX_AGE", "0"))
# What pages read and only the team changes (menu, hearing facets, key figures...), kept in the
# cache until the next edit (frontcache/fragments.py) and FRAGMENT_CACHE_TIMEOUT seconds at most.
# It needs a cache shared by every process: production turns it off without REDIS_URL.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", True)
FRAGMENT_CACHE_TIMEOUT = int(os.environ.get("FRAGMENT_CACHE_TIMEOUT", "300"))

# Frontend cache (Varnish or a CDN) purged on publish, comments, snippet edits... (frontcache/
# purges.py); off unless configured. FRONTEND_CACHE_URL: a proxy that accepts PURGE requests
# (Varnish with deploy/varnish/default.vcl), e.g. http://127.0.0.1:6081; Cloudflare:
# FRONTEND_CACHE_CLOUDFLARE_ZONEID and FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN (CloudFront:
# docs/caching.md).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
    }

# Client address for rate limits and lockouts: REMOTE_ADDR, unless the site runs behind this
# many trusted proxies that append to X-Forwarded-For (see hardening/client.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Searches per client address: (count, seconds). A person searches a few times a minute; a
# scraper walking every facet combination does not get far.
SEARCH_RATE_LIMIT = (60, 60)
# The read-only API (/api/v2/, opendata/api.py): requests per client per minute.
API_RATE_LIMIT = (120, 60)
SEARCH_SUGGESTIONS_RATE_LIMIT = (300, 60)
# Searches are counted for the admin's search terms report in memory and written every this many
# seconds per process, and when it exits (search/hits.py); 0 writes each search at once.
SEARCH_HITS_FLUSH_SECONDS = int(os.environ.get("SEARCH_HITS_FLUSH_SECONDS", "10"))

# Admin login brute force: 5 failures for one username from one client (an IPv4 address or an
# IPv6 /64, hardening.client.client_key) lock that pair out for
# 15 minutes. Locking on the pair means an attacker who knows an editor's username cannot lock
# the editor out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "hardening.client.client_key"  # IPv6 grouped by /64
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "hardening/lockout.html"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Admin password reset mails: (count, seconds) per client and per account (hardening/password_reset.py).
WAGTAILADMIN_USER_LOGIN_FORM = "mission_site.admin_login.LoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "hardening.password_reset.PasswordResetForm"  # noqa: S105 - a class path
PASSWORD_RESET_MAILS_PER_CLIENT = (5, 3600)
PASSWORD_RESET_MAILS_PER_ACCOUNT = (3, 24 * 3600)

# Content-Security-Policy for public pages: only the site's own scripts and styles (DSFR is served
# from our static files). The Wagtail admin and its preview use inline code: they are left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        # The players of hosted videos, loaded only when the visitor clicks (hearings/video.py).
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://www.dailymotion.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Mission culture-acte 2"
# The admin's dashboard would otherwise ask releases.wagtail.org for new versions: no third-party calls.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Public URLs are French but ASCII: « Déplacement à Lille » gets /deplacement-a-lille/, not %C3%A9...
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search. The public search (/recherche/) reads its own documents (search/models.py, see
# docs/search.md). WAGTAILSEARCH_BACKENDS serves Wagtail's admin search: its database backend,
# with the French accent-insensitive configuration of search/migrations/0001 on PostgreSQL
# (SQLite ignores it). A large deployment may use OpenSearch or Elasticsearch through SEARCH_URL:
# then both the admin search and the public search's matching go through it.
PUBLIC_SEARCH_OUTSIDE_ENGINE = bool(os.environ.get("SEARCH_URL"))
if PUBLIC_SEARCH_OUTSIDE_ENGINE:
    # e.g. SEARCH_BACKEND=modelsearch.backends.opensearch2 SEARCH_URL=https://search.internal:9200
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "modelsearch.backends.elasticsearch8"),
            "URLS": env_list("SEARCH_URL"),
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "mission_"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "french_unaccent",
        }
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always downloaded as attachments, never rendered by the browser on our origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry scripts
# Clearer French messages for refused uploads (hardening/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "hardening.forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "hardening.forms.DocumentForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No Gravatar: it would publish a hash of each user's email and call a third party from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Comments (django-comments-xtd; see discussion/ and docs/comments.md).
# The Django Site below is kept in step with Wagtail's default site by discussion.signals.
SITE_ID = 1
COMMENTS_APP = "discussion"
COMMENTS_XTD_MODEL = "discussion.models.DiscussionComment"
COMMENTS_XTD_FORM_CLASS = "discussion.forms.CommentForm"
# Levels 0, 1 and 2: a comment, a reply, a reply to a reply.
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {"who_can_post": "all", "allow_flagging": True, "allow_feedback": True, "show_feedback": True}
}
COMMENT_MAX_LENGTH = 3000
# Django 5.2 warns unless URLField's scheme default is chosen explicitly (comment "url" field).
FORMS_URLFIELD_ASSUME_HTTPS = True
DISCUSSION_RATE_LIMITS = {"per_minute": 5, "per_day": 50}
DISCUSSION_CONFIRMATION_MAX_AGE = 7 * 24 * 3600
DISCUSSION_CONFIRMATION_MAILS_PER_DAY = 3  # to one address, whoever posts (as subscriptions)
DISCUSSION_FLAGS_PER_HOUR = 20
DISCUSSION_FLAGS_TO_HIDE = 3
DISCUSSION_MAX_LINKS = 2
DISCUSSION_THREADS_PER_PAGE = 30

# Public identity of the site, used by templates and mails.
MISSION_NAME = "Mission culture-acte 2"
# The licence of the published contents and data (exports, feeds, « Données ouvertes », comments).
OPEN_LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
MISSION_TAGLINE = "Concertation sur les contenus numériques et la politique culturelle à l’ère du numérique"

# DSFR: the static assets ship with django-dsfr and are served by the site itself.
DSFR_USE_INTEGRITY_CHECKSUMS = True

# Audience measurement (stats/counting.py): the cache that holds the day's salt and visitor
# digests (shared by all workers in production, or each worker counts its own visitors). The
# visitor's address comes from hardening.client (TRUSTED_PROXY_COUNT behind a proxy).
STATS_CACHE_ALIAS = os.environ.get("STATS_CACHE_ALIAS", "counters")
# Page-view beacons per client address: (count, seconds). A reader opens a few pages a minute.
VISIT_BEACON_RATE_LIMIT = (120, 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


def require_env(name):
    """Read a variable that production cannot do without, and say which one is missing."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is missing: production settings refuse to start "
            "without it (see .env.example)."
        )
    return value
