"""The vector-store contract (`VectorStore`) and its ChromaDB adapter (`ChromaStore`).

`VectorStore` declares every operation the server and the embedding pipeline use; filters
are the project's own `protocol.Filters`. `ChromaStore` is the only place that knows
Chroma: its client (embedded PersistentClient by default, HttpClient for a Chroma
server), its `where` language and how it reports a missing collection.

Every collection records the embedding model it was built with; querying it with another
model is refused with an actionable message instead of returning nonsense.
"""

from __future__ import annotations

import errno
import logging
import shutil
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_server.config import Settings
from llm_server.errors import AppError, EmbeddingModelMismatch, StorageFull, VectorStoreUnavailable
from llm_server.protocol import Filters
from llm_server.rag.documents import CATEGORY_KEY, COLOR_KEY, SIZE_KEY
from llm_server.rag.embeddings import Embedder

log = logging.getLogger(__name__)
MODEL_KEY = "embedding_model"
#: Collection metadata key every writer bumps after a write, so readers in other
#: processes (the running server's BM25 index) notice the change without a restart.
VERSION_KEY = "index_version"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Hit:
    id: str
    document: str
    metadata: dict
    distance: float | None = None

    @property
    def similarity(self) -> float:
        return 0.0 if self.distance is None else 1.0 - self.distance


def connect(settings: Settings):
    """Open the Chroma client named by settings (raises while a server is not up yet)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.uses_chroma_server:
        return chromadb.HttpClient(
            host=settings.chroma_db_host, port=settings.chroma_db_port, settings=chroma_settings
        )
    return chromadb.PersistentClient(path=settings.chroma_path, settings=chroma_settings)




class VectorStore(ABC):
    """Named collections of embedded documents with flat metadata.

    Reads take `Filters` (never a backend's query language). A collection that another
    process dropped and rebuilt is reopened transparently.
    """

    embedder: Embedder

    # --- collections ---
    @abstractmethod
    def collection(self, name: str) -> Any:
        """Open (creating when absent) a collection; raises EmbeddingModelMismatch."""

    @abstractmethod
    def has_collection(self, name: str) -> bool: ...

    @abstractmethod
    def drop(self, name: str) -> None: ...

    @abstractmethod
    def heartbeat(self) -> int: ...

    @abstractmethod
    def get_meta(self, name: str, key: str, default: Any = None) -> Any: ...

    @abstractmethod
    def set_meta(self, name: str, **values: Any) -> None: ...

    def bump_version(self, name: str, **extra_meta: Any) -> str:
        """Mark the collection changed (and store `extra_meta`, e.g. a watermark) in one write."""
        version = uuid.uuid4().hex
        self.set_meta(name, **extra_meta, **{VERSION_KEY: version})
        return version

    def version(self, name: str) -> str:
        return str(self.get_meta(name, VERSION_KEY, ""))

    # --- writes ---
    @abstractmethod
    def upsert(
        self,
        name: str,
        ids: Sequence[str],
        documents: Sequence[str],
        metadatas: Sequence[dict],
        embeddings: Sequence[Sequence[float]] | None = None,
    ) -> None: ...

    @abstractmethod
    def delete(self, name: str, ids: Sequence[str]) -> None: ...

    # --- reads ---
    @abstractmethod
    def count(self, name: str) -> int: ...

    @abstractmethod
    def query(
        self, name: str, embedding: Sequence[float], n: int, filters: Filters | None = None
    ) -> list[Hit]:
        """The `n` nearest documents passing `filters`, nearest first."""

    @abstractmethod
    def get(
        self,
        name: str,
        ids: Sequence[str] | None = None,
        filters: Filters | None = None,
        limit: int | None = None,
        offset: int | None = None,
        documents: bool = True,
    ) -> list[Hit]: ...

    def get_embeddings(
        self, name: str, limit: int | None = None, offset: int | None = None
    ) -> list[tuple[Hit, Sequence[float]]]:
        """A page of (hit without document, stored vector) pairs (rag/dense_memory.py)."""
        raise NotImplementedError

    def iter_all(self, name: str, page: int = 1000, documents: bool = True) -> Iterator[Hit]:
        offset = 0
        while hits := self.get(name, limit=page, offset=offset, documents=documents):
            yield from hits
            offset += len(hits)


class ChromaStore(VectorStore):
    """ChromaDB adapter; translates `Filters` to Chroma `where` clauses."""

    def __init__(self, client, embedder: Embedder, min_free_mb: float = 0.0):
        """`min_free_mb`: an embedded store refuses to add documents once its disk has less
        free (StorageFull), so a write never fills the disk itself: with no room left Chroma
        cannot apply its log and every read fails too (docs/reliability.md)."""
        self._client = client
        self.embedder = embedder
        self.min_free_bytes = int(min_free_mb * MIB)
        self.disk_path = _persist_directory(client)
        self._collections: dict[str, Any] = {}
        self._stale = False  # Chroma reported a full disk: reopen before the next call

    @property
    def client(self):
        if self._stale:
            self._reopen()
        return self._client

    def _drop_engine(self) -> None:
        """Never call this engine again (nor its collection handles): see `_reopen`."""
        if self.disk_path is not None:
            self._stale = True
            self._collections.clear()

    def _reopen(self) -> None:
        """A fresh embedded engine. After SQLite reported a full disk, chromadb 1.5.9's engine
        can deadlock on a later call while holding the GIL (the whole process stops, timeouts
        included), so it is never called again; a new one works once there is room to open."""
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient

        settings = self._client.get_settings()
        SharedSystemClient.clear_system_cache()
        try:
            self._client = chromadb.PersistentClient(path=self.disk_path, settings=settings)
        except Exception as exc:
            if not (is_disk_full(exc) or self._disk_nearly_full()):
                raise
            raise VectorStoreUnavailable(detail=f"disk full: Chroma at {self.disk_path} cannot open ({exc})"[:300]) from None
        self._collections.clear()
        self._stale = False
        log.warning("Chroma at %s reopened after a full disk", self.disk_path)

    # --- collections ---
    def collection(self, name: str):
        if name not in self._collections:
            with self._writing():
                collection = self.client.get_or_create_collection(
                    name=name,
                    metadata={MODEL_KEY: self.embedder.name, "hnsw:space": "cosine"},
                    embedding_function=None,
                )
            self._check_model(collection)
            self._collections[name] = collection
        return self._collections[name]

    def _check_model(self, collection) -> None:
        built_with = (collection.metadata or {}).get(MODEL_KEY)
        if built_with and built_with != self.embedder.name:
            raise EmbeddingModelMismatch(
                detail=f"Collection '{collection.name}' was built with embedding model '{built_with}' "
                f"but EMBEDDING_MODEL is '{self.embedder.name}'. Re-index it "
                "(`embedding-pipeline sync --full` and `embedding-pipeline faq PATH`), "
                "or set EMBEDDING_MODEL back."
            )

    def get_meta(self, name: str, key: str, default: Any = None) -> Any:
        return (self._refreshed(name).metadata or {}).get(key, default)

    def set_meta(self, name: str, **values: Any) -> None:
        collection = self._refreshed(name)
        merged = {k: v for k, v in (collection.metadata or {}).items() if not k.startswith("hnsw:")}
        with self._writing():
            collection.modify(metadata={**merged, **values})
        self._collections.pop(name, None)

    def _refreshed(self, name: str):
        self._collections.pop(name, None)
        return self.collection(name)

    def has_collection(self, name: str) -> bool:
        return name in {_collection_name(c) for c in self.client.list_collections()}

    def drop(self, name: str) -> None:
        self._collections.pop(name, None)
        if self.has_collection(name):
            self.client.delete_collection(name)
        else:
            log.debug("collection %s did not exist", name)

    # --- writes ---
    def max_batch_size(self) -> int:
        try:
            return int(self.client.get_max_batch_size())
        except Exception:  # noqa: BLE001 - older servers
            return 1000

    def upsert(
        self,
        name: str,
        ids: Sequence[str],
        documents: Sequence[str],
        metadatas: Sequence[dict],
        embeddings: Sequence[Sequence[float]] | None = None,
    ) -> None:
        if not ids:
            return
        vectors = list(embeddings) if embeddings is not None else self.embedder.embed_documents(list(documents))
        self.check_room()
        for start, end in _batches(len(ids), self.max_batch_size()):
            with self._writing():
                self.collection(name).upsert(
                    ids=list(ids[start:end]),
                    documents=list(documents[start:end]),
                    metadatas=list(metadatas[start:end]),
                    embeddings=vectors[start:end],
                )

    def delete(self, name: str, ids: Sequence[str]) -> None:
        for start, end in _batches(len(ids), self.max_batch_size()):
            with self._writing():
                self.collection(name).delete(ids=list(ids[start:end]))

    # --- the disk under an embedded store ---
    def free_bytes(self) -> int | None:
        """Free bytes on the embedded store's disk (None for a Chroma server)."""
        if self.disk_path is None:
            return None
        path = Path(self.disk_path)
        while not path.exists() and path != path.parent:
            path = path.parent
        return shutil.disk_usage(path).free

    def check_room(self) -> None:
        """Refuse to add documents while the disk has less than `min_free_bytes` free."""
        free = self.free_bytes()
        if free is not None and free < self.min_free_bytes:
            raise StorageFull(
                detail=f"{free / MIB:.1f} MiB free on the disk of {self.disk_path}, below "
                f"CHROMA_MIN_FREE_MB={self.min_free_bytes / MIB:g}"
            )

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A write to Chroma; a full disk becomes `StorageFull` (507), anything else passes."""
        try:
            yield
        except AppError:
            raise
        except Exception as exc:
            if not (is_disk_full(exc) or self._disk_nearly_full()):
                raise
            self._drop_engine()
            reason = (str(exc).splitlines() or [""])[0]
            raise StorageFull(detail=f"{type(exc).__name__}: {reason}"[:200]) from None

    def _disk_nearly_full(self) -> bool:
        # Chroma sometimes reports only its symptom ("Failed to apply logs to the metadata
        # segment"): a write that failed with under 1 MiB free failed for want of space
        free = self.free_bytes()
        return free is not None and free < max(self.min_free_bytes, MIB)

    # --- reads ---
    def count(self, name: str) -> int:
        return self._on_collection(name, lambda c: c.count())

    def _on_collection(self, name: str, operation):
        """Run `operation` on the cached handle; if another process dropped and rebuilt the
        collection (`embedding-pipeline sync --full` after a model change), reopen it once."""
        import httpx
        from chromadb.errors import NotFoundError

        try:
            return operation(self.collection(name))
        except NotFoundError:
            self._collections.pop(name, None)
            return operation(self.collection(name))
        except (httpx.TransportError, ConnectionError) as exc:  # the Chroma server went away
            raise VectorStoreUnavailable(detail=f"{type(exc).__name__}: {exc}") from None
        except StorageFull as exc:  # opening the collection for a read hit the full disk
            raise VectorStoreUnavailable(detail=f"disk full: {exc.detail}") from None
        except AppError:
            raise
        except Exception as exc:
            if not self._disk_nearly_full():
                raise
            # a full disk: Chroma cannot apply a write it logged, so reads fail until space is freed
            self._drop_engine()
            raise VectorStoreUnavailable(detail=f"disk full: {type(exc).__name__}: {exc}"[:300]) from None

    def heartbeat(self) -> int:
        return self.client.heartbeat()

    def query(
        self, name: str, embedding: Sequence[float], n: int, filters: Filters | None = None
    ) -> list[Hit]:
        where = chroma_where(filters)
        result = self._on_collection(
            name,
            lambda c: c.query(
                query_embeddings=[list(embedding)],
                n_results=n,
                where=where,
                include=["documents", "metadatas", "distances"],
            ),
        )
        return [
            Hit(id=i, document=d or "", metadata=m or {}, distance=dist)
            for i, d, m, dist in zip(
                result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0],
                strict=True,
            )
        ]

    def get(
        self,
        name: str,
        ids: Sequence[str] | None = None,
        filters: Filters | None = None,
        limit: int | None = None,
        offset: int | None = None,
        documents: bool = True,
    ) -> list[Hit]:
        where = chroma_where(filters)
        include = ["metadatas", "documents"] if documents else ["metadatas"]
        result = self._on_collection(
            name,
            lambda c: c.get(
                ids=list(ids) if ids is not None else None,
                where=where,
                limit=limit,
                offset=offset,
                include=include,
            ),
        )
        docs = result.get("documents") or [""] * len(result["ids"])
        return [
            Hit(id=i, document=d or "", metadata=m or {})
            for i, d, m in zip(result["ids"], docs, result["metadatas"], strict=True)
        ]

    def get_embeddings(
        self, name: str, limit: int | None = None, offset: int | None = None
    ) -> list[tuple[Hit, Sequence[float]]]:
        result = self._on_collection(
            name, lambda c: c.get(limit=limit, offset=offset, include=["metadatas", "embeddings"])
        )
        vectors = result["embeddings"] if result["embeddings"] is not None else []
        return [
            (Hit(id=i, document="", metadata=m or {}), e)
            for i, m, e in zip(result["ids"], result["metadatas"], vectors, strict=True)
        ]


# How a full disk reaches us: SQLite's SQLITE_FULL text (embedded Chroma and a Chroma server
# relay it), or the OSError of a file write (ENOSPC; EFBIG past RLIMIT_FSIZE; EDQUOT).
DISK_FULL_TEXTS = ("database or disk is full", "no space left on device", "file too large", "disk quota exceeded")
DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def _persist_directory(client) -> str | None:
    """The directory of an embedded (persistent) client; None for a server or a test double."""
    try:
        settings = client.get_settings()
    except Exception:  # noqa: BLE001 - wrappers and older clients
        return None
    path = getattr(settings, "persist_directory", None)
    return str(path) if getattr(settings, "is_persistent", False) and path else None


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS:
        return True
    text = str(exc).lower()
    return any(marker in text for marker in DISK_FULL_TEXTS)


def chroma_where(filters: Filters | None) -> dict | None:
    """`Filters` as a Chroma `where` clause over `documents.product_metadata` keys."""
    if filters is None:
        return None
    clauses: list[dict] = []
    if filters.price_min is not None:
        clauses.append({"price": {"$gte": filters.price_min}})
    if filters.price_max is not None:
        clauses.append({"price": {"$lte": filters.price_max}})
    clauses.extend(_any_of(CATEGORY_KEY, filters.categories))
    clauses.extend(_any_of(SIZE_KEY, filters.sizes))
    clauses.extend(_any_of(COLOR_KEY, filters.colors))
    if filters.exclude_colors:
        clauses.append({"color": {"$nin": list(filters.exclude_colors)}})
    if filters.exclude_skus:
        clauses.append({"sku": {"$nin": list(filters.exclude_skus)}})
    if filters.in_stock:
        clauses.append({"in_stock": True})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _any_of(key: str, values: Sequence[str]) -> list[dict]:
    options = [{key.format(v): True} for v in values]
    return [{"$or": options}] if len(options) > 1 else options


def _collection_name(collection: Any) -> str:
    """Chroma >= 0.6 lists names; older clients list Collection objects."""
    return collection if isinstance(collection, str) else collection.name


def _batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    size = max(1, size)
    for start in range(0, total, size):
        yield start, min(start + size, total)
