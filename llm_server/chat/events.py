"""What a chat turn emits, whatever the transport (SSE, JSON, WebSocket)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatEvent:
    event: str  # meta | token | done | error (voice adds transcript | audio)
    data: dict


def meta(**data) -> ChatEvent:
    return ChatEvent("meta", data)


def token(text: str) -> ChatEvent:
    return ChatEvent("token", {"text": text})


def done(**data) -> ChatEvent:
    return ChatEvent("done", data)


def error(code: str, message: str) -> ChatEvent:
    return ChatEvent("error", {"code": code, "message": message})
