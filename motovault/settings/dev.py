"""Development: what `make run` serves on 127.0.0.1:8000, with the demo account's password sign-in."""

from motovault.config import env

from .common import *  # noqa: F403
from .common import STORAGES

DEBUG = env.bool("DEBUG", True)
# A development-only key; prod refuses to start without a real one.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
PASSWORD_LOGIN_ENABLED = env.bool("PASSWORD_LOGIN_ENABLED", True)
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # served from the source folders; collectstatic is for production
