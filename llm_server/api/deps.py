"""Dependencies shared by routes (HTTP, WebSocket and voice alike): the runtime's services
and the session id, resolved the same way everywhere."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from llm_server.chat.service import ChatService
from llm_server.errors import InvalidSessionId
from llm_server.runtime import Runtime
from llm_server.sessions import SessionStore, is_valid_session_id, new_session_id
from llm_server.speech import SpeechService

SESSION_COOKIE = "sid"


def get_runtime(connection: HTTPConnection) -> Runtime:
    return connection.app.state.runtime


def get_chat(connection: HTTPConnection) -> ChatService:
    """The chat service; 503 not_ready until the vector store and retriever are up."""
    return get_runtime(connection).require_chat()


def get_speech(connection: HTTPConnection) -> SpeechService:
    return get_runtime(connection).speech


def get_sessions(connection: HTTPConnection) -> SessionStore:
    return get_runtime(connection).sessions


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ChatDep = Annotated[ChatService, Depends(get_chat)]
SpeechDep = Annotated[SpeechService, Depends(get_speech)]
SessionsDep = Annotated[SessionStore, Depends(get_sessions)]


def resolve_session_id(connection: HTTPConnection, body_session_id: str | None = None) -> str:
    """Header X-Session-ID, then cookie `sid`, then the body; generated when absent."""
    candidate = (
        connection.headers.get("x-session-id")
        or connection.cookies.get(SESSION_COOKIE)
        or body_session_id
    )
    if candidate is None or candidate == "":
        return new_session_id()
    return validated_session_id(candidate)


def validated_session_id(session_id: str) -> str:
    if not is_valid_session_id(session_id):
        raise InvalidSessionId()
    return session_id


def session_headers(session_id: str, max_age_s: int) -> dict:
    return {
        "X-Session-ID": session_id,
        "Set-Cookie": f"{SESSION_COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_s}",
    }
