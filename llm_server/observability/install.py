"""`install_observability(app)`: the /metrics route, request accounting, run-time gauges."""

from __future__ import annotations

import weakref
from functools import cache

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily
from starlette.requests import Request
from starlette.responses import Response

from llm_server.observability.middleware import RequestMetricsMiddleware
from llm_server.observability.series import metrics


def install_observability(app: FastAPI) -> None:
    """Call once in create_app, before the request-id middleware is added (so it runs inside it)."""
    app.add_middleware(RequestMetricsMiddleware)
    app.add_api_route("/metrics", metrics_endpoint, methods=["GET"], include_in_schema=False)
    _runtime_collector().app = weakref.ref(app)


async def metrics_endpoint(_: Request) -> Response:
    """Prometheus text exposition of every llm_server series."""
    return Response(generate_latest(metrics().registry), media_type=CONTENT_TYPE_LATEST)


class RuntimeCollector:
    """Read at scrape time from app.state.runtime: dependency readiness and the LLM in use."""

    def __init__(self):
        self.app = lambda: None

    def collect(self):
        runtime = getattr(getattr(self.app(), "state", None), "runtime", None)
        up = GaugeMetricFamily("llm_dependency_up", "1 when a dependency answered its last start-up check",
                               labels=["dependency"])
        info = InfoMetricFamily("llm_backend", "The LLM backend serving chat")
        if runtime is not None:
            for name, status in runtime.status.items():
                up.add_metric([name], 1.0 if status.ok else 0.0)
            llm = runtime.llm
            info.add_metric([], {"backend": str(getattr(llm, "name", "unknown")),
                                 "model": str(getattr(llm, "model", "unknown"))})
        yield up
        yield info
        yield from _slot_families(getattr(getattr(self.app(), "state", None), "generation_slots", None))


def _slot_families(slots):
    """Admission control (llm_server/concurrency.py): turns running, waiting, refused with 503."""
    if slots is None:
        return
    stats = slots.stats()
    gauge = GaugeMetricFamily("llm_generation_slots", "Chat turns by slot state (MAX_CONCURRENT_GENERATIONS, MAX_QUEUE)",
                              labels=["state"])
    for state in ("active", "waiting", "limit", "queue"):
        gauge.add_metric([state], float(stats.get(state, 0)))
    yield gauge
    yield CounterMetricFamily("llm_generation_refused", "Chat turns refused with 503 overloaded (slots and queue full)",
                              value=float(stats.get("refused", 0)))


def current_backend() -> str:
    """The serving LLM backend's name (`llamacpp`, `ollama`, `openai`), for metric labels."""
    runtime = getattr(getattr(_runtime_collector().app(), "state", None), "runtime", None)
    return str(getattr(getattr(runtime, "llm", None), "name", None) or "unknown")


@cache
def _runtime_collector() -> RuntimeCollector:
    collector = RuntimeCollector()
    metrics().registry.register(collector)
    return collector
