"""Dependencies shared by routes: the runtime's services and the session id."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from llm_server.chat.service import ChatService
from llm_server.errors import InvalidSessionId
from llm_server.runtime import Runtime
from llm_server.sessions import is_valid_session_id, new_session_id

SESSION_COOKIE = "sid"


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def get_chat(request: Request) -> ChatService:
    return request.app.state.runtime.chat


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ChatDep = Annotated[ChatService, Depends(get_chat)]


def resolve_session_id(request: Request, body_session_id: str | None = None) -> str:
    """Header X-Session-ID, then cookie `sid`, then the body; generated when absent."""
    candidate = (
        request.headers.get("x-session-id")
        or request.cookies.get(SESSION_COOKIE)
        or body_session_id
    )
    if candidate is None or candidate == "":
        return new_session_id()
    if not is_valid_session_id(candidate):
        raise InvalidSessionId()
    return candidate


def validated_session_id(session_id: str) -> str:
    if not is_valid_session_id(session_id):
        raise InvalidSessionId()
    return session_id


def session_headers(session_id: str) -> dict:
    return {
        "X-Session-ID": session_id,
        "Set-Cookie": f"{SESSION_COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=259200",
    }
