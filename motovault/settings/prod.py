"""Production: refuses to start without what it needs, cookies only over HTTPS."""

from django.core.exceptions import ImproperlyConfigured

from motovault.config import env

from .common import *  # noqa: F403
from .common import SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "No Django secret key: put one in $SECRETS_DIR/django-secret-key (or DJANGO_SECRET_KEY)."
    )

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 0)

# Documents on S3 when a bucket is configured; the web container then keeps no files at all.
if env.str("AWS_STORAGE_BUCKET_NAME", ""):
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}  # noqa: F405
