"""A small in-memory BM25 (Okapi) index over a dict of postings, updated in place.

bm25s is built for static corpora (re-indexing to add a document); a shop catalog
changes one product at a time, so this index adds, replaces and removes single
documents in O(terms of that document) and never rebuilds.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class IndexedDoc:
    id: str
    terms: Counter
    length: int
    metadata: Mapping
    fingerprint: str


class BM25Index:
    """Okapi BM25 with idf = ln(1 + (N - df + 0.5) / (df + 0.5)); thread-safe."""

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self._docs: dict[str, IndexedDoc] = {}
        self._postings: dict[str, dict[str, int]] = {}
        self._total_length = 0
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._docs

    def fingerprints(self) -> dict[str, str]:
        with self._lock:
            return {doc_id: doc.fingerprint for doc_id, doc in self._docs.items()}

    def vocabulary(self) -> set[str]:
        with self._lock:
            return set(self._postings)

    def metadata(self, doc_id: str) -> Mapping:
        return self._docs[doc_id].metadata

    def documents(self) -> list[IndexedDoc]:
        with self._lock:
            return list(self._docs.values())

    # --- writes ---
    def upsert(
        self, doc_id: str, terms: Iterable[str], metadata: Mapping, fingerprint: str = ""
    ) -> None:
        counts = Counter(terms)
        with self._lock:
            self.remove(doc_id)
            doc = IndexedDoc(doc_id, counts, sum(counts.values()), dict(metadata), fingerprint)
            self._docs[doc_id] = doc
            self._total_length += doc.length
            for term, tf in counts.items():
                self._postings.setdefault(term, {})[doc_id] = tf

    def remove(self, doc_id: str) -> bool:
        with self._lock:
            doc = self._docs.pop(doc_id, None)
            if doc is None:
                return False
            self._total_length -= doc.length
            for term in doc.terms:
                posting = self._postings.get(term, {})
                posting.pop(doc_id, None)
                if not posting:
                    self._postings.pop(term, None)
            return True

    # --- reads ---
    def idf(self, term: str) -> float:
        df = len(self._postings.get(term, ()))
        return math.log(1.0 + (len(self._docs) - df + 0.5) / (df + 0.5))

    def scores(
        self, terms: Iterable[str], accept: Callable[[str], bool] | None = None
    ) -> dict[str, float]:
        """BM25 score of every document that contains a query term (and whose id passes `accept`)."""
        with self._lock:
            if not self._docs:
                return {}
            avg_length = self._total_length / len(self._docs) or 1.0
            totals: dict[str, float] = {}
            for term, query_tf in Counter(terms).items():
                idf = self.idf(term)
                for doc_id, tf in self._postings.get(term, {}).items():
                    norm = self.k1 * (1 - self.b + self.b * self._docs[doc_id].length / avg_length)
                    totals[doc_id] = totals.get(doc_id, 0.0) + query_tf * idf * tf * (
                        self.k1 + 1
                    ) / (tf + norm)
            if accept is not None:
                totals = {d: s for d, s in totals.items() if accept(d)}
            return totals

    def search(
        self, terms: Iterable[str], limit: int, accept: Callable[[str], bool] | None = None
    ) -> list[tuple[str, float]]:
        """The `limit` best (id, score) pairs, best first; ties broken by id for stability."""
        totals = self.scores(terms, accept)
        return heapq.nsmallest(limit, totals.items(), key=lambda item: (-item[1], item[0]))

    def coverage(self, terms: Iterable[str]) -> float:
        """Share of the query's idf mass that occurs anywhere in the index (0..1)."""
        unique = set(terms)
        if not unique:
            return 0.0
        with self._lock:
            known = sum(self.idf(t) for t in unique if t in self._postings)
            total = sum(self.idf(t) for t in unique)
        return known / total if total else 0.0

    def matched_share(self, terms: Iterable[str], doc_id: str) -> float:
        """Share of the query's idf mass that this one document contains."""
        unique = set(terms)
        with self._lock:
            doc = self._docs.get(doc_id)
            total = sum(self.idf(t) for t in unique)
            if doc is None or not total:
                return 0.0
            return sum(self.idf(t) for t in unique if t in doc.terms) / total
