"""Settings: environment, CONFIG_PATH YAML and secret files; production's refusals."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def load_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    """Import a settings module in a fresh interpreter with exactly this environment."""
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; django.setup(); from django.conf import settings as s; print(s.DATABASES['default']['HOST'], s.DATABASES['default']['PASSWORD'], s.PASSWORD_LOGIN_ENABLED, s.SECRET_KEY[:4])"  # noqa: E501
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = load_settings("motovault.settings.prod", SECRETS_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "No Django secret key" in result.stderr


def test_production_reads_secrets_from_files_and_yaml_config(tmp_path):
    (tmp_path / "django-secret-key").write_text("prod-key-from-file\n")
    (tmp_path / "postgres-password").write_text("pg-secret\n")
    config = tmp_path / "production.yml"
    config.write_text(
        "database_host: db.internal\nallowed_hosts: [motovault.example.com]\npassword_login_enabled: false\n"
        "oidc_issuer: https://id.example.com/\noidc_client_id: motovault\n"
    )
    (tmp_path / "auth0-client-secret").write_text("oidc-secret\n")
    result = load_settings("motovault.settings.prod", SECRETS_DIR=str(tmp_path), CONFIG_PATH=str(config))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["db.internal", "pg-secret", "False", "prod"]


def test_the_environment_wins_over_the_yaml_file(tmp_path):
    (tmp_path / "django-secret-key").write_text("k3y!")
    config = tmp_path / "production.yml"
    config.write_text("database_host: from-yaml\nallowed_hosts: [mv.example.com]\npassword_login_enabled: true\n")
    result = load_settings(
        "motovault.settings.prod", SECRETS_DIR=str(tmp_path), CONFIG_PATH=str(config), DATABASE_HOST="from-env"
    )
    assert result.stdout.split()[0] == "from-env"


def test_a_misspelt_boolean_is_an_error_not_false(tmp_path):
    result = load_settings("motovault.settings.dev", SECRETS_DIR=str(tmp_path), PASSWORD_LOGIN_ENABLED="ture")
    assert result.returncode != 0
    assert "PASSWORD_LOGIN_ENABLED" in result.stderr


@pytest.mark.django_db
def test_password_sign_in_is_refused_where_settings_turn_it_off(client, owner, settings):
    settings.PASSWORD_LOGIN_ENABLED = False
    assert "Password" not in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/login/", {"username": "alice", "password": "alice-password-1"})
    assert response.status_code == 404
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
