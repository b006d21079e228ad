"""FAQ questions embedded on their own, for question-to-question matching.

A shopper asks a question; the FAQ entry that answers it starts with a question worded
for the same need. The FAQ collection embeds "question\\nanswer" as an E5 *passage*;
this module keeps a second collection, `<faq>__questions`, with one vector per entry made
of the question alone, embedded as an E5 *query* (`query: ` on both sides is E5's
convention for symmetric similarity). The hybrid FAQ ranking fuses both
(docs/retrieval.md; measured in docs/benchmarks-retrieval.md).

The question collection is derived data: `QuestionMirror.sync` rebuilds it from the FAQ
collection (same ids, the entry's metadata plus a fingerprint), so every writer of the
FAQ (the pipeline's `faq` import, the admin console, `reindex`) stays as it is.
`ingest.index_faq` syncs right after writing; the server syncs at startup and, like the
BM25 mirror, whenever the FAQ collection's `index_version` changes. A question
collection built with another embedding model is dropped and rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence

from llm_server.errors import EmbeddingModelMismatch
from llm_server.protocol import FaqEntry
from llm_server.rag.dense_memory import DenseMemory
from llm_server.rag.documents import faq_from_metadata
from llm_server.rag.store import VectorStore
from llm_server.rag.throttle import RefreshThrottle

log = logging.getLogger(__name__)
QUESTIONS_SUFFIX = "__questions"
FINGERPRINT_KEY = "question_fingerprint"
#: Questions embedded and written per store call while syncing.
SYNC_BATCH = 256


def question_collection(faq_collection: str) -> str:
    """Name of the question collection derived from `faq_collection`."""
    return faq_collection + QUESTIONS_SUFFIX


def question_fingerprint(meta: Mapping) -> str:
    """Changes when the entry's question, answer or category changes (hit metadata is
    what a question match returns, so the answer must be current too)."""
    text = f"{meta.get('question', '')}\n{meta.get('answer', '')}\n{meta.get('category', '')}"
    return hashlib.sha1(text.encode()).hexdigest()


class QuestionMirror:
    """The `<faq>__questions` collection of one FAQ collection: sync and search.

    Thread-safe: one thread syncs at a time; searches read the store meanwhile.
    """

    def __init__(
        self,
        store: VectorStore,
        faq_collection: str,
        refresh_interval_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        memory: DenseMemory | None = None,
    ):
        """`memory`: search an in-memory copy, reloaded after each sync (dense_memory.py)."""
        self.store = store
        self.memory = memory
        self.faq_collection = faq_collection
        self.name = question_collection(faq_collection)
        self._synced_version: str | None = None
        self._size = 0
        self._lock = threading.Lock()
        self._throttle = RefreshThrottle(refresh_interval_s, clock, self._lock)

    # --- keeping in sync ---
    def refresh(self, force: bool = False) -> None:
        """Sync when the FAQ collection's version changed (checked at most every
        `refresh_interval_s` seconds; a sync already running elsewhere is not waited for)."""
        with self._throttle.due(force) as due:
            if due and self.store.version(self.faq_collection) != self._synced_version:
                self._sync()

    def sync(self) -> dict:
        """Diff the FAQ collection against the question collection and write the difference.

        Returns {"added_or_updated": int, "removed": int}. Embeds only new or changed
        questions (`Embedder.embed_queries`, batches of SYNC_BATCH).
        """
        with self._lock:
            return self._sync()

    def _sync(self) -> dict:
        version = self.store.version(self.faq_collection)
        self._open_or_rebuild()
        current = {
            hit.id: hit.metadata for hit in self.store.iter_all(self.faq_collection, documents=False)
        }
        known = {
            hit.id: hit.metadata.get(FINGERPRINT_KEY)
            for hit in self.store.iter_all(self.name, documents=False)
        }
        stale = [doc_id for doc_id in known if doc_id not in current]
        fresh = [i for i, meta in current.items() if known.get(i) != question_fingerprint(meta)]
        if stale:
            self.store.delete(self.name, stale)
        for start in range(0, len(fresh), SYNC_BATCH):
            self._write(fresh[start : start + SYNC_BATCH], current)
        self._size = len(current)
        self._synced_version = version
        if self.memory is not None:
            self.memory.load(self.name, watch=False)
        if stale or fresh:
            log.info("faq questions %s synced: %d written, %d removed", self.name, len(fresh), len(stale))
        return {"added_or_updated": len(fresh), "removed": len(stale)}

    def _open_or_rebuild(self) -> None:
        """Open the question collection; one built with another embedder is dropped."""
        try:
            self.store.collection(self.name)
        except EmbeddingModelMismatch:
            log.info("faq questions %s: embedding model changed, rebuilding", self.name)
            self.store.drop(self.name)
            self.store.collection(self.name)

    def _write(self, ids: Sequence[str], current: Mapping[str, Mapping]) -> None:
        questions = [str(current[i].get("question", "")) for i in ids]
        metadatas = [
            {**current[i], FINGERPRINT_KEY: question_fingerprint(current[i])} for i in ids
        ]
        vectors = self.store.embedder.embed_queries(questions)
        self.store.upsert(self.name, ids, questions, metadatas, embeddings=vectors)

    # --- searching ---
    def search(self, vector: Sequence[float], limit: int) -> list[FaqEntry]:
        """FAQ entries whose question is nearest to the query `vector`, nearest first.

        Args:
            vector: the query embedding (`Embedder.dimension` floats, unit length).
            limit: at most this many entries.
        Returns:
            FaqEntry items with `score` = cosine similarity of the questions; empty before
            the first sync or when the FAQ is empty.
        """
        if not self._size:
            return []
        n = min(limit, self._size)
        hits = self.memory.query(self.name, vector, n, watch=False) if self.memory is not None else None
        if hits is None:
            hits = self.store.query(self.name, vector, n)
        return [faq_from_metadata(h.id, h.metadata, h.similarity) for h in hits]
