"""llm_server /metrics: request accounting by route template, chat-stream series, every named series."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from fastapi.testclient import TestClient

from llm_server.chat.events import ChatEvent
from llm_server.observability import install_observability, metrics, observed
from llm_server.observability import series as m

NAMED_SERIES = [
    "llm_http_requests_total",
    "llm_http_request_duration_seconds",
    "llm_chat_ttft_seconds",
    "llm_chat_answer_seconds",
    "llm_chat_tokens_per_second",
    "llm_chat_tokens_total",
    "llm_retrieval_seconds",
    "llm_queue_wait_seconds",
    "llm_active_streams",
    "llm_chat_streams_total",
    "llm_stt_real_time_factor",
    "llm_tts_real_time_factor",
    "llm_backend_errors_total",
    "llm_dependency_up",
    "llm_backend_info",
]


def _tiny_app() -> FastAPI:
    app = FastAPI()

    @app.get("/items/{item_id}")
    async def item(item_id: int):
        return {"id": item_id}

    @app.get("/boom")
    async def boom():
        raise RuntimeError("bug")

    install_observability(app)
    return app


def _value(name: str, **labels) -> float:
    return metrics().registry.get_sample_value(name, labels) or 0.0


def test_requests_are_counted_by_route_template_not_raw_path():
    before = _value("llm_http_requests_total", route="/items/{item_id}", method="GET", status="200")
    with TestClient(_tiny_app()) as client:
        assert client.get("/items/1").status_code == 200
        assert client.get("/items/2").status_code == 200
        assert client.get("/items/x").status_code == 422
        assert client.get("/nowhere/123").status_code == 404
    assert _value("llm_http_requests_total", route="/items/{item_id}", method="GET", status="200") == before + 2
    assert _value("llm_http_requests_total", route="/items/{item_id}", method="GET", status="422") >= 1
    assert _value("llm_http_requests_total", route="<unmatched>", method="GET", status="404") >= 1


def test_unhandled_exception_counts_as_500():
    before = _value("llm_http_requests_total", route="/boom", method="GET", status="500")
    with TestClient(_tiny_app(), raise_server_exceptions=False) as client:
        assert client.get("/boom").status_code == 500
    assert _value("llm_http_requests_total", route="/boom", method="GET", status="500") == before + 1


def _turn(*items: ChatEvent):
    async def gen():
        for item in items:
            yield item
            await asyncio.sleep(0)
    return gen()


async def _drain(events) -> list[ChatEvent]:
    return [event async for event in events]


def test_observed_stream_feeds_ttft_answer_tokens_retrieval_and_outcome():
    ttft_before = _value("llm_chat_ttft_seconds_count", mode="grounded", transport="ws")
    tokens_before = _value("llm_chat_tokens_total", mode="grounded", backend="fake")
    completed_before = _value("llm_chat_streams_total", transport="ws", outcome="completed")
    ttft_sum_before = _value("llm_chat_ttft_seconds_sum", mode="grounded", transport="ws")
    timings = {"retrieval_ms": 12.0, "ttft_ms": 40.0, "total_ms": 140.0, "tokens": 5}
    events = [ChatEvent("meta", {"answer_mode": "grounded"}), *[ChatEvent("token", {"text": "가"})] * 5,
              ChatEvent("done", {"timings": timings})]
    passed = asyncio.run(_drain(observed(_turn(*events), transport="ws", backend="fake")))
    assert passed == events  # untouched
    assert _value("llm_chat_ttft_seconds_count", mode="grounded", transport="ws") == ttft_before + 1
    assert abs(_value("llm_chat_ttft_seconds_sum", mode="grounded", transport="ws") - ttft_sum_before - 0.040) < 1e-9
    assert _value("llm_chat_tokens_total", mode="grounded", backend="fake") == tokens_before + 5
    assert _value("llm_chat_streams_total", transport="ws", outcome="completed") == completed_before + 1
    assert _value("llm_active_streams", transport="ws") == 0
    # 4 pieces after the first over 100 ms -> 40 pieces/s
    assert _value("llm_chat_tokens_per_second_bucket", mode="grounded", backend="fake", le="50.0") >= 1


def test_observed_stream_counts_error_events_as_backend_errors():
    before = _value("llm_backend_errors_total", code="llm_failed")
    events = [ChatEvent("meta", {"answer_mode": "generate"}), ChatEvent("error", {"code": "llm_failed", "message": "x"})]
    asyncio.run(_drain(observed(_turn(*events), transport="sse")))
    assert _value("llm_backend_errors_total", code="llm_failed") == before + 1
    assert _value("llm_chat_streams_total", transport="sse", outcome="failed") >= 1


def test_active_streams_gauge_counts_open_streams_and_drops_on_close():
    async def scenario():
        stream = observed(_turn(ChatEvent("meta", {}), ChatEvent("token", {"text": "a"})), transport="voice")
        await stream.__anext__()
        during = _value("llm_active_streams", transport="voice")
        await stream.aclose()  # the client went away mid-answer
        return during

    assert asyncio.run(scenario()) == 1
    assert _value("llm_active_streams", transport="voice") == 0


def test_metrics_endpoint_exposes_every_named_series_in_prometheus_format():
    m.observe_queue_wait(0.01, "llamacpp")
    m.observe_stt(0.5, 2.0, "whisper-base")
    m.observe_tts(0.2, 1.0, "piper")
    m.observe_backend_error("sessions_unavailable")
    asyncio.run(_drain(observed(_turn(ChatEvent("done", {"timings": {"ttft_ms": 1, "total_ms": 2, "retrieval_ms": 1, "tokens": 2}})), "sse")))
    with TestClient(_tiny_app()) as client:
        client.get("/items/1")
        response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    exposed = {line.split()[2] for line in response.text.splitlines() if line.startswith("# TYPE")}
    missing = [name for name in NAMED_SERIES if name not in exposed]
    assert not missing, f"not exposed: {missing}"
    assert 'llm_stt_real_time_factor_bucket{engine="whisper-base",le="0.3"} ' in response.text
