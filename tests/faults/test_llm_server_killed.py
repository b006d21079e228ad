"""A real OpenAI-compatible LLM server (llama-cpp-python's `llama_cpp.server` with the
embedded Gemma 3 270M GGUF) killed with SIGKILL in the middle of a streamed answer, then
started again: the shopper's stream ends with `event: error` (never a silently cut
"success"), the generation slot is free within 200 ms, and the next turn is answered by the
restarted server without restarting llm_server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from llm_server.main import create_app
from llm_server.runtime import Runtime
from tests.api.test_live_server import LiveServer
from tests.conftest import free_port
from tests.fakes import HashEmbedder


def _model_path() -> str:
    from llm_server.llm.llamacpp import default_model_path

    return str(default_model_path())


class LlamaServer:
    """`python -m llama_cpp.server` on a fixed port, startable again after a kill."""

    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self, timeout: float = 120.0) -> None:
        command = [sys.executable, "-m", "llama_cpp.server", "--model", _model_path(), "--host", "127.0.0.1",
                   "--port", str(self.port), "--n_ctx", "2048", "--n_threads", "1", "--verbose", "false"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.url}/models", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise TimeoutError("llama_cpp.server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def llama_server():
    try:
        import llama_cpp.server.app  # noqa: F401 - needs starlette-context (pyproject)
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("llama_cpp.server is not importable (pip install starlette-context)")
    server = LlamaServer(free_port())
    server.start()
    yield server
    server.kill()


@pytest.mark.slow
def test_llm_server_killed_mid_stream_then_restarted(settings, llama_server):
    app_settings = settings.model_copy(
        update={
            "llm_backend": "openai",
            "openai_base_url": llama_server.url,
            "answer_mode": "generate",
            "llm_trusted_prose": "true",
            "max_concurrent_generations": 1,
            "llm_max_tokens": 96,
            "llm_temperature": 1.0,
        }
    )
    app = create_app(app_settings, runtime=Runtime(app_settings, embedder=HashEmbedder()))
    with LiveServer(app) as server:
        server.wait_ready(timeout=120)
        slots = app.state.generation_slots
        events: list[str] = []
        with httpx.stream("POST", f"{server.url}/chat/stream", json={"message": "린넨 셔츠 추천해 주세요"},
                          timeout=60) as response:
            for line in response.iter_lines():
                if line.startswith("event:"):
                    events.append(line.split(":", 1)[1].strip())
                    if events.count("token") == 1:
                        llama_server.kill()  # mid-answer: the first piece has reached the shopper
        assert "token" in events and events[-1] == "error" and "done" not in events, events
        deadline = time.monotonic() + 0.2
        while slots.active and time.monotonic() < deadline:
            time.sleep(0.01)
        assert slots.active == 0

        llama_server.start()
        again = httpx.post(f"{server.url}/chat", json={"message": "린넨 셔츠 추천해 주세요"}, timeout=120)
        assert again.status_code == 200, again.text
        assert again.json()["answer"].strip()
