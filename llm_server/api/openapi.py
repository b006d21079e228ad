"""What /openapi.json says beyond the routes' own models: the error responses, and the
event payloads of the SSE and WebSocket streams (OpenAPI has no place for a stream's
items, so they are added to components/schemas and referenced from the stream routes)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from llm_server.protocol import (
    CHAT_EVENTS,
    VOICE_EVENTS,
    ErrorBody,
    EventModel,
    FaqEntry,
    Filters,
    Product,
    Timings,
    WebSocketFrame,
)

REF = "#/components/schemas/{model}"
ERROR_DESCRIPTIONS = {
    400: "Bad request (invalid_session_id, empty_audio, unsupported_language, ...)",
    404: "Not found",
    413: "Too large (message_too_long, audio_too_large, text_too_long)",
    415: "Unsupported media type (unsupported_audio)",
    422: "Invalid request (validation_error, empty_message)",
    502: "The LLM server failed (upstream_error, llm_failed)",
    503: "A dependency is not ready or down (not_ready, sessions_unavailable, llm_unavailable, voice_unavailable)",
}
#: Models only streams carry, plus the value objects clients build on.
STREAM_MODELS = (*CHAT_EVENTS, *VOICE_EVENTS, WebSocketFrame, Product, FaqEntry, Filters, Timings, ErrorBody)


def error_responses(*statuses: int) -> dict:
    """`responses=` entries: each status answers {"error": {"code", "message"}}."""
    return {status: {"model": ErrorBody, "description": ERROR_DESCRIPTIONS[status]} for status in statuses}


def event_stream(events: tuple[type[EventModel], ...], description: str) -> dict:
    """A 200 `text/event-stream` response whose events are `events` (by SSE event name)."""
    mapping = {model.event: REF.format(model=model.__name__) for model in events}
    names = " | ".join(dict.fromkeys(mapping))
    return {
        200: {
            "description": f"{description} Events: {names}; `: ping` comments keep the stream alive.",
            "content": {
                "text/event-stream": {
                    "schema": {
                        "oneOf": [{"$ref": REF.format(model=m.__name__)} for m in dict.fromkeys(events)],
                        "x-sse-events": {model.event: REF.format(model=model.__name__) for model in events},
                    }
                }
            },
        }
    }


def install_openapi(app: FastAPI) -> None:
    """Serve the routes' schema with every stream payload model added to components."""

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            _, definitions = models_json_schema(
                [(model, "serialization") for model in dict.fromkeys(STREAM_MODELS)], ref_template=REF
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for name, definition in definitions.get("$defs", {}).items():
                components.setdefault(name, definition)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
