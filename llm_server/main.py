"""The FastAPI app factory and the `llm-api-server` entry point."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from llm_server.api import admin, chat, feedback, health, search, sessions, voice
from llm_server.api.openapi import install_openapi
from llm_server.concurrency import GenerationLimitMiddleware, GenerationSlots
from llm_server.config import Settings, get_settings
from llm_server.errors import AppError, NotFound
from llm_server.limits import JsonBodyLimitMiddleware
from llm_server.observability import configure_logging, install_observability
from llm_server.protocol import ErrorBody, ErrorDetail
from llm_server.request_id import RequestIdMiddleware
from llm_server.runtime import Runtime

log = logging.getLogger("llm_server")


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.runtime = runtime or Runtime(settings)
        await app.state.runtime.start()
        yield
        await app.state.runtime.stop()

    app = FastAPI(
        title="llm_api_server",
        description="BlankSpace shopping assistant: RAG chat over the shop's catalog and FAQ.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    for router in (chat.router, sessions.router, search.router, health.router, voice.router, feedback.router, admin.router):
        app.include_router(router)
    _install_error_handlers(app)
    install_openapi(app)
    install_observability(app)  # before the request id: its access line runs inside it
    slots = app.state.generation_slots = GenerationSlots(
        settings.max_concurrent_generations, settings.max_queue, applies=lambda: _generates(app)
    )
    app.add_middleware(GenerationLimitMiddleware, slots=slots)
    app.add_middleware(JsonBodyLimitMiddleware, max_bytes=settings.max_json_body_kb * 1024)
    app.add_middleware(RequestIdMiddleware)
    return app


def _generates(app: FastAPI) -> bool:
    """Whether chat turns now use the LLM (generate mode); unknown before start-up: yes."""
    chat = getattr(getattr(app.state, "runtime", None), "chat", None)
    return chat is None or chat.generates()


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(_: Request, exc: AppError):
        return _error(exc.status_code, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError):
        fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) or "body" for e in exc.errors())
        log.info("invalid request: %s", fields)
        return _error(422, "validation_error", f"요청 형식이 올바르지 않습니다. ({fields})")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return _error(404, NotFound.code, NotFound.default_message)
        code = {405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, "요청을 처리할 수 없습니다.")

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception):
        log.exception("unhandled error", exc_info=exc)
        return _error(500, AppError.code, AppError.default_message)


def _error(status: int, code: str, message: str) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(), status_code=status)


def run() -> None:
    import uvicorn

    settings = get_settings()
    configure_logging(settings.log_level)  # JSON lines with request_id (llm_server/observability)
    uvicorn.run(
        create_app(settings),
        host=settings.llm_api_host,
        port=settings.llm_api_port,
        log_level=settings.log_level,
        log_config=None,  # keep our JSON handler; uvicorn's loggers propagate to it
        access_log=False,  # observability's access line carries the request id
        timeout_graceful_shutdown=5,
    )
