"""JSON logs: one object per line, request_id on every line (None outside a request)."""

from __future__ import annotations

import io
import json
import logging

import pytest

from llm_server.observability.logs import configure_logging


@pytest.fixture
def json_log():
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    current = {"id": None}
    stream = io.StringIO()
    configure_logging("info", current_id=lambda: current["id"], stream=stream)
    yield stream, current
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_every_line_is_json_with_the_current_request_id(json_log):
    stream, current = json_log
    logging.getLogger("llm_server.rag").info("retrieved %d products", 3)
    current["id"] = "req-123"
    logging.getLogger("uvicorn.error").warning("slow 검색", extra={"ms": 812.5})
    first, second = _lines(stream)
    assert first["request_id"] is None and first["message"] == "retrieved 3 products"
    assert first["level"] == "INFO" and first["logger"] == "llm_server.rag" and "ts" in first
    assert second == {**second, "request_id": "req-123", "level": "WARNING", "message": "slow 검색", "ms": 812.5}


def test_an_explicit_request_id_wins_over_the_context(json_log):
    stream, current = json_log
    current["id"] = "outer"
    logging.getLogger("x").info("relayed", extra={"request_id": "explicit"})
    assert _lines(stream)[0]["request_id"] == "explicit"


def test_exceptions_stay_on_one_json_line(json_log):
    stream, _ = json_log
    try:
        raise ValueError("bad")
    except ValueError:
        logging.getLogger("x").exception("failed")
    (line,) = _lines(stream)
    assert "ValueError: bad" in line["exc_info"]
