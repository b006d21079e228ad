"""The session store contract."""

from __future__ import annotations

import re
import secrets
from abc import ABC, abstractmethod

from llm_server.llm.base import ChatMessage

_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def is_valid_session_id(value: str) -> bool:
    return bool(_SESSION_ID.fullmatch(value))


def new_session_id() -> str:
    return secrets.token_urlsafe(18)


class SessionStore(ABC):
    name: str

    async def start(self) -> None:  # noqa: B027 - optional hook
        """Connect (may raise; the app retries in the background)."""

    async def close(self) -> None:  # noqa: B027 - optional hook
        """Disconnect."""

    @abstractmethod
    async def history(self, session_id: str) -> list[ChatMessage]: ...

    @abstractmethod
    async def append(self, session_id: str, *messages: ChatMessage) -> None:
        """Append messages and refresh the session's TTL."""

    @abstractmethod
    async def delete(self, session_id: str) -> bool:
        """Forget the session: its history and its dialogue state."""

    @abstractmethod
    async def state(self, session_id: str) -> dict | None:
        """The session's dialogue state (a JSON object), or None when it has none."""

    @abstractmethod
    async def save_state(self, session_id: str, state: dict) -> None:
        """Store the dialogue state beside the history, with the same TTL."""

    @abstractmethod
    async def ping(self) -> bool: ...
