"""Small honest fakes for unit tests (integration tests use the real engines)."""

from __future__ import annotations

import asyncio
import hashlib
import math
import re
from collections.abc import AsyncIterator

from llm_server.llm.base import BackendHealth, ChatMessage, GenerationOptions, LLMBackend
from llm_server.rag.embeddings import Embedder


class FakeLLM(LLMBackend):
    """Streams queued replies word by word and records every prompt it was given."""

    name = "fake"

    def __init__(self, *replies: str, trustworthy: bool = True, delay_s: float = 0.0, fail_after: int | None = None):
        self.replies = list(replies)
        self.calls: list[list[ChatMessage]] = []
        self.params_b = 12.0 if trustworthy else 0.27
        self.instruction_tuned = trustworthy
        self.delay_s = delay_s
        self.fail_after = fail_after
        self.loaded = False
        self.cancelled = False

    @property
    def model(self) -> str:
        return "fake-model"

    def enqueue(self, reply: str) -> None:
        self.replies.append(reply)

    async def start(self) -> None:
        self.loaded = True

    async def stream_chat(self, messages: list[ChatMessage], options: GenerationOptions) -> AsyncIterator[str]:
        self.calls.append(list(messages))
        reply = self.replies.pop(0) if self.replies else "네, 알겠습니다."
        try:
            for index, word in enumerate(re.findall(r"\S+\s*", reply)):
                if self.fail_after is not None and index >= self.fail_after:
                    raise RuntimeError("model crashed")
                await asyncio.sleep(self.delay_s)
                yield word
        except asyncio.CancelledError:
            self.cancelled = True
            raise

    async def health(self) -> BackendHealth:
        return BackendHealth(ok=self.loaded, detail="fake", model=self.model)


class HashEmbedder(Embedder):
    """Deterministic bag-of-character-bigrams embedding: similar strings get similar vectors."""

    def __init__(self, name: str = "hash-embedder", dims: int = 256):
        self.name = name
        self.dims = dims

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self.dims
        compact = re.sub(r"\s+", "", text.lower())
        for gram in (compact[i : i + 2] for i in range(max(1, len(compact) - 1))):
            bucket = int(hashlib.md5(gram.encode()).hexdigest(), 16) % self.dims
            vector[bucket] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]
