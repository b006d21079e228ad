"""Chat-stream accounting: one wrapper around a turn's events, whatever the transport."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Protocol

from llm_server.observability import series as m
from llm_server.observability.install import current_backend


class _Event(Protocol):
    event: str
    data: dict


async def observed(events: AsyncIterator[_Event], transport: str, backend: str | None = None) -> AsyncIterator[_Event]:
    """Pass a turn's events through, feeding the chat series from meta, token, done and error.

    Timings come from the turn's own `done` event (measured from the start of the turn);
    the wrapper's clock is the fallback when a turn reports none. Events may be protocol
    models (attributes) or plain objects with a `data` dict.
    """
    backend = backend or current_backend()
    active = m.metrics().active_streams.labels(transport)
    started, first_token, mode, outcome = time.perf_counter(), None, "unknown", "cancelled"
    active.inc()
    try:
        async for event in events:
            if event.event == "meta":
                mode = str(_field(event, "answer_mode") or mode)
            elif event.event == "token" and first_token is None:
                first_token = time.perf_counter()
            elif event.event == "done":
                outcome = "completed"
                _record_done(_field(event, "timings") or {}, started, first_token, mode, transport, backend)
            elif event.event == "error":
                outcome = "failed"
                m.observe_backend_error(str(_field(event, "code") or "unknown"))
            yield event
    except Exception:
        outcome = "failed"
        raise
    finally:
        active.dec()
        m.metrics().stream_outcomes.labels(transport, outcome).inc()


def _field(obj, name: str):
    """`obj.name` for models, `obj.data[name]` / `obj[name]` for plain events and dicts."""
    if isinstance(obj, dict):
        return obj.get(name)
    if name in getattr(type(obj), "model_fields", {}):
        return getattr(obj, name)
    data = getattr(obj, "data", None)
    return data.get(name) if isinstance(data, dict) else None


def _record_done(timings, started: float, first_token: float | None, mode: str, transport: str, backend: str) -> None:
    now = time.perf_counter()
    total_s = _seconds(_field(timings, "total_ms"), now - started)
    ttft_s = _seconds(_field(timings, "ttft_ms"), None if first_token is None else first_token - started)
    if ttft_s is not None:
        m.observe_ttft(ttft_s, mode, transport)
    m.observe_answer(total_s, mode, transport)
    retrieval_s = _seconds(_field(timings, "retrieval_ms"), None)
    if retrieval_s is not None:
        m.observe_retrieval(retrieval_s)
    tokens = _field(timings, "tokens")
    if isinstance(tokens, int) and ttft_s is not None:
        m.observe_tokens(tokens, total_s - ttft_s, mode, backend)


def _seconds(ms, fallback: float | None) -> float | None:
    return ms / 1000 if isinstance(ms, int | float) else fallback
