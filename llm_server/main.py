"""The FastAPI app factory and the `llm-api-server` entry point."""

from __future__ import annotations

import asyncio
import logging
import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from llm_server.api import chat, health, search, sessions, voice
from llm_server.config import Settings, get_settings
from llm_server.errors import AppError
from llm_server.runtime import Runtime
from llm_server.speech import SpeechService

log = logging.getLogger("llm_server")


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.runtime = runtime or Runtime(settings)
        app.state.speech = SpeechService.from_settings(settings)
        app.state.runtime.health_providers.append(app.state.speech.health)
        await app.state.runtime.start()
        speech_start = asyncio.create_task(app.state.speech.start(), name="start-speech")
        yield
        speech_start.cancel()
        await asyncio.gather(speech_start, return_exceptions=True)
        await app.state.runtime.stop()

    app = FastAPI(
        title="llm_api_server",
        description="BlankSpace shopping assistant: RAG chat over the shop's catalog and FAQ.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    for router in (chat.router, sessions.router, search.router, health.router, voice.router):
        app.include_router(router)
    _install_error_handlers(app)
    app.add_middleware(RequestIdMiddleware)
    return app


class RequestIdMiddleware:
    """Propagate X-Request-ID (one id across the Node proxy's and our logs).

    Plain ASGI rather than BaseHTTPMiddleware: it must not sit between a streaming
    response and the client's http.disconnect, which is what cancels generation.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1") or uuid.uuid4().hex

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode("latin-1"))]}
                log.info("%s %s -> %s [request_id=%s]", scope["method"], scope["path"], message["status"], request_id)
            await send(message)

        await self.app(scope, receive, send_with_id)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(_: Request, exc: AppError):
        return _error(exc.status_code, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError):
        fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) or "body" for e in exc.errors())
        return _error(422, "validation_error", f"요청 형식이 올바르지 않습니다. / Invalid request: {fields}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = "요청한 경로를 찾을 수 없습니다. / Not found." if exc.status_code == 404 else str(exc.detail)
        return _error(exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception):
        log.exception("unhandled error", exc_info=exc)
        return _error(500, "internal_error", "서버 오류가 발생했습니다. / Internal server error.")


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def run() -> None:
    import uvicorn

    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(
        create_app(settings),
        host=settings.llm_api_host,
        port=settings.llm_api_port,
        log_level=settings.log_level,
        timeout_graceful_shutdown=5,
    )
