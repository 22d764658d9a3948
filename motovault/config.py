"""Configuration the reference architecture's way.

Service addresses and switches come from environment variables (parsed by ``environs``, whose
casts are strict: ``DEBUG=ture`` raises instead of meaning False). An optional YAML file at
``CONFIG_PATH`` supplies values for variables the environment does not set. Secrets are files
under ``SECRETS_DIR`` (``/run/secrets`` in containers), never values in the repo.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.core.exceptions import ImproperlyConfigured
from environs import Env


def _load_yaml_defaults(environ: os._Environ) -> None:
    """Fill unset variables from the CONFIG_PATH file: the environment always wins."""
    path = environ.get("CONFIG_PATH", "")
    if not path:
        return
    try:
        data = yaml.safe_load(Path(path).read_text()) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ImproperlyConfigured(f"CONFIG_PATH {path!r} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise ImproperlyConfigured(f"CONFIG_PATH {path!r} must hold a mapping of settings")
    for key, value in data.items():
        if isinstance(value, list):
            value = ",".join(str(item) for item in value)
        environ.setdefault(str(key).upper(), str(value))


_load_yaml_defaults(os.environ)
env = Env()


def secret(name: str, default: str | None = None) -> str | None:
    """A secret read from ``SECRETS_DIR/<name>`` (e.g. ``postgres-password``).

    For development a variable named like the file (``POSTGRES_PASSWORD``) is accepted too.
    """
    path = Path(env.str("SECRETS_DIR", "/run/secrets")) / name
    try:
        return path.read_text().strip()
    except (FileNotFoundError, PermissionError):
        return os.environ.get(name.upper().replace("-", "_"), default)


def origin(url: str) -> str:
    """``https://host:port`` of a URL, for security headers that list origins."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
