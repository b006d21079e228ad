"""The turn log: every answered turn, kept briefly by turn id, so a shopper's 👍/👎 can be
stored with what was answered and what it was built from.

Where: Redis when REDIS_URL is set (shared by every server process), else in-process.
Bounds: a turn is kept for SESSION_TTL_S (Redis key `turn:{id}` with a TTL; in-process,
the newest `MAX_TURNS`). A rated turn is copied into the feedback log, which keeps the
newest `MAX_RATED` ratings (Redis hash `feedback:turns` + sorted set `feedback:order`).
"""

from __future__ import annotations

import time
import uuid
from abc import ABC, abstractmethod
from collections import OrderedDict
from typing import Literal

from pydantic import BaseModel, Field

from llm_server.config import Settings

Rating = Literal["up", "down"]
MAX_TURNS = 5000
MAX_RATED = 5000


class TurnProduct(BaseModel):
    sku: str
    name: str = ""
    score: float | None = None


class TurnFaq(BaseModel):
    id: str
    question: str = ""
    score: float | None = None


class TurnRecord(BaseModel):
    """One answered turn as the feedback tab shows it."""

    turn_id: str
    session_id: str
    question: str
    answer: str
    answer_mode: str
    intent: str = "shop"
    products: list[TurnProduct] = Field(default_factory=list)
    faq: list[TurnFaq] = Field(default_factory=list)
    filters: dict = Field(default_factory=dict)
    annotated: bool = Field(False, description="Answered by an operator's fix (annotation reply)")
    created_at: float = Field(default_factory=time.time)
    rating: Rating | None = None
    comment: str | None = None
    rated_at: float | None = None
    fixed_faq_id: str | None = Field(None, description="FAQ entry an operator wrote for this turn")


def new_turn_id() -> str:
    return "t-" + uuid.uuid4().hex


class TurnLog(ABC):
    name: str

    async def start(self) -> None:  # noqa: B027 - optional hook
        """Connect (Redis); may raise, the runtime retries."""

    async def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    @abstractmethod
    async def record(self, turn: TurnRecord) -> None: ...

    @abstractmethod
    async def get(self, turn_id: str) -> TurnRecord | None:
        """The turn, from the rated log first (it outlives the turn log)."""

    @abstractmethod
    async def save_rated(self, turn: TurnRecord) -> None:
        """Store a rated (or fixed) turn in the feedback log."""

    @abstractmethod
    async def rated(self, rating: Rating | None, limit: int, offset: int) -> tuple[list[TurnRecord], int]:
        """Rated turns newest first (only `rating` when given) and how many there are."""


class MemoryTurnLog(TurnLog):
    name = "memory"

    def __init__(self, max_turns: int = MAX_TURNS, max_rated: int = MAX_RATED):
        self._turns: OrderedDict[str, TurnRecord] = OrderedDict()
        self._rated: OrderedDict[str, TurnRecord] = OrderedDict()
        self._max_turns, self._max_rated = max_turns, max_rated

    async def record(self, turn: TurnRecord) -> None:
        _put_bounded(self._turns, turn, self._max_turns)

    async def get(self, turn_id: str) -> TurnRecord | None:
        return self._rated.get(turn_id) or self._turns.get(turn_id)

    async def save_rated(self, turn: TurnRecord) -> None:
        self._rated.pop(turn.turn_id, None)
        _put_bounded(self._rated, turn, self._max_rated)

    async def rated(self, rating: Rating | None, limit: int, offset: int) -> tuple[list[TurnRecord], int]:
        chosen = [t for t in reversed(self._rated.values()) if rating is None or t.rating == rating]
        return chosen[offset : offset + limit], len(chosen)


def _put_bounded(items: OrderedDict[str, TurnRecord], turn: TurnRecord, limit: int) -> None:
    items[turn.turn_id] = turn
    items.move_to_end(turn.turn_id)
    while len(items) > limit:
        items.popitem(last=False)


class RedisTurnLog(TurnLog):
    name = "redis"
    RATED_HASH = "feedback:turns"
    RATED_ORDER = "feedback:order"

    def __init__(self, url: str, ttl_s: int, max_rated: int = MAX_RATED):
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url, decode_responses=True, socket_connect_timeout=3, socket_timeout=5)
        self._ttl, self._max_rated = ttl_s, max_rated

    async def start(self) -> None:
        await self._redis.ping()

    async def close(self) -> None:
        await self._redis.aclose()

    async def record(self, turn: TurnRecord) -> None:
        await self._redis.set(f"turn:{turn.turn_id}", turn.model_dump_json(), ex=self._ttl)

    async def get(self, turn_id: str) -> TurnRecord | None:
        raw = await self._redis.hget(self.RATED_HASH, turn_id) or await self._redis.get(f"turn:{turn_id}")
        return TurnRecord.model_validate_json(raw) if raw else None

    async def save_rated(self, turn: TurnRecord) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(self.RATED_HASH, turn.turn_id, turn.model_dump_json())
            pipe.zadd(self.RATED_ORDER, {turn.turn_id: turn.rated_at or time.time()})
            await pipe.execute()
        await self._trim()

    async def _trim(self) -> None:
        excess = await self._redis.zrange(self.RATED_ORDER, 0, -(self._max_rated + 1))
        if excess:
            await self._redis.zrem(self.RATED_ORDER, *excess)
            await self._redis.hdel(self.RATED_HASH, *excess)

    async def rated(self, rating: Rating | None, limit: int, offset: int) -> tuple[list[TurnRecord], int]:
        ids = await self._redis.zrevrange(self.RATED_ORDER, 0, -1)
        raws = await self._redis.hmget(self.RATED_HASH, ids) if ids else []
        turns = [TurnRecord.model_validate_json(raw) for raw in raws if raw]
        chosen = [t for t in turns if rating is None or t.rating == rating]
        return chosen[offset : offset + limit], len(chosen)


def build_turn_log(settings: Settings) -> TurnLog:
    if settings.redis_url:
        return RedisTurnLog(settings.redis_url, settings.session_ttl_s)
    return MemoryTurnLog()
