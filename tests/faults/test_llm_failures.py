"""The LLM failing mid-answer, on a live server in generate mode: the stream ends with
`event: error` (never a silently cut "success"), and the generation slot is free again."""

from __future__ import annotations

import time

import httpx

from tests.api.test_live_server import LiveServer, build
from tests.fakes import FakeLLM


def test_llm_crash_mid_stream_is_an_error_event_and_frees_the_slot(settings):
    llm = FakeLLM("린넨 셔츠를 추천드려요. 가격은 이만 구천 원입니다.", fail_after=3)
    app, _ = build(settings.model_copy(update={"answer_mode": "generate", "max_concurrent_generations": 1}), llm)
    with LiveServer(app) as server:
        server.wait_ready()
        slots = app.state.generation_slots
        body = httpx.post(f"{server.url}/chat/stream", json={"message": "린넨 셔츠 추천해줘"}, timeout=30).text
        assert "event: token" in body and "event: error" in body and "event: done" not in body
        deadline = time.monotonic() + 0.2
        while slots.active and time.monotonic() < deadline:
            time.sleep(0.01)
        assert slots.active == 0
        llm.fail_after = None
        llm.enqueue("다시 답변드려요.")
        again = httpx.post(f"{server.url}/chat", json={"message": "린넨 셔츠 추천해줘"}, timeout=30)
        assert again.status_code == 200  # the one slot was given back
