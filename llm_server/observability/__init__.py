"""Observability: Prometheus metrics (/metrics), chat-stream accounting, JSON logs with request ids."""

from llm_server.observability.install import install_observability
from llm_server.observability.logs import configure_logging
from llm_server.observability.series import (
    metrics,
    observe_answer,
    observe_backend_error,
    observe_queue_wait,
    observe_retrieval,
    observe_stt,
    observe_tokens,
    observe_ttft,
    observe_tts,
)
from llm_server.observability.streams import observed

__all__ = [
    "configure_logging",
    "install_observability",
    "metrics",
    "observe_answer",
    "observe_backend_error",
    "observe_queue_wait",
    "observe_retrieval",
    "observe_stt",
    "observe_tokens",
    "observe_ttft",
    "observe_tts",
    "observed",
]
