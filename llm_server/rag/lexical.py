"""BM25 over Kiwi morphemes, mirrored from the vector store and kept current incrementally.

The index is built once (startup) from `store.iter_all`. Afterwards, at most every
`refresh_interval_s`, the query path compares each collection's `index_version` (bumped
by every writer: pipeline sync, FAQ import) with the version it last synced, and on a
change diffs ids + fingerprints and re-tokenizes only what was added or changed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping

from llm_server.protocol import FaqEntry, Filters, Product
from llm_server.rag.bm25 import BM25Index
from llm_server.rag.documents import faq_from_metadata, product_from_metadata
from llm_server.rag.korean import KoreanTokenizer, shared_tokenizer
from llm_server.rag.retriever import Collections, Searcher
from llm_server.rag.store import VectorStore
from llm_server.rag.throttle import RefreshThrottle

log = logging.getLogger(__name__)


def fingerprint(kind: str, meta: Mapping) -> str:
    """What must change for a document to be re-tokenized."""
    if kind == "products" and meta.get("content_hash"):
        return str(meta["content_hash"])
    text = f"{meta.get('question', '')}\n{meta.get('answer', '')}\n{meta.get('product_json', '')}"
    return hashlib.sha1(text.encode()).hexdigest()


class BM25Searcher(Searcher):
    name = "bm25"

    def __init__(
        self,
        store: VectorStore,
        collections: Collections | None = None,
        tokenizer: KoreanTokenizer | None = None,
        refresh_interval_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.store = store
        self.collections = collections or Collections()
        self.tokenizer = tokenizer or shared_tokenizer()
        self.indexes = {"products": BM25Index(), "faq": BM25Index()}
        #: Indexed products as clients see them, by document id (what Filters.matches reads).
        self._products: dict[str, Product] = {}
        self._versions: dict[str, str] = {}
        self._throttle = RefreshThrottle(refresh_interval_s, clock)

    # --- keeping in sync ---
    def build(self) -> None:
        """Load the tokenizer and index both collections (startup; later calls only diff)."""
        self.tokenizer.load()
        self.refresh(force=True)

    @property
    def versions(self) -> dict[str, str]:
        """The index version each collection was last synced at (a copy)."""
        return dict(self._versions)

    def refresh(self, force: bool = False) -> None:
        """Sync a collection whose version changed; cheap when nothing did."""
        with self._throttle.due(force) as due:  # not due: serve from the current index
            for kind in self.indexes if due else ():
                self._sync_if_changed(kind)

    def _sync_if_changed(self, kind: str) -> None:
        name = getattr(self.collections, kind)
        version = self.store.version(name)
        if kind in self._versions and version == self._versions[kind]:
            return
        changed = self.sync(kind)
        self._versions[kind] = version
        if any(changed.values()):
            log.info("bm25 %s synced: %s", name, changed)

    def sync(self, kind: str) -> dict:
        """Diff the collection against the index; (re)tokenize only new or changed documents."""
        name, index = getattr(self.collections, kind), self.indexes[kind]
        current = {
            hit.id: fingerprint(kind, hit.metadata)
            for hit in self.store.iter_all(name, documents=False)
        }
        known = index.fingerprints()
        stale = [doc_id for doc_id in known if doc_id not in current]
        fresh = [doc_id for doc_id, fp in current.items() if known.get(doc_id) != fp]
        for doc_id in stale:
            index.remove(doc_id)
            self._products.pop(doc_id, None)
        for start in range(0, len(fresh), 500):
            for hit in self.store.get(name, ids=fresh[start : start + 500]):
                index.upsert(
                    hit.id,
                    self.tokenizer.terms(hit.document),
                    hit.metadata,
                    fingerprint(kind, hit.metadata),
                )
                if kind == "products":
                    self._products[hit.id] = product_from_metadata(hit.metadata)
        return {"added_or_updated": len(fresh), "removed": len(stale)}

    # --- searching ---
    def search_products(
        self, query: str, limit: int, filters: Filters | None = None
    ) -> list[Product]:
        return [
            self._products[doc_id].model_copy(update={"score": round(float(score), 4)})
            for doc_id, _meta, score in self.ranked_ids("products", query, limit, filters)
        ]

    def search_faq(self, query: str, limit: int) -> list[FaqEntry]:
        return [
            faq_from_metadata(doc_id, meta, score)
            for doc_id, meta, score in self.ranked_ids("faq", query, limit)
        ]

    def ranked_ids(
        self, kind: str, query: str, limit: int, filters: Filters | None = None
    ) -> list[tuple[str, dict, float]]:
        """(id, metadata, score) best first; only products passing `filters`."""
        self.refresh()
        index = self.indexes[kind]
        hits = index.search(self.tokenizer.terms(query), limit, self._accept(filters))
        return [(doc_id, dict(index.metadata(doc_id)), score) for doc_id, score in hits]

    def _accept(self, filters: Filters | None) -> Callable[[str], bool] | None:
        if filters is None or not filters.constrains:
            return None
        return lambda doc_id: doc_id in self._products and filters.matches(self._products[doc_id])

    def list_products(self, filters: Filters | None = None) -> list[Product]:
        """Every indexed product passing `filters` (sorting intents rank the whole catalog)."""
        self.refresh()
        ids = [d.id for d in self.indexes["products"].documents()]
        accept = self._accept(filters) or (lambda doc_id: doc_id in self._products)
        return [self._products[doc_id] for doc_id in ids if accept(doc_id)]

    def skus_matching(self, query: str) -> set[str]:
        """SKUs of every product containing a term of `query`."""
        self.refresh()
        scores = self.indexes["products"].scores(self.tokenizer.terms(query))
        return {self._products[doc_id].sku for doc_id in scores if doc_id in self._products}

    # --- signals for the topic gate and intent ---
    def match_share(self, kind: str, terms: list[str]) -> float:
        """Best single-document share of the query's idf mass (1.0: one document has every term)."""
        index = self.indexes[kind]
        top = index.search(terms, 5)
        return max((index.matched_share(terms, doc_id) for doc_id, _ in top), default=0.0)

    def coverage(self, terms: list[str]) -> float:
        return max(index.coverage(terms) for index in self.indexes.values())

    def vocabulary_size(self) -> int:
        return sum(len(index.vocabulary()) for index in self.indexes.values())
