"""Chat routes: SSE stream, one-shot JSON, and WebSocket."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from llm_server.api.deps import ChatDep, RuntimeDep, resolve_session_id, session_headers
from llm_server.api.sse import sse_body, sse_response
from llm_server.chat.service import collect
from llm_server.errors import AppError, InvalidSessionId
from llm_server.sessions import is_valid_session_id, new_session_id

router = APIRouter(tags=["chat"])


class ChatRequest(BaseModel):
    message: str = Field(..., description="The shopper's question")
    session_id: str | None = Field(None, description="Omit to start a new conversation")


@router.post("/chat/stream", response_description="text/event-stream of meta, token, done / error")
async def chat_stream(body: ChatRequest, request: Request, chat: ChatDep, runtime: RuntimeDep):
    """Answer a question as server-sent events, token by token."""
    session_id = resolve_session_id(request, body.session_id)
    chat.validate(body.message)
    runtime.require_retriever()
    events = chat.stream(body.message, session_id)
    body_iter = sse_body(events, runtime.stats, runtime.settings.sse_ping_s)
    return sse_response(body_iter, session_headers(session_id))


@router.post("/chat")
async def chat_once(body: ChatRequest, request: Request, chat: ChatDep):
    """Answer a question as one JSON object (same content as the stream)."""
    session_id = resolve_session_id(request, body.session_id)
    result = await collect(chat.stream(body.message, session_id))
    return JSONResponse({"session_id": session_id, **result}, headers=session_headers(session_id))


@router.websocket("/ws/chat")
async def chat_ws(websocket: WebSocket):
    """Chat over a WebSocket: send {"message", "session_id"}, receive {"event", "data"} frames."""
    await websocket.accept()
    chat = websocket.app.state.runtime.chat
    try:
        while True:
            await _ws_turn(websocket, chat, await websocket.receive_text())
    except WebSocketDisconnect:
        return


async def _ws_turn(websocket: WebSocket, chat, raw: str) -> None:
    try:
        request = ChatRequest.model_validate(json.loads(raw))
        session_id = request.session_id or new_session_id()
        if not is_valid_session_id(session_id):
            raise InvalidSessionId()
        async for event in chat.stream(request.message, session_id):
            await websocket.send_json({"event": event.event, "data": event.data})
    except AppError as exc:
        await websocket.send_json({"event": "error", "data": exc.to_dict()})
    except ValueError:
        await websocket.send_json(
            {"event": "error", "data": {"code": "invalid_json", "message": '{"message", "session_id"} JSON이 필요합니다.'}}
        )
