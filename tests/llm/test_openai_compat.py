"""OpenAICompatBackend against a real local HTTP server speaking OpenAI's streaming protocol."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from llm_server.config import Settings
from llm_server.errors import LLMUnavailable, UpstreamError
from llm_server.llm.base import ChatMessage, GenerationOptions, prose_trusted
from llm_server.llm.openai_compat import OpenAICompatBackend

MESSAGES = [ChatMessage("system", "쇼핑 도우미입니다."), ChatMessage("user", "린넨 셔츠 있나요?")]
OPTIONS = GenerationOptions(temperature=0.2, max_tokens=64, stop=("<end_of_turn>",))


def chunk(content: str | None = None, role: str | None = None) -> str:
    delta = {k: v for k, v in {"role": role, "content": content}.items() if v is not None}
    body = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta}],
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


class FakeOpenAI:
    """A tiny threaded HTTP server: records requests, answers from `routes`."""

    def __init__(self):
        self.requests: list[dict] = []
        self.routes: dict[tuple[str, str], tuple[int, list[str]]] = {
            ("GET", "/v1/models"): (200, [json.dumps({"data": [{"id": "gemma-3-12b-it"}]})]),
        }
        self.gate: threading.Event | None = None  # when set, held after the first part
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self._answer(None)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                self._answer(json.loads(self.rfile.read(length)))

            def _answer(self, body):
                fake.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "body": body,
                        "auth": self.headers.get("Authorization"),
                    }
                )
                status, parts = fake.routes.get(
                    (self.command, self.path), (404, ['{"error": {"message": "no route"}}'])
                )
                self.send_response(status)
                streaming = bool(body and body.get("stream"))
                self.send_header(
                    "Content-Type", "text/event-stream" if streaming else "application/json"
                )
                self.end_headers()
                for index, part in enumerate(parts):
                    self.wfile.write(part.encode())
                    self.wfile.flush()
                    if index == 0 and fake.gate is not None:
                        fake.gate.wait(timeout=10)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def make_backend(url: str, model: str = "", api_key: str = "") -> OpenAICompatBackend:
    settings = Settings(openai_base_url=url, openai_model=model, openai_api_key=api_key)
    return OpenAICompatBackend(settings)


@pytest.fixture
def fake():
    with FakeOpenAI() as server:
        yield server


async def health_of(backend):
    try:
        return await backend.health()
    finally:
        await backend.close()


async def collect(backend, messages=MESSAGES, options=OPTIONS) -> list[str]:
    try:
        return [piece async for piece in backend.stream_chat(messages, options)]
    finally:
        await backend.close()


def test_streams_pieces_and_sends_exact_request(fake):
    fake.routes[("POST", "/v1/chat/completions")] = (
        200,
        [
            chunk(role="assistant"),
            ": keep-alive\n\n",
            chunk("네, "),
            chunk("있습니다."),
            chunk(""),
            "data: [DONE]\n\n",
            chunk("after done"),
        ],
    )
    backend = make_backend(fake.url, "gemma-3-12b-it", "sk-test")

    assert asyncio.run(collect(backend)) == ["네, ", "있습니다."]
    assert fake.requests == [
        {
            "method": "POST",
            "path": "/v1/chat/completions",
            "auth": "Bearer sk-test",
            "body": {
                "model": "gemma-3-12b-it",
                "messages": [
                    {"role": "system", "content": "쇼핑 도우미입니다."},
                    {"role": "user", "content": "린넨 셔츠 있나요?"},
                ],
                "stream": True,
                "temperature": 0.2,
                "max_tokens": 64,
                "stop": ["<end_of_turn>"],
            },
        }
    ]


def test_yields_the_first_piece_before_the_server_finishes(fake):
    fake.gate = threading.Event()
    fake.routes[("POST", "/v1/chat/completions")] = (
        200,
        [chunk("첫"), chunk("끝"), "data: [DONE]\n\n"],
    )

    async def first_then_rest():
        backend = make_backend(fake.url, "m")
        stream = backend.stream_chat(MESSAGES, OPTIONS)
        first = await asyncio.wait_for(anext(stream), timeout=5)  # server is still held
        fake.gate.set()
        rest = [piece async for piece in stream]
        await backend.close()
        return [first, *rest]

    assert asyncio.run(first_then_rest()) == ["첫", "끝"]


def test_start_picks_the_served_model_when_none_is_configured(fake):
    backend = make_backend(fake.url)

    async def start_and_check():
        await backend.start()
        health = await backend.health()
        await backend.close()
        return health

    health = asyncio.run(start_and_check())
    assert backend.model == "gemma-3-12b-it"
    assert health.ok and "gemma-3-12b-it" in health.detail
    assert fake.requests[0]["auth"] is None  # no api key configured: no header


def test_health_reports_a_model_the_server_does_not_serve(fake):
    backend = make_backend(fake.url, "llama-3-8b")
    health = asyncio.run(health_of(backend))
    assert not health.ok and "llama-3-8b" in health.detail


def test_http_error_status_becomes_upstream_error_with_server_message(fake):
    fake.routes[("POST", "/v1/chat/completions")] = (
        404,
        ['{"error": {"message": "The model `x` does not exist."}}'],
    )
    with pytest.raises(UpstreamError, match="404: The model `x` does not exist"):
        asyncio.run(collect(make_backend(fake.url, "x")))


def test_overloaded_server_is_unavailable_not_a_crash(fake):
    fake.routes[("POST", "/v1/chat/completions")] = (503, ["overloaded"])
    with pytest.raises(LLMUnavailable, match="503: overloaded"):
        asyncio.run(collect(make_backend(fake.url, "m")))


def test_error_frame_mid_stream_raises_upstream_error(fake):
    fake.routes[("POST", "/v1/chat/completions")] = (
        200,
        [
            chunk("부분"),
            'data: {"error": {"message": "KV cache is full"}}\n\n',
        ],
    )
    with pytest.raises(UpstreamError, match="KV cache is full"):
        asyncio.run(collect(make_backend(fake.url, "m")))


def test_unreachable_server_names_the_url_and_the_variable():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    backend = make_backend(url, "m")

    with pytest.raises(LLMUnavailable, match="OPENAI_BASE_URL") as err:
        asyncio.run(collect(backend))
    assert url in err.value.detail
    assert err.value.message.startswith("답변 모델")
    assert not asyncio.run(health_of(backend)).ok


def test_missing_base_url_is_a_clear_configuration_error():
    with pytest.raises(LLMUnavailable, match="OPENAI_BASE_URL"):
        make_backend("")


def test_registry_builds_it_for_llm_backend_openai():
    from llm_server.llm.registry import build_llm

    settings = Settings(llm_backend="openai", openai_base_url="http://vllm:8000/v1/")
    backend = build_llm(settings)
    assert isinstance(backend, OpenAICompatBackend)
    assert backend.base_url == "http://vllm:8000/v1"


@pytest.mark.parametrize(
    "model,params_b,trustworthy",
    [
        ("google/gemma-3-12b-it", 12.0, True),
        ("Qwen/Qwen2.5-7B-Instruct", 7.0, True),
        ("gemma-3-270m-it", 0.27, False),  # too small for free prose: grounded answers
        ("gemma-3-12b-pt", 12.0, False),  # pretrained, not instruction-tuned
    ],
)
def test_capabilities_come_from_the_served_model_name(model, params_b, trustworthy):
    backend = make_backend("http://vllm:8000/v1", model)
    assert backend.params_b == params_b
    assert prose_trusted("auto", backend.model_info) is trustworthy
