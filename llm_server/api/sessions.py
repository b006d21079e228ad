"""Conversation history routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from llm_server.api.deps import SessionsDep, validated_session_id
from llm_server.api.openapi import error_responses
from llm_server.chat.service import guarded_sessions
from llm_server.protocol import SessionDeleted, SessionHistory, SessionMessage

router = APIRouter(prefix="/sessions", tags=["sessions"])
SESSION_ERRORS = error_responses(400, 503)
# documented for clients and fuzzers; an id outside it is answered 400 invalid_session_id
SessionIdPath = Annotated[str, Path(json_schema_extra={"pattern": "^[A-Za-z0-9_-]{8,64}$"})]


@router.get("/{session_id}", response_model=SessionHistory, responses=SESSION_ERRORS)
async def get_session(session_id: SessionIdPath, sessions: SessionsDep):
    """Return a conversation's messages, oldest first (empty when unknown or expired)."""
    history = await guarded_sessions(sessions.history(validated_session_id(session_id)))
    messages = [SessionMessage(role=m.role, content=m.content) for m in history]
    return SessionHistory(session_id=session_id, messages=messages)


@router.delete("/{session_id}", response_model=SessionDeleted, responses=SESSION_ERRORS)
async def delete_session(session_id: SessionIdPath, sessions: SessionsDep):
    """Forget a conversation."""
    await guarded_sessions(sessions.delete(validated_session_id(session_id)))
    return SessionDeleted(session_id=session_id, deleted=True)
