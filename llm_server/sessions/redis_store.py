"""Redis session store: list `session:{id}:history` of JSON messages, with a TTL."""

from __future__ import annotations

import json

from llm_server.llm.base import ChatMessage
from llm_server.sessions.base import SessionStore


def history_key(session_id: str) -> str:
    return f"session:{session_id}:history"


def state_key(session_id: str) -> str:
    return f"session:{session_id}:state"


class RedisSessionStore(SessionStore):
    name = "redis"

    def __init__(self, url: str, ttl_s: int, max_messages: int = 200):
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url, decode_responses=True, socket_connect_timeout=3, socket_timeout=5)
        self._ttl = ttl_s
        self._max = max_messages

    async def start(self) -> None:
        await self._redis.ping()

    async def close(self) -> None:
        await self._redis.aclose()

    async def history(self, session_id: str) -> list[ChatMessage]:
        raw = await self._redis.lrange(history_key(session_id), 0, -1)
        return [ChatMessage(**json.loads(item)) for item in raw]

    async def append(self, session_id: str, *messages: ChatMessage) -> None:
        key = history_key(session_id)
        payload = [json.dumps({"role": m.role, "content": m.content}, ensure_ascii=False) for m in messages]
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(key, *payload)
            pipe.ltrim(key, -self._max, -1)
            pipe.expire(key, self._ttl)
            pipe.expire(state_key(session_id), self._ttl)
            await pipe.execute()

    async def delete(self, session_id: str) -> bool:
        return bool(await self._redis.delete(history_key(session_id), state_key(session_id)))

    async def state(self, session_id: str) -> dict | None:
        raw = await self._redis.get(state_key(session_id))
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None  # unreadable: the dialogue starts afresh rather than failing the turn

    async def save_state(self, session_id: str, state: dict) -> None:
        payload = json.dumps(state, ensure_ascii=False)
        await self._redis.set(state_key(session_id), payload, ex=self._ttl)

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except Exception:  # noqa: BLE001 - health check reports, never raises
            return False
