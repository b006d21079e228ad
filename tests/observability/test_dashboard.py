"""The Grafana dashboard, the Prometheus config and docs/operations.md name only real series."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tests.observability.test_metrics import NAMED_SERIES

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboard.json"
PROMETHEUS = ROOT / "deploy" / "prometheus" / "prometheus.yml"
OPERATIONS = ROOT / "docs" / "operations.md"
# prom-client's default metrics used on the dashboard (collectDefaultMetrics, prefix proxy_)
PROM_CLIENT_DEFAULTS = {"proxy_process_resident_memory_bytes", "proxy_nodejs_eventloop_lag_p99_seconds",
                        "proxy_process_cpu_seconds_total"}
PROCESS = {"process_resident_memory_bytes", "process_cpu_seconds_total"}
# read at scrape time from app.state.generation_slots (asserted in test_app_metrics)
ADMISSION = {"llm_generation_slots", "llm_generation_refused_total"}
SERIES = re.compile(r"\b((?:llm|proxy|process)_[a-z0-9_]+)")
NOT_SERIES = {"llm_api_server", "llm_server", "proxy_overhead", "llm_failed", "llm_unavailable"}  # names, error codes


def proxy_series() -> set[str]:
    source = (ROOT / "backend" / "src" / "metrics.js").read_text()
    return set(re.findall(r"name: '(proxy_[a-z_]+)'", source)) | PROM_CLIENT_DEFAULTS


def known() -> set[str]:
    return set(NAMED_SERIES) | proxy_series() | PROCESS | ADMISSION


def referenced(text: str) -> set[str]:
    return {re.sub(r"_(bucket|sum|count)$", "", name) for name in SERIES.findall(text)} - NOT_SERIES


def test_proxy_declares_the_series_the_issue_names():
    assert {"proxy_upstream_latency_seconds", "proxy_open_streams", "proxy_aborts_total",
            "proxy_rate_limited_total", "proxy_http_requests_total"} <= proxy_series()


def test_every_dashboard_query_uses_an_exposed_series():
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    assert len(exprs) >= 15
    used = set().union(*(referenced(e) for e in exprs))
    assert used - known() == set()
    # every llm_server series the issue asks for is on the dashboard
    for name in ("llm_chat_ttft_seconds", "llm_retrieval_seconds", "llm_queue_wait_seconds", "llm_active_streams",
                 "llm_stt_real_time_factor", "llm_tts_real_time_factor", "llm_backend_errors_total",
                 "proxy_upstream_latency_seconds", "proxy_aborts_total", "proxy_rate_limited_total"):
        assert name in used, name


def test_operations_doc_names_only_exposed_series():
    used = referenced(OPERATIONS.read_text())
    assert used - known() == set()
    assert len(used) >= 15


def test_prometheus_scrapes_both_processes_at_their_compose_addresses():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    config = yaml.safe_load(PROMETHEUS.read_text())
    targets = {job["job_name"]: job["static_configs"][0]["targets"] for job in config["scrape_configs"]}
    llm_port = services["llm_api_server"]["environment"]["LLM_API_PORT"]
    proxy_port = services["backend"]["environment"]["BACKEND_PORT"]
    assert targets == {"llm_server": [f"llm_api_server:{llm_port}"], "proxy": [f"backend:{proxy_port}"]}
    prometheus = services["prometheus"]
    assert "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro" in prometheus["volumes"]
    assert not prometheus.get("ports")
