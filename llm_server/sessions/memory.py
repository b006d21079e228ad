"""In-process session store with a TTL: for one process without Redis."""

from __future__ import annotations

import time

from llm_server.llm.base import ChatMessage
from llm_server.sessions.base import SessionStore


class MemorySessionStore(SessionStore):
    name = "memory"

    def __init__(self, ttl_s: int, max_messages: int = 200, clock=time.monotonic):
        self._ttl = ttl_s
        self._max = max_messages
        self._clock = clock
        self._data: dict[str, tuple[float, list[ChatMessage]]] = {}

    async def history(self, session_id: str) -> list[ChatMessage]:
        self._evict_expired()
        entry = self._data.get(session_id)
        return list(entry[1]) if entry else []

    async def append(self, session_id: str, *messages: ChatMessage) -> None:
        self._evict_expired()
        _, existing = self._data.get(session_id, (0.0, []))
        self._data[session_id] = (self._clock() + self._ttl, (existing + list(messages))[-self._max :])

    async def delete(self, session_id: str) -> bool:
        return self._data.pop(session_id, None) is not None

    async def ping(self) -> bool:
        return True

    def _evict_expired(self) -> None:
        now = self._clock()
        for key in [k for k, (expires, _) in self._data.items() if expires <= now]:
            del self._data[key]
