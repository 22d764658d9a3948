"""compose.yaml, the Dockerfile and .dockerignore, checked without Docker: the Compose
specification's JSON schema (shipped with check-jsonschema), then the structure we rely on."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_SERVICES = {"migrate", "web", "worker", "backup"}
LONG_RUNNING = {"traefik", "web", "worker", "backup", "postgres", "redis"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_is_valid_against_the_compose_specification():
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(ROOT / "compose.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_service_of_the_reference_architecture_is_there(compose):
    assert set(compose["services"]) == LONG_RUNNING | {"migrate", "prometheus"}
    assert compose["services"]["traefik"]["image"].startswith("traefik:v3")
    assert compose["services"]["postgres"]["image"].startswith("postgres:15")
    assert compose["services"]["redis"]["image"].startswith("redis:7")
    assert "--appendonly" in compose["services"]["redis"]["command"]


def test_every_long_running_service_has_a_health_check(compose):
    for name in LONG_RUNNING:
        assert compose["services"][name]["healthcheck"]["test"], name


def test_migrations_run_once_and_everything_else_waits_for_them(compose):
    services = compose["services"]
    assert services["migrate"]["restart"] == "no"
    assert "migrate" in " ".join(services["migrate"]["command"]) and "import_catalog" in " ".join(
        services["migrate"]["command"]
    )
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in APP_SERVICES - {"migrate"}:
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy", name
    assert services["web"]["depends_on"]["redis"]["condition"] == "service_healthy"
    entrypoint = (ROOT / "deploy/entrypoint.sh").read_text()
    assert "migrate" not in entrypoint.split("set -e", 1)[1]


def test_networks_keep_the_database_internal(compose):
    assert compose["networks"]["database"]["internal"] is True
    services = compose["services"]
    assert set(services["traefik"]["networks"]) == {"frontend", "backend"}
    # monitoring: internal, where Prometheus scrapes web and the workers (Traefik is not on it).
    assert compose["networks"]["monitoring"]["internal"] is True
    assert set(services["web"]["networks"]) == {"backend", "database", "monitoring"}
    for name in ("worker", "backup"):
        assert set(services[name]["networks"]) == {"database", "monitoring"}, name
    for name in ("postgres", "redis", "migrate"):
        assert services[name]["networks"] == ["database"], name
    assert services["prometheus"]["networks"] == ["monitoring"]
    for name in ("postgres", "redis", "web", "worker", "backup"):
        assert "ports" not in services[name], name


def test_traefik_routes_by_host_redirects_to_https_and_terminates_tls(compose):
    command = compose["services"]["traefik"]["command"]
    assert "--entrypoints.web.http.redirections.entrypoint.to=websecure" in command
    assert any(flag.startswith("--certificatesresolvers.le.acme") for flag in command)
    labels = compose["services"]["web"]["labels"]
    assert "traefik.http.routers.motovault.rule=Host(`${MOTOVAULT_HOST}`) && !PathPrefix(`/metrics`)" in labels
    assert "traefik.http.routers.motovault.tls=true" in labels


def test_secrets_are_files_and_data_lives_in_named_volumes(compose):
    assert all("file" in secret for secret in compose["secrets"].values())
    assert set(compose["volumes"]) >= {"postgres_data", "redis_data", "documents", "backups"}
    assert "postgres_data:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    assert "backups:/backups" in compose["services"]["backup"]["volumes"]
    assert "documents:/app/media:ro" in compose["services"]["backup"]["volumes"]
    assert compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/postgres-password"


def test_every_variable_compose_reads_is_in_env_example(compose):
    used = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "compose.yaml").read_text()))
    example = (ROOT / ".env.example").read_text()
    defined = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert used <= defined, used - defined


def test_the_image_is_multi_stage_non_root_and_has_no_compiler():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", dockerfile, flags=re.MULTILINE)[1:]
    assert len(stages) >= 2
    final = stages[-1]
    assert re.search(r"^USER (?!root)\S+", final, re.MULTILINE)
    assert not re.search(r"gcc|build-essential|g\+\+|clang|-dev\b", final)
    assert "COPY --from=build" in final


def test_dockerignore_keeps_secrets_data_and_tooling_out_of_the_image():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "secrets", "media", "backups", ".env"} <= ignored
