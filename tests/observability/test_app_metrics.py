"""The real app: /metrics after real chat turns, and one request id in the logs and in `done`."""

from __future__ import annotations

import io
import json
import logging

import pytest

from llm_server.observability import metrics
from llm_server.observability.logs import configure_logging


def _value(name: str, **labels) -> float:
    return metrics().registry.get_sample_value(name, labels) or 0.0


def _sse_events(response) -> list[tuple[str, dict]]:
    events, name = [], None
    for line in response.text.splitlines():
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: ") and name:
            events.append((name, json.loads(line[6:])))
    return events


@pytest.fixture
def json_log():
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    stream = io.StringIO()
    configure_logging("info", stream=stream)
    yield stream
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])


def test_a_streamed_turn_feeds_the_chat_series_and_the_route_counter(client):
    ttft = {mode: _value("llm_chat_ttft_seconds_count", mode=mode, transport="sse") for mode in ("extractive", "generate")}
    routed = _value("llm_http_requests_total", route="/chat/stream", method="POST", status="200")
    retrieval = _value("llm_retrieval_seconds_count")
    response = client.post("/chat/stream", json={"message": "배송비는 얼마인가요?"})
    assert response.status_code == 200
    events = _sse_events(response)
    assert events[-1][0] == "done"
    mode = events[0][1]["answer_mode"]
    assert _value("llm_chat_ttft_seconds_count", mode=mode, transport="sse") == ttft[mode] + 1
    assert _value("llm_http_requests_total", route="/chat/stream", method="POST", status="200") == routed + 1
    assert _value("llm_retrieval_seconds_count") == retrieval + 1
    assert _value("llm_active_streams", transport="sse") == 0
    text = client.get("/metrics").text
    assert 'llm_dependency_up{dependency="vector_store"} 1.0' in text
    assert 'llm_backend_info{backend="fake"' in text
    assert 'llm_generation_slots{state="active"} 0.0' in text and "llm_generation_refused_total 0.0" in text
    assert _value("llm_chat_tokens_total", mode=mode, backend="fake") >= 1


def test_a_websocket_turn_is_counted_as_ws(client):
    before = _value("llm_chat_streams_total", transport="ws", outcome="completed")
    with client.websocket_connect("/ws/chat") as ws:
        ws.send_text(json.dumps({"message": "교환은 어떻게 하나요?"}))
        while (frame := ws.receive_json())["event"] not in ("done", "error"):
            pass
    assert frame["event"] == "done"
    assert _value("llm_chat_streams_total", transport="ws", outcome="completed") == before + 1


def test_one_request_id_in_the_done_event_and_on_every_log_line_of_the_request(client, json_log):
    response = client.post("/chat/stream", json={"message": "반팔 티셔츠 있어요?"}, headers={"X-Request-ID": "shopper-req-42"})
    assert response.headers["x-request-id"] == "shopper-req-42"
    done = next(data for name, data in _sse_events(response) if name == "done")
    assert done["request_id"] == "shopper-req-42"
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    mine = [line for line in lines if line.get("request_id") == "shopper-req-42"]
    access = [line for line in mine if line["message"] == "request" and line.get("route") == "/chat/stream"]
    assert access and access[0]["status"] == 200 and access[0]["ms"] > 0
    assert all(line.get("request_id") in (None, "shopper-req-42") for line in lines)


def test_unknown_paths_are_one_series_not_one_per_path(client):
    before = _value("llm_http_requests_total", route="<unmatched>", method="GET", status="404")
    for path in ("/nope/1", "/nope/2", "/sessions-x/3"):
        assert client.get(path).status_code == 404
    assert _value("llm_http_requests_total", route="<unmatched>", method="GET", status="404") == before + 3
    assert "/nope/1" not in client.get("/metrics").text


def test_a_websocket_turn_carries_the_handshake_request_id_in_done(client):
    with client.websocket_connect("/ws/chat", headers={"X-Request-ID": "ws-handshake-7"}) as ws:
        ws.send_text(json.dumps({"message": "배송은 며칠 걸려요?"}))
        while (frame := ws.receive_json())["event"] not in ("done", "error"):
            pass
    assert frame["event"] == "done"
    assert frame["data"]["request_id"] == "ws-handshake-7"
