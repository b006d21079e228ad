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
        self._states: dict[str, tuple[float, dict]] = {}

    async def history(self, session_id: str) -> list[ChatMessage]:
        self._evict_expired()
        entry = self._data.get(session_id)
        return list(entry[1]) if entry else []

    async def append(self, session_id: str, *messages: ChatMessage) -> None:
        self._evict_expired()
        _, existing = self._data.get(session_id, (0.0, []))
        self._data[session_id] = (self._clock() + self._ttl, (existing + list(messages))[-self._max :])

    async def delete(self, session_id: str) -> bool:
        had_state = self._states.pop(session_id, None) is not None
        return (self._data.pop(session_id, None) is not None) or had_state

    async def state(self, session_id: str) -> dict | None:
        self._evict_expired()
        entry = self._states.get(session_id)
        return dict(entry[1]) if entry else None

    async def save_state(self, session_id: str, state: dict) -> None:
        self._evict_expired()
        self._states[session_id] = (self._clock() + self._ttl, dict(state))

    async def ping(self) -> bool:
        return True

    def _evict_expired(self) -> None:
        now = self._clock()
        for store in (self._data, self._states):
            for key in [k for k, (expires, _) in store.items() if expires <= now]:
                del store[key]
