"""The one SSE parser of the Python tests: httpx-sse over an httpx (or TestClient) response."""

from __future__ import annotations

import json

import httpx
from httpx_sse import EventSource


def sse_events(response: httpx.Response) -> list[tuple[str, dict]]:
    """(event name, JSON payload) of every event; `: ping` comments are skipped."""
    return [(event.event, json.loads(event.data)) for event in EventSource(response).iter_sse()]
