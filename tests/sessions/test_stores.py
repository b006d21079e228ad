import pytest

from llm_server.config import Settings
from llm_server.llm.base import ChatMessage
from llm_server.sessions import build_session_store, is_valid_session_id, new_session_id
from llm_server.sessions.memory import MemorySessionStore

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["memory", "redis"])
async def store(request, redis_url):
    url = redis_url if request.param == "redis" else ""
    store = build_session_store(Settings(redis_url=url, session_ttl_s=60, session_max_messages=6))
    await store.start()
    yield store
    await store.close()


async def test_history_round_trip_and_delete(store):
    sid = new_session_id()
    await store.append(sid, ChatMessage("user", "제 이름은 민수예요"), ChatMessage("assistant", "반가워요"))
    await store.append(sid, ChatMessage("user", "제 이름이 뭐였죠?"))
    assert [m.content for m in await store.history(sid)] == ["제 이름은 민수예요", "반가워요", "제 이름이 뭐였죠?"]
    assert await store.delete(sid)
    assert await store.history(sid) == []


async def test_history_is_capped(store):
    sid = new_session_id()
    for i in range(10):
        await store.append(sid, ChatMessage("user", str(i)))
    assert [m.content for m in await store.history(sid)] == ["4", "5", "6", "7", "8", "9"]


async def test_redis_keys_follow_the_documented_layout_and_ttl(redis_url):
    from redis.asyncio import Redis

    store = build_session_store(Settings(redis_url=redis_url, session_ttl_s=3600))
    sid = new_session_id()
    await store.append(sid, ChatMessage("user", "안녕"))
    raw = Redis.from_url(redis_url, decode_responses=True)
    assert await raw.lrange(f"session:{sid}:history", 0, -1) == ['{"role": "user", "content": "안녕"}']
    assert 3500 < await raw.ttl(f"session:{sid}:history") <= 3600
    await raw.aclose()
    await store.close()


async def test_memory_store_expires_sessions():
    now = [0.0]
    store = MemorySessionStore(ttl_s=10, clock=lambda: now[0])
    await store.append("session-1", ChatMessage("user", "hi"))
    now[0] = 11
    assert await store.history("session-1") == []


def test_session_id_validation():
    assert is_valid_session_id(new_session_id())
    for bad in ["short", "has space here", "x" * 65, "../../etc/passwd", "세션아이디입니다"]:
        assert not is_valid_session_id(bad)


async def test_dialogue_state_round_trip_and_delete(store):
    sid = new_session_id()
    assert await store.state(sid) is None
    state = {"query": {"categories": ["셔츠"], "price_max": 30000}, "shown": [], "turns": 1}
    await store.save_state(sid, state)
    assert await store.state(sid) == state
    assert await store.delete(sid)
    assert await store.state(sid) is None


async def test_dialogue_state_expires_with_the_session():
    clock = [0.0]
    store = MemorySessionStore(ttl_s=10, clock=lambda: clock[0])
    await store.save_state("abcdefgh", {"turns": 1})
    clock[0] = 11.0
    assert await store.state("abcdefgh") is None
