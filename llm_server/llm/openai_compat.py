"""Any OpenAI-compatible chat server (vLLM, llama.cpp's llama-server, TGI, LM Studio).

Streams `POST {base}/chat/completions` with `stream: true` and reads its server-sent
events (parsed by httpx-sse) until `[DONE]`. Transport errors are translated once, here, into the
server's error hierarchy with a message that says which URL and which variable to fix.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
from httpx_sse import EventSource, SSEError

from llm_server.config import Settings
from llm_server.errors import LLMUnavailable, UpstreamError
from llm_server.llm.base import BackendHealth, ChatMessage, GenerationOptions, LLMBackend

CONNECT_TIMEOUT_S = 5.0


class OpenAICompatBackend(LLMBackend):
    name = "openai"

    def __init__(self, settings: Settings, client: httpx.AsyncClient | None = None) -> None:
        if not settings.openai_base_url:
            raise LLMUnavailable(
                detail="LLM_BACKEND=openai needs OPENAI_BASE_URL (e.g. http://vllm:8000/v1)."
            )
        self.base_url = settings.openai_base_url.rstrip("/")
        self._api_key = settings.openai_api_key
        self._timeout = httpx.Timeout(settings.llm_timeout_s, connect=CONNECT_TIMEOUT_S)
        self._client = client
        self._set_model(settings.openai_model)

    def _set_model(self, model: str) -> None:
        self._model = model
        self.describe_model(model)

    @property
    def model(self) -> str:
        return self._model

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
            self._client = httpx.AsyncClient(headers=headers, timeout=self._timeout)
        return self._client

    async def start(self) -> None:
        """Check the server answers; with no OPENAI_MODEL, use the first model it serves."""
        served = await self.list_models()
        if not self._model:
            if not served:
                raise LLMUnavailable(detail=f"{self.base_url}/models lists no model; set OPENAI_MODEL.")
            self._set_model(served[0])

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def list_models(self) -> list[str]:
        response = await self._send(self.client.build_request("GET", f"{self.base_url}/models"))
        await _raise_for_status(response)
        return [entry["id"] for entry in _json(response.content).get("data", [])]

    async def health(self) -> BackendHealth:
        try:
            served = await self.list_models()
        except (LLMUnavailable, UpstreamError) as exc:
            return self._health(False, exc.detail)
        if self._model and self._model not in served:
            detail = f"model {self._model!r} not served by {self.base_url} (serves {served})"
            return self._health(False, detail)
        return self._health(True, f"{self.base_url} serves {self._model}")

    def _health(self, ok: bool, detail: str) -> BackendHealth:
        extra = {"backend": self.name, "base_url": self.base_url}
        return BackendHealth(ok=ok, detail=detail, model=self._model, extra=extra)

    async def stream_chat(
        self, messages: list[ChatMessage], options: GenerationOptions
    ) -> AsyncIterator[str]:
        request = self.client.build_request(
            "POST", f"{self.base_url}/chat/completions", json=self.request_body(messages, options)
        )
        response = await self._send(request, stream=True)
        try:
            await _raise_for_status(response)
            async for event in EventSource(response).aiter_sse():
                if event.data.strip() == "[DONE]":
                    return
                if piece := _delta_text(event.data):
                    yield piece
        except SSEError as exc:
            raise UpstreamError(detail=f"{self.base_url} did not answer with an event stream: {exc}") from None
        except httpx.HTTPError as exc:
            raise UpstreamError(detail=f"{self.base_url} broke the stream: {exc}") from None
        finally:
            await response.aclose()

    def request_body(self, messages: list[ChatMessage], options: GenerationOptions) -> dict:
        body = {
            "model": self._model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
            "temperature": options.temperature,
            "max_tokens": options.max_tokens,
        }
        if options.stop:
            body["stop"] = list(options.stop)
        return body

    async def _send(self, request: httpx.Request, stream: bool = False) -> httpx.Response:
        try:
            return await self.client.send(request, stream=stream)
        except httpx.TimeoutException:
            raise LLMUnavailable(
                detail=f"OpenAI-compatible server at {self.base_url} timed out (LLM_TIMEOUT_S)."
            ) from None
        except httpx.TransportError as exc:
            raise LLMUnavailable(
                detail=f"Cannot reach the OpenAI-compatible server at {self.base_url} ({exc}). "
                "Is it running? Check OPENAI_BASE_URL."
            ) from None


def _delta_text(payload: str) -> str | None:
    """The text of one streamed chunk (None when it carries none)."""
    if not payload:
        return None
    chunk = _json(payload.encode())
    if "error" in chunk:
        raise UpstreamError(detail=f"LLM server error: {_error_message(chunk)}")
    choices = chunk.get("choices") or [{}]
    return (choices[0].get("delta") or {}).get("content")


async def _raise_for_status(response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    body = await response.aread()
    await response.aclose()
    message = _error_message(_json(body, strict=False)) or body[:200].decode(errors="replace")
    if response.status_code in (502, 503, 504):
        raise LLMUnavailable(detail=f"LLM server answered {response.status_code}: {message}")
    raise UpstreamError(detail=f"LLM server answered {response.status_code}: {message}")


def _json(raw: bytes, strict: bool = True) -> dict:
    try:
        value = json.loads(raw)
    except ValueError:
        if not strict:
            return {}
        raise UpstreamError(detail=f"LLM server sent invalid JSON: {raw[:200]!r}") from None
    return value if isinstance(value, dict) else {}


def _error_message(payload: dict) -> str:
    error = payload.get("error")
    if isinstance(error, dict):
        return str(error.get("message") or error)
    return str(error or payload.get("detail") or payload.get("message") or "")
