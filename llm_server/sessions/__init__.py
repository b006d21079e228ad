"""Conversation history: Redis in production, an in-process TTL store otherwise."""

from llm_server.sessions.base import SessionStore, is_valid_session_id, new_session_id

__all__ = ["SessionStore", "is_valid_session_id", "new_session_id", "build_session_store"]


def build_session_store(settings) -> SessionStore:
    if settings.redis_url:
        from llm_server.sessions.redis_store import RedisSessionStore

        return RedisSessionStore(settings.redis_url, settings.session_ttl_s, settings.session_max_messages)
    from llm_server.sessions.memory import MemorySessionStore

    return MemorySessionStore(settings.session_ttl_s, settings.session_max_messages)
