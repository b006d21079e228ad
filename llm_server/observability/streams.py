"""Chat-stream accounting: one wrapper around a turn's events, whatever the transport."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Protocol

from llm_server.observability import series as m


class _Event(Protocol):
    event: str
    data: dict


async def observed(events: AsyncIterator[_Event], transport: str, backend: str = "unknown") -> AsyncIterator[_Event]:
    """Pass a turn's events through, feeding the chat series from meta, token, done and error.

    Timings come from the turn's own `done` event (measured from the start of the turn);
    the wrapper's clock is the fallback when a turn reports none.
    """
    active = m.metrics().active_streams.labels(transport)
    started, first_token, mode, outcome = time.perf_counter(), None, "unknown", "cancelled"
    active.inc()
    try:
        async for event in events:
            if event.event == "meta":
                mode = event.data.get("answer_mode") or mode
            elif event.event == "token" and first_token is None:
                first_token = time.perf_counter()
            elif event.event == "done":
                outcome = "completed"
                _record_done(event.data.get("timings") or {}, started, first_token, mode, transport, backend)
            elif event.event == "error":
                outcome = "failed"
                m.observe_backend_error(str(event.data.get("code", "unknown")))
            yield event
    except Exception:
        outcome = "failed"
        raise
    finally:
        active.dec()
        m.metrics().stream_outcomes.labels(transport, outcome).inc()


def _record_done(timings: dict, started: float, first_token: float | None, mode: str, transport: str, backend: str) -> None:
    now = time.perf_counter()
    total_s = _seconds(timings.get("total_ms"), now - started)
    ttft_s = _seconds(timings.get("ttft_ms"), None if first_token is None else first_token - started)
    if ttft_s is not None:
        m.observe_ttft(ttft_s, mode, transport)
    m.observe_answer(total_s, mode, transport)
    retrieval_s = _seconds(timings.get("retrieval_ms"), None)
    if retrieval_s is not None:
        m.observe_retrieval(retrieval_s)
    tokens = timings.get("tokens")
    if isinstance(tokens, int) and ttft_s is not None:
        m.observe_tokens(tokens, total_s - ttft_s, mode, backend)


def _seconds(ms, fallback: float | None) -> float | None:
    return ms / 1000 if isinstance(ms, int | float) else fallback
