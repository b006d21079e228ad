"""Chat routes: SSE stream, one-shot JSON, and WebSocket."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from llm_server.api.deps import ChatDep, RuntimeDep, get_chat, resolve_session_id, session_headers
from llm_server.api.openapi import error_responses, event_stream
from llm_server.api.sse import sse_response
from llm_server.chat.service import collect
from llm_server.errors import AppError
from llm_server.observability import observed
from llm_server.protocol import CHAT_EVENTS, ChatRequest, ChatResponse, ErrorEvent, WebSocketFrame

router = APIRouter(tags=["chat"])
CHAT_ERRORS = error_responses(400, 413, 422, 503)
INVALID_FRAME = ErrorEvent(code="invalid_json", message='{"message", "session_id"} 형식의 JSON을 보내 주세요.')


@router.post(
    "/chat/stream",
    response_class=Response,
    responses={**event_stream(CHAT_EVENTS, "The turn as server-sent events, token by token."), **CHAT_ERRORS},
)
async def chat_stream(body: ChatRequest, request: Request, chat: ChatDep, runtime: RuntimeDep):
    """Answer a question as server-sent events: meta, token..., done (or error)."""
    session_id = resolve_session_id(request, body.session_id)
    chat.validate(body.message)
    events = observed(chat.stream(body.message, session_id), "sse")
    headers = session_headers(session_id, runtime.settings.session_ttl_s)
    return sse_response(events, runtime.stats, runtime.settings.sse_ping_s, headers)


@router.post("/chat", response_model=ChatResponse, responses={**CHAT_ERRORS, **error_responses(502)})
async def chat_once(body: ChatRequest, request: Request, response: Response, chat: ChatDep, runtime: RuntimeDep):
    """Answer a question as one JSON object (same content as the stream)."""
    session_id = resolve_session_id(request, body.session_id)
    result = await collect(chat.stream(body.message, session_id))
    response.headers.update(session_headers(session_id, runtime.settings.session_ttl_s))
    return result


@router.websocket("/ws/chat")
async def chat_ws(websocket: WebSocket):
    """Chat over a WebSocket: send {"message", "session_id"}, receive {"event", "data"} frames.

    The session is resolved as over HTTP: X-Session-ID header, then the `sid` cookie of
    the handshake, then the message's `session_id`."""
    await websocket.accept()
    try:
        while True:
            await _ws_turn(websocket, await websocket.receive_text())
    except WebSocketDisconnect:
        return


async def _ws_turn(websocket: WebSocket, raw: str) -> None:
    try:
        request = ChatRequest.model_validate(json.loads(raw))
        session_id = resolve_session_id(websocket, request.session_id)
        async for event in observed(get_chat(websocket).stream(request.message, session_id), "ws"):
            await _send(websocket, event)
    except AppError as exc:
        await _send(websocket, ErrorEvent(code=exc.code, message=exc.message))
    except (ValueError, ValidationError):
        await _send(websocket, INVALID_FRAME)


async def _send(websocket: WebSocket, event) -> None:
    await websocket.send_json(WebSocketFrame(event=event.event, data=event.data).model_dump(mode="json"))
