"""Production: every secret comes from the environment, and HTTPS is assumed.

The site sits behind a TLS-terminating proxy that sets X-Forwarded-Proto; see docs/production.md.
"""

from .base import *  # noqa: F403
from .base import env_bool, require_env

DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
if SECRET_KEY.startswith(("dev-only", "django-insecure")) or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(  # noqa: F405
        "The environment variable SECRET_KEY must be a long random value (50 characters or more), "
        "not a development key."
    )
ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]

DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405

# WhiteNoise serves the hashed, compressed static files (DSFR included) right after security.
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

# HTTPS everywhere.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# Wagtail's preview view sets SAMEORIGIN for itself, so everything else can refuse framing.
X_FRAME_OPTIONS = "DENY"

# What the pages read and only the team changes (menu, facets...: frontcache.fragments) is
# renewed through the cache: without a cache shared by every process (REDIS_URL), an edit made in
# one process would leave the others showing stale fragments, so it is read from the database.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", bool(REDIS_URL))  # noqa: F405

WAGTAILADMIN_BASE_URL = require_env("WAGTAILADMIN_BASE_URL")

LOGGING["loggers"] = {  # noqa: F405
    "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
}
