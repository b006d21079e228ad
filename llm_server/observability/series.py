"""The llm_server's Prometheus series and the small functions the app calls to feed them.

One registry per process, built on first use (nothing is registered at import). Every
series is named here, so docs/operations.md and the Grafana dashboard have one source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector

# Latency buckets (seconds) from a 10 ms grounded answer to a 60 s CPU generation.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 20, 30, 60)
RETRIEVAL_BUCKETS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2, 5)
RATE_BUCKETS = (1, 2, 5, 10, 20, 35, 50, 75, 100, 150, 250, 500, 1000)
RTF_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 4, 8)


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry
    requests: Counter
    request_seconds: Histogram
    ttft: Histogram
    answer_seconds: Histogram
    tokens_per_second: Histogram
    tokens: Counter
    retrieval: Histogram
    queue_wait: Histogram
    active_streams: Gauge
    stream_outcomes: Counter
    stt_rtf: Histogram
    tts_rtf: Histogram
    backend_errors: Counter


def build_metrics(registry: CollectorRegistry | None = None) -> Metrics:
    r = registry or CollectorRegistry()
    ProcessCollector(registry=r)  # process_cpu_seconds_total, process_resident_memory_bytes, ...
    return Metrics(
        registry=r,
        requests=Counter("llm_http_requests_total", "HTTP requests by route template, method and status",
                         ["route", "method", "status"], registry=r),
        request_seconds=Histogram("llm_http_request_duration_seconds",
                                  "Time to the response's first byte (status line), by route template",
                                  ["route", "method"], buckets=LATENCY_BUCKETS, registry=r),
        ttft=Histogram("llm_chat_ttft_seconds", "Chat turn: request to first answer token",
                       ["mode", "transport"], buckets=LATENCY_BUCKETS, registry=r),
        answer_seconds=Histogram("llm_chat_answer_seconds", "Chat turn: request to the done event",
                                 ["mode", "transport"], buckets=LATENCY_BUCKETS, registry=r),
        tokens_per_second=Histogram("llm_chat_tokens_per_second",
                                    "Answer pieces per second after the first one, per turn",
                                    ["mode", "backend"], buckets=RATE_BUCKETS, registry=r),
        tokens=Counter("llm_chat_tokens_total", "Answer pieces streamed", ["mode", "backend"], registry=r),
        retrieval=Histogram("llm_retrieval_seconds", "Retrieval (topic gate, hybrid search, filters) per turn",
                            buckets=RETRIEVAL_BUCKETS, registry=r),
        queue_wait=Histogram("llm_queue_wait_seconds", "Wait for the LLM engine before generation starts",
                             ["backend"], buckets=LATENCY_BUCKETS, registry=r),
        active_streams=Gauge("llm_active_streams", "Chat answers being streamed now", ["transport"], registry=r),
        stream_outcomes=Counter("llm_chat_streams_total", "Chat streams by how they ended",
                                ["transport", "outcome"], registry=r),
        stt_rtf=Histogram("llm_stt_real_time_factor", "Speech-to-text seconds per second of audio",
                          ["engine"], buckets=RTF_BUCKETS, registry=r),
        tts_rtf=Histogram("llm_tts_real_time_factor", "Text-to-speech seconds per second of audio produced",
                          ["engine"], buckets=RTF_BUCKETS, registry=r),
        backend_errors=Counter("llm_backend_errors_total",
                               "Failures of a dependency during a request (LLM, vector store, sessions, speech)",
                               ["code"], registry=r),
    )


@cache
def metrics() -> Metrics:
    """The process's metrics, created on first use."""
    return build_metrics()


# --- what the app calls -------------------------------------------------------------

def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    m = metrics()
    m.requests.labels(route, method, str(status)).inc()
    m.request_seconds.labels(route, method).observe(seconds)


def observe_ttft(seconds: float, mode: str = "unknown", transport: str = "sse") -> None:
    metrics().ttft.labels(mode, transport).observe(seconds)


def observe_answer(seconds: float, mode: str = "unknown", transport: str = "sse") -> None:
    metrics().answer_seconds.labels(mode, transport).observe(seconds)


def observe_tokens(count: int, generation_seconds: float, mode: str = "unknown", backend: str = "unknown") -> None:
    """`count` pieces streamed, the last `count - 1` of them over `generation_seconds`."""
    m = metrics()
    m.tokens.labels(mode, backend).inc(count)
    if count > 1 and generation_seconds > 0:
        m.tokens_per_second.labels(mode, backend).observe((count - 1) / generation_seconds)


def observe_retrieval(seconds: float) -> None:
    metrics().retrieval.observe(seconds)


def observe_queue_wait(seconds: float, backend: str = "unknown") -> None:
    metrics().queue_wait.labels(backend).observe(seconds)


def observe_stt(processing_s: float, audio_s: float, engine: str = "unknown") -> None:
    if audio_s > 0:
        metrics().stt_rtf.labels(engine).observe(processing_s / audio_s)


def observe_tts(processing_s: float, audio_s: float, engine: str = "unknown") -> None:
    if audio_s > 0:
        metrics().tts_rtf.labels(engine).observe(processing_s / audio_s)


def observe_backend_error(code: str) -> None:
    metrics().backend_errors.labels(code).inc()
