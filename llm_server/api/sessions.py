"""Conversation history routes."""

from __future__ import annotations

from fastapi import APIRouter

from llm_server.api.deps import ChatDep, validated_session_id

router = APIRouter(prefix="/sessions", tags=["sessions"])


@router.get("/{session_id}")
async def get_session(session_id: str, chat: ChatDep):
    """Return a conversation's messages, oldest first (empty when unknown or expired)."""
    history = await chat.history(validated_session_id(session_id))
    return {"session_id": session_id, "messages": [{"role": m.role, "content": m.content} for m in history]}


@router.delete("/{session_id}")
async def delete_session(session_id: str, chat: ChatDep):
    """Forget a conversation."""
    await chat.forget(validated_session_id(session_id))
    return {"session_id": session_id, "deleted": True}
