"""The vector store side: open llm_server's VectorStore and translate its failures."""

from __future__ import annotations

import logging

from embedding_pipeline.errors import ConfigError, StorageFull, Unreachable
from llm_server.config import Settings
from llm_server.errors import EmbeddingModelMismatch
from llm_server.rag.embeddings import Embedder
from llm_server.rag.store import ChromaStore, VectorStore, connect, is_disk_full

log = logging.getLogger(__name__)
FREE_SPACE_ADVICE = "Batches already written are kept; free space and run the same command again."
REINDEX_ADVICE = "`embedding-pipeline reindex` rebuilds every collection for the configured model."


class NameOnlyEmbedder(Embedder):
    """Stands in for the real model where only its name is needed (reading state)."""

    def __init__(self, name: str):
        self.name = name

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise RuntimeError("NameOnlyEmbedder cannot embed")

    def embed_query(self, text: str) -> list[float]:
        raise RuntimeError("NameOnlyEmbedder cannot embed")


def describe(settings: Settings) -> str:
    if settings.uses_chroma_server:
        return f"Chroma server at {settings.chroma_db_host}:{settings.chroma_db_port}"
    return f"Chroma at {settings.chroma_path}"


def connect_store(settings: Settings, embedder: Embedder) -> VectorStore:
    """The store named by settings, answering (no collection opened yet)."""
    try:
        store = ChromaStore(connect(settings), embedder, settings.chroma_min_free_mb)
        store.heartbeat()
    except Exception as exc:  # noqa: BLE001 - chromadb raises many types for "not there"
        if is_disk_full(exc):  # embedded Chroma writes as it opens: a full disk is not "down"
            raise StorageFull(f"{describe(settings)}: the disk is full ({type(exc).__name__}: {exc}). {FREE_SPACE_ADVICE}"[:400]) from None
        raise Unreachable(f"{describe(settings)} did not answer ({type(exc).__name__}: {exc})"[:300]) from None
    return store


def open_store(settings: Settings, embedder: Embedder, collection: str, rebuild: bool = False) -> VectorStore:
    """A store whose `collection` matches the embedder; `rebuild` drops one built with another model."""
    store = connect_store(settings, embedder)
    try:
        store.collection(collection)
    except EmbeddingModelMismatch as exc:
        if not rebuild:
            raise ConfigError(f"{exc.detail} {REINDEX_ADVICE}") from None
        log.warning("%s; rebuilding it with '%s'", exc.detail.split(". ")[0], embedder.name)
        store.drop(collection)
        store.collection(collection)
    return store
