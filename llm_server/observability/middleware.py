"""HTTP request accounting by route template (never the raw path: ids would explode the series)."""

from __future__ import annotations

import logging
import time

from llm_server.observability.series import observe_request

log = logging.getLogger("llm_server.access")
UNMATCHED = "<unmatched>"


class RequestMetricsMiddleware:
    """Plain ASGI, so it never sits between a streaming body and the client's disconnect.

    Counts a request when its status line goes out and logs one access line when it ends.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status, counted = time.perf_counter(), 500, False

        async def counting_send(message):
            nonlocal status, counted
            if message["type"] == "http.response.start":
                status, counted = message["status"], True
                observe_request(route_template(scope), scope["method"], status, time.perf_counter() - started)
            await send(message)

        try:
            await self.app(scope, receive, counting_send)
        finally:
            if not counted:  # an exception escaped: the outer error handler answers 500
                observe_request(route_template(scope), scope["method"], 500, time.perf_counter() - started)
            log.info("request", extra={
                "method": scope["method"], "path": scope["path"], "route": route_template(scope),
                "status": status, "ms": round((time.perf_counter() - started) * 1000, 1),
            })


def route_template(scope) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or UNMATCHED
