"""End to end on the embedded default: real llama.cpp Gemma 3 270M, real MiniLM, real Chroma."""

import json
import time

import pytest
from fastapi.testclient import TestClient

from llm_server.config import Settings
from llm_server.llm.base import ChatMessage, GenerationOptions
from llm_server.llm.llamacpp import LlamaCppBackend
from llm_server.main import create_app
from tests.conftest import DATA_DIR
from tests.sse import sse_events

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def llama():
    import anyio

    backend = LlamaCppBackend(Settings(llm_max_tokens=32))
    anyio.run(backend.start)
    yield backend
    anyio.run(backend.close)


@pytest.mark.anyio
async def test_real_model_streams_tokens(llama):
    options = GenerationOptions(temperature=0.0, max_tokens=24)
    started = time.perf_counter()
    pieces = [p async for p in llama.stream_chat([ChatMessage("user", "안녕하세요, 자기소개 해주세요.")], options)]
    assert len(pieces) >= 2, pieces
    assert "".join(pieces).strip()
    assert time.perf_counter() - started < 60
    assert (await llama.health()).ok


@pytest.mark.anyio
async def test_abandoned_generation_frees_the_model(llama):
    options = GenerationOptions(temperature=0.0, max_tokens=400)
    stream = llama.stream_chat([ChatMessage("user", "긴 이야기를 들려주세요.")], options)
    await anext(stream)
    await stream.aclose()
    started = time.perf_counter()
    follow_up = [p async for p in llama.stream_chat([ChatMessage("user", "네")], GenerationOptions(max_tokens=4))]
    assert follow_up and time.perf_counter() - started < 20


@pytest.fixture(scope="module")
def app_settings(tmp_path_factory):
    return Settings(
        chroma_path=str(tmp_path_factory.mktemp("chroma")),
        demo_data_dir=str(DATA_DIR),
        load_demo_data=True,
        llm_max_tokens=48,
    )


def ready_client(settings):
    client = TestClient(create_app(settings))
    client.__enter__()
    deadline = time.monotonic() + 300
    while client.get("/health/ready").status_code != 200:
        assert time.monotonic() < deadline, client.get("/health/ready").json()
        time.sleep(0.2)
    return client


def test_generate_mode_streams_from_the_real_model(app_settings):
    client = ready_client(app_settings.model_copy(update={"answer_mode": "generate"}))
    try:
        response = client.post("/chat/stream", json={"message": "3만원 이하 반팔 티셔츠 있어요?"})
        events = sse_events(response)
        names = [n for n, _ in events]
        assert names[0] == "meta" and names[-1] == "done", names
        assert events[0][1]["answer_mode"] == "generate" and events[0][1]["products"]
        assert names.count("token") >= 3
        assert events[-1][1]["timings"]["ttft_ms"] > 0
        ready = client.get("/health/ready").json()["checks"]["llm"]
        assert ready["backend"] == "llamacpp" and ready["model"].startswith("gemma-3-270m")
    finally:
        client.__exit__(None, None, None)


def test_default_mode_is_an_extractive_korean_answer_with_products(app_settings):
    client = ready_client(app_settings)
    try:
        events = sse_events(client.post("/chat/stream", json={"message": "3만원 이하 반팔 티셔츠 있어요?"}))
        meta = events[0][1]
        assert meta["answer_mode"] == "extractive"
        answer = "".join(d["text"] for n, d in events if n == "token")
        assert meta["products"] and any(p["name"] in answer for p in meta["products"])
        assert "원" in answer
        print(json.dumps({"answer": answer}, ensure_ascii=False))
    finally:
        client.__exit__(None, None, None)
