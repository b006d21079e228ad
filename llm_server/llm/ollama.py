"""Ollama (official `ollama` AsyncClient): the production backend on the shop's GPU."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from llm_server.config import Settings
from llm_server.errors import LLMUnavailable
from llm_server.llm.base import BackendHealth, ChatMessage, GenerationOptions, LLMBackend

log = logging.getLogger(__name__)


class OllamaBackend(LLMBackend):
    name = "ollama"

    def __init__(self, settings: Settings, client=None):
        from ollama import AsyncClient

        self._settings = settings
        self._client = client or AsyncClient(host=settings.ollama_url)
        self._model = settings.ollama_model
        self._present = False
        self.describe_model(self._model)

    @property
    def model(self) -> str:
        return self._model

    async def start(self) -> None:
        if await self._model_present():
            self._present = True
            return
        if not self._settings.ollama_pull_on_start:
            raise LLMUnavailable(
                detail=f"Ollama at {self._settings.ollama_url} has no model '{self._model}'. "
                f"Run `ollama pull {self._model}` or set OLLAMA_PULL_ON_START=true."
            )
        log.info("pulling %s from Ollama at %s", self._model, self._settings.ollama_url)
        await self._translate(self._client.pull(self._model))
        self._present = True

    async def _model_present(self) -> bool:
        listing = await self._translate(self._client.list())
        names = {m.model for m in listing.models}
        wanted = self._model if ":" in self._model else f"{self._model}:latest"
        return wanted in names

    async def stream_chat(
        self, messages: list[ChatMessage], options: GenerationOptions
    ) -> AsyncIterator[str]:
        stream = await self._translate(
            self._client.chat(
                model=self._model,
                messages=[{"role": m.role, "content": m.content} for m in messages],
                stream=True,
                keep_alive=self._settings.ollama_keep_alive,
                options={
                    "temperature": options.temperature,
                    "num_ctx": options.num_ctx,
                    "num_predict": options.max_tokens,
                    **({"stop": list(options.stop)} if options.stop else {}),
                },
            )
        )
        async for part in stream:
            if part.message.content:
                yield part.message.content

    async def health(self) -> BackendHealth:
        try:
            present = await self._model_present()
        except LLMUnavailable as exc:
            return BackendHealth(ok=False, detail=exc.detail, model=self._model, extra={"backend": self.name})
        self._present = present
        detail = "model present" if present else f"model '{self._model}' not pulled"
        return BackendHealth(ok=present, detail=detail, model=self._model, extra={"backend": self.name})

    async def _translate(self, awaitable):
        """Turn the client's errors into one actionable LLMUnavailable."""
        from ollama import ResponseError

        try:
            return await awaitable
        except ResponseError as exc:
            if exc.status_code == 404:
                raise LLMUnavailable(
                    detail=f"Ollama has no model '{self._model}': run `ollama pull {self._model}` "
                    "or set OLLAMA_PULL_ON_START=true."
                ) from None
            raise LLMUnavailable(detail=f"Ollama error: {exc.error}") from None
        except (ConnectionError, OSError) as exc:
            raise LLMUnavailable(
                detail=f"Ollama at {self._settings.ollama_url} is unreachable ({exc}). "
                "Is `ollama serve` running and OLLAMA_HOST/OLLAMA_PORT right?"
            ) from None

