"""OllamaBackend against a real local HTTP server speaking Ollama's REST API."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from llm_server.config import Settings
from llm_server.errors import LLMUnavailable
from llm_server.llm.base import ChatMessage, GenerationOptions
from llm_server.llm.ollama import OllamaBackend

pytestmark = pytest.mark.anyio


class FakeOllama(ThreadingHTTPServer):
    def __init__(self, models):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.models = list(models)
        self.requests: list[tuple[str, dict]] = []

    @property
    def host(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/api/tags":
            self._json({"models": [{"model": m, "name": m} for m in self.server.models]})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        self.server.requests.append((self.path, body))
        if self.path == "/api/chat":
            if body["model"] not in self.server.models:
                return self._json({"error": f"model '{body['model']}' not found"}, status=404)
            lines = [{"message": {"role": "assistant", "content": piece}, "done": False} for piece in ["배송은 ", "1~2일 ", "걸려요."]]
            lines.append({"message": {"role": "assistant", "content": ""}, "done": True})
            return self._ndjson(lines)
        if self.path == "/api/pull":
            self.server.models.append(body["model"])
            if body.get("stream", True):
                return self._ndjson([{"status": "pulling manifest"}, {"status": "success"}])
            return self._json({"status": "success"})

    def _json(self, payload, status=200):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _ndjson(self, lines):
        data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def ollama_server():
    servers = []

    def start(*models):
        server = FakeOllama(models)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()


def backend_for(server, **overrides):
    return OllamaBackend(Settings(ollama_host=server.host, **overrides))


async def test_streams_tokens_and_sends_options(ollama_server):
    server = ollama_server("gemma3:12b-it-qat")
    backend = backend_for(server, ollama_keep_alive="10m")
    await backend.start()
    options = GenerationOptions(temperature=0.2, max_tokens=64, num_ctx=2048)
    pieces = [p async for p in backend.stream_chat([ChatMessage("user", "배송 기간?")], options)]
    assert pieces == ["배송은 ", "1~2일 ", "걸려요."]
    path, body = server.requests[-1]
    assert path == "/api/chat"
    assert body["model"] == "gemma3:12b-it-qat" and body["stream"] is True and body["keep_alive"] == "10m"
    assert body["messages"] == [{"role": "user", "content": "배송 기간?"}]
    assert body["options"] == {"temperature": 0.2, "num_ctx": 2048, "num_predict": 64}
    assert (await backend.health()).ok


async def test_missing_model_says_how_to_fix(ollama_server):
    backend = backend_for(ollama_server("llama3:8b"))
    with pytest.raises(LLMUnavailable, match="ollama pull gemma3:12b-it-qat"):
        await backend.start()
    assert not (await backend.health()).ok


async def test_pull_on_start(ollama_server):
    server = ollama_server()
    backend = backend_for(server, ollama_pull_on_start=True)
    await backend.start()
    assert [body["model"] for path, body in server.requests if path == "/api/pull"] == ["gemma3:12b-it-qat"]
    assert (await backend.health()).ok


async def test_unreachable_server_is_actionable():
    backend = OllamaBackend(Settings(ollama_host="127.0.0.1", ollama_port=1))
    with pytest.raises(LLMUnavailable, match="unreachable"):
        await backend.start()
    health = await backend.health()
    assert not health.ok and "OLLAMA_HOST" in health.detail
