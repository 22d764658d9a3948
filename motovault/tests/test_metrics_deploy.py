"""The alert rules and the Grafana dashboard in deploy/ ask for metrics the app really exports, by
labels they really have, and cover what the operator was promised."""

import json
import re
import shutil
import subprocess

import pytest
import yaml
from django.conf import settings
from django_prometheus.middleware import Metrics
from prometheus_client import REGISTRY

DEPLOY = settings.BASE_DIR / "deploy"
ALERTS = DEPLOY / "prometheus" / "alerts.yml"
DASHBOARD = DEPLOY / "grafana" / "motovault-dashboard.json"
SELECTOR = re.compile(r"\b((?:django|motovault)_[a-z_]+)(\{[^}]*\})?")
SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}


def exported() -> dict[str, set[str]]:
    """Every sample name this process can export, with the label names it carries."""
    import motovault.metrics  # noqa: F401  (ours, registered on import)

    Metrics.get_instance()  # django-prometheus' own, registered with its middleware
    names = {}
    for collector in list(REGISTRY._collector_to_names):
        labels = set(getattr(collector, "_labelnames", ()))
        for family in collector.collect():
            for suffix in SUFFIXES.get(family.type, ()):
                names[family.name + suffix] = labels | ({"le"} if suffix == "_bucket" else set())
    return names


def alert_rules() -> list[dict]:
    return [rule for group in yaml.safe_load(ALERTS.read_text())["groups"] for rule in group["rules"]]


def dashboard_queries() -> dict[str, list[str]]:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return {panel["title"]: [target["expr"] for target in panel["targets"]] for panel in panels}


def queries() -> list[str]:
    return [rule["expr"] for rule in alert_rules()] + [e for exprs in dashboard_queries().values() for e in exprs]


@pytest.mark.parametrize("query", queries())
def test_every_query_names_exported_metrics_and_their_labels(query):
    names = exported()
    found = SELECTOR.findall(query)
    assert found or query.startswith("up{"), query  # up: Prometheus' own, one per scrape target
    for name, selector in found:
        assert name in names, f"{name} is not exported"
        used = set(re.findall(r"(\w+)\s*(?:=~|!=|!~|=)", selector))
        assert used <= names[name], f"{name} has no label {used - names[name]}"


def test_the_alerts_cover_errors_latency_failing_jobs_and_a_missed_backup():
    rules = {rule["alert"]: rule["expr"] for rule in alert_rules()}
    assert 'status=~"5.."' in rules["MotoVaultHigh5xxRate"]
    assert "histogram_quantile(0.95" in rules["MotoVaultSlowPages"]
    assert 'outcome="failed"' in rules["MotoVaultJobsFailing"]
    assert "absent(motovault_backup_last_success_timestamp_seconds)" in rules["MotoVaultBackupMissed"]


def test_the_dashboard_has_the_panels_the_issue_lists():
    text = " ".join(" ".join(exprs) for exprs in dashboard_queries().values())
    for metric in (
        "django_http_responses_total_by_status_view_method_total",
        "django_http_requests_latency_seconds_by_view_method_bucket",
        "motovault_http_request_queries_sum",
        "motovault_http_request_query_seconds_sum",
        "motovault_cache_requests_total",
        "motovault_sign_in_refusals_total",
        "motovault_import_rows_total",
        "motovault_import_duration_seconds_bucket",
        "motovault_jobs_total",
        "motovault_job_duration_seconds_bucket",
        "motovault_notifications_total",
        "motovault_oldest_waiting_job_age_seconds",
    ):
        assert metric in text, metric


@pytest.mark.skipif(not shutil.which("promtool"), reason="promtool is not installed (apt-get install prometheus)")
def test_promtool_accepts_the_rules_and_the_dashboards_queries(tmp_path):
    """The dashboard's queries checked as rules, with Grafana's interval variable filled in."""
    dashboard = [
        {"record": f"motovault:panel{i}", "expr": expr.replace("$__rate_interval", "5m")}
        for i, expr in enumerate(e for exprs in dashboard_queries().values() for e in exprs)
    ]
    (tmp_path / "dashboard.yml").write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": dashboard}]}))
    for path in (ALERTS, tmp_path / "dashboard.yml"):
        result = subprocess.run(["promtool", "check", "rules", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    config = subprocess.run(
        ["promtool", "check", "config", str(DEPLOY / "prometheus" / "prometheus.yml")], capture_output=True, text=True
    )
    assert config.returncode == 0, config.stdout + config.stderr
