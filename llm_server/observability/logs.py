"""Structured JSON logs (python-json-logger): one object per line, request_id on every line.

The request id is read from the request-id middleware's context variable, so a line logged
anywhere during a request (retrieval, the LLM backend, TTS) carries the id the Node proxy
logged for the same request.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from pythonjsonlogger.json import JsonFormatter

from llm_server.request_id import current_request_id

FIELDS = ("asctime", "levelname", "name", "message")
RENAMED = {"asctime": "ts", "levelname": "level", "name": "logger"}


class RequestIdFilter(logging.Filter):
    """Stamps `request_id` (None outside a request) on every record that passes."""

    def __init__(self, current_id: Callable[[], str | None]):
        super().__init__()
        self._current_id = current_id

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = self._current_id()
        return True


def json_formatter() -> JsonFormatter:
    return JsonFormatter(
        list(FIELDS), rename_fields=RENAMED, json_ensure_ascii=False, timestamp=False,
    )


def configure_logging(level: str = "info", current_id: Callable[[], str | None] | None = None,
                      stream=None) -> logging.Handler:
    """Route every logger (ours, uvicorn's, libraries') through one JSON handler on stderr."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestIdFilter(current_id or current_request_id))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    return handler
