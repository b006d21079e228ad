"""Behaviour that needs a real HTTP server: disconnects, keep-alive pings, startup races."""

import threading
import time

import httpx
import uvicorn

from llm_server.main import create_app
from llm_server.rag.store import connect
from llm_server.runtime import Runtime
from tests.conftest import free_port
from tests.fakes import FakeLLM, HashEmbedder
from tests.sse import sse_events


class LiveServer:
    def __init__(self, app):
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def wait_ready(self, timeout=60.0) -> httpx.Response:
        deadline = time.monotonic() + timeout
        detail = "no answer"
        while time.monotonic() < deadline:
            try:  # a server still starting under load may not answer within httpx's default 5 s
                response = httpx.get(f"{self.url}/health/ready", timeout=10.0)
            except httpx.TransportError:
                time.sleep(0.1)
                continue
            if response.status_code == 200:
                return response
            detail = response.text
            time.sleep(0.1)
        raise TimeoutError(detail)


def build(settings, llm, **kwargs):
    runtime = Runtime(settings, llm=llm, embedder=HashEmbedder(), **kwargs)
    return create_app(settings, runtime=runtime), runtime


def test_client_disconnect_cancels_generation(settings):
    llm = FakeLLM("단어 " * 400, delay_s=0.02)
    app, runtime = build(settings, llm)
    with LiveServer(app) as server:
        server.wait_ready()
        with httpx.stream("POST", f"{server.url}/chat/stream", json={"message": "니트 추천"}, timeout=30) as response:
            for line in response.iter_lines():
                if line.startswith("event: token"):
                    break
        deadline = time.monotonic() + 10
        while runtime.stats.cancelled == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert runtime.stats.cancelled == 1 and runtime.stats.active == 0
        assert llm.cancelled, "the model kept generating for a client that left"
        stats = httpx.get(f"{server.url}/health/stats").json()["streams"]
        assert stats["cancelled"] == 1


def test_keepalive_ping_while_the_model_is_quiet(settings):
    app, _ = build(settings.model_copy(update={"sse_ping_s": 0.05}), FakeLLM("느린 답변", delay_s=0.3))
    with LiveServer(app) as server:
        server.wait_ready()
        response = httpx.post(f"{server.url}/chat/stream", json={"message": "니트 추천"}, timeout=30)
        assert ": ping" in response.text
        assert [name for name, _ in sse_events(response)][-1] == "done"


def test_vector_store_down_at_startup_never_crashes(settings):
    """The seed system's race: Chroma not up yet. We retry in the background and converge."""
    attempts = []

    def flaky_connect(s):
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise ConnectionError("Could not connect to tenant default_tenant")
        return connect(s)

    app, runtime = build(settings.model_copy(update={"dependency_retry_max_s": 0.5}), FakeLLM(), client_factory=flaky_connect)
    with LiveServer(app) as server:
        first = httpx.get(f"{server.url}/health/ready")
        assert first.status_code == 503
        assert first.json()["checks"]["products"]["ok"] is False
        early = httpx.post(f"{server.url}/chat/stream", json={"message": "배송비"})
        assert early.status_code == 503 and early.json()["error"]["code"] == "not_ready"
        ready = server.wait_ready()
        assert ready.json()["checks"]["vector_store"]["attempts"] == 3
        assert httpx.post(f"{server.url}/chat", json={"message": "배송비"}).status_code == 200


def test_embedding_model_mismatch_is_refused_with_reindex_advice(settings):
    from llm_server.rag.store import ChromaStore

    ChromaStore(connect(settings), HashEmbedder(name="other-model")).collection(settings.products_collection)
    app, _ = build(settings.model_copy(update={"dependency_retry_max_s": 0.2}), FakeLLM())
    with LiveServer(app) as server:
        time.sleep(1)
        body = httpx.get(f"{server.url}/health/ready").json()
        assert body["status"] == "not_ready"
        assert "re-index" in body["checks"]["vector_store"]["detail"].lower()
        assert "other-model" in body["checks"]["vector_store"]["detail"]


def test_redis_down_is_reported_and_chat_fails_cleanly(settings):
    app, _ = build(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0", "dependency_retry_max_s": 0.2}), FakeLLM())
    with LiveServer(app) as server:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready = httpx.get(f"{server.url}/health/ready")
            if ready.json()["checks"]["products"]["ok"]:
                break
            time.sleep(0.1)
        assert ready.status_code == 503
        checks = ready.json()["checks"]
        assert checks["sessions"]["ok"] is False and checks["sessions"]["backend"] == "redis"
        assert checks["products"]["ok"] is True
        once = httpx.post(f"{server.url}/chat", json={"message": "배송비"})
        assert once.status_code == 503 and once.json()["error"]["code"] == "sessions_unavailable"
        streamed = httpx.post(f"{server.url}/chat/stream", json={"message": "배송비"}).text
        assert "event: error" in streamed and "sessions_unavailable" in streamed
        assert httpx.get(f"{server.url}/sessions/abcdefgh12").status_code == 503


def test_store_reopens_a_collection_rebuilt_by_another_process(settings):
    from llm_server.rag.store import ChromaStore

    embedder = HashEmbedder()
    server_side = ChromaStore(connect(settings), embedder)
    server_side.upsert("products", ["a"], ["린넨 셔츠"], [{"price": 1}])
    assert server_side.count("products") == 1
    pipeline_side = ChromaStore(connect(settings), embedder)
    pipeline_side.drop("products")
    pipeline_side.upsert("products", ["b", "c"], ["코튼 티셔츠", "울 코트"], [{"price": 2}, {"price": 3}])
    assert server_side.count("products") == 2
    assert {h.id for h in server_side.query("products", embedder.embed_query("코트"), 2)} == {"b", "c"}
