"""Dense search over an in-memory copy of small collections (issue 13: retrieval latency).

A Chroma query costs ~6.5 ms even on a collection of a few hundred entries (client,
SQLite metadata filter, HNSW, result assembly), while ranking a 221 x 384 float32 matrix
by a dot product takes well under 1 ms (measured on the busy 2-core machine, 384
dimensions: 1,000 rows 0.16 ms vs Chroma 2.7 ms; 10,000 rows ~1-13 ms, no better than
Chroma's ~7-10 ms, and a reload of 10,000 takes ~1.7 s: hence the default limit of 5,000). `DenseMemory` keeps, per collection, the ids, the
metadata and the unit-length float32 vectors (loaded with one paged `get` including the
embeddings) and answers `query` with the same hits Chroma gives:

- similarity: the collections use `hnsw:space = cosine` (store.py), whose distance is
  `1 - cos`; `Hit.similarity` is `1 - distance`, so the cosine of the normalised
  vectors is the same number (float32, within ~1e-6);
- filters: the Chroma `where` clause itself (`store.chroma_where`) evaluated on the
  metadata (`where_accepts`), so the candidates are exactly those Chroma's `where`
  admits (`Filters.matches` is not the same clause: it also checks wash methods and
  excluded categories, and excludes colours on every colour, not the first);
- ties: by id, so a ranking is deterministic (Chroma's order of equal distances is not).

A collection with more than `max_docs` entries is not mirrored: `query` returns None and
the caller asks the store. Hits carry no document text (`Hit.document == ""`): the dense
searchers read ids, metadata and similarity only.

Keeping current, like the BM25 mirror (lexical.py): at most every `refresh_interval_s` the
query path reads each mirrored collection's `index_version` (bumped by every writer, in
any process) and reloads a collection whose version changed. The version is read before
the load, so a write racing with a load is picked up by the next check. A derived
collection that no writer versions (`<faq>__questions`, questions.py) is reloaded
explicitly by its owner after each sync (`watch=False`). A reload replaces the snapshot
in one assignment: queries meanwhile keep using the previous one.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from llm_server.protocol import Filters
from llm_server.rag.store import Hit, VectorStore, chroma_where
from llm_server.rag.throttle import RefreshThrottle

log = logging.getLogger(__name__)
#: Entries fetched per `get` while loading a collection.
LOAD_PAGE = 1000
#: Filter masks kept per snapshot (a turn's filters repeat across its queries and turns).
MASK_CACHE = 64


# --- the Chroma `where` clause, evaluated in memory ---
def where_accepts(where: Mapping[str, Any] | None, meta: Mapping[str, Any]) -> bool:
    """Whether metadata `meta` passes Chroma `where` (the operators `chroma_where` emits:
    $and, $or, equality, $gte, $lte, $nin)."""
    if not where:
        return True
    for key, condition in where.items():
        if key == "$and":
            if not all(where_accepts(c, meta) for c in condition):
                return False
        elif key == "$or":
            if not any(where_accepts(c, meta) for c in condition):
                return False
        elif not _condition_holds(meta.get(key), condition):
            return False
    return True


def _condition_holds(value: Any, condition: Any) -> bool:
    if not isinstance(condition, Mapping):
        return value is not None and _same_type(value, condition) and value == condition
    for op, operand in condition.items():
        if op == "$nin":
            if value is not None and any(_same_type(value, o) and value == o for o in operand):
                return False
        elif op in ("$gte", "$lte", "$gt", "$lt"):
            if not _compare(value, op, operand):
                return False
        elif op == "$eq":
            if not (value is not None and _same_type(value, operand) and value == operand):
                return False
        else:
            raise ValueError(f"where operator {op} is not mirrored in memory")
    return True


def _same_type(a: Any, b: Any) -> bool:
    """Chroma compares a bool only with a bool, a string only with a string, numbers with numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str)
    return True


def _compare(value: Any, op: str, operand: Any) -> bool:
    if value is None or isinstance(value, bool | str) or isinstance(operand, bool | str):
        return False
    return {
        "$gte": value >= operand,
        "$lte": value <= operand,
        "$gt": value > operand,
        "$lt": value < operand,
    }[op]


# --- one collection in memory ---
@dataclass
class Snapshot:
    """One collection as loaded: rows sorted by id (ties rank by id)."""

    version: str
    ids: list[str]
    metadatas: list[dict]
    #: (n, dimension) float32, every row of unit length (a zero vector stays zero).
    vectors: np.ndarray
    _masks: OrderedDict = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __len__(self) -> int:
        return len(self.ids)

    def mask(self, where: dict | None) -> np.ndarray | None:
        """Rows passing `where` (None: every row); cached per clause."""
        if where is None:
            return None
        key = json.dumps(where, sort_keys=True, ensure_ascii=False)
        with self._lock:
            cached = self._masks.get(key)
            if cached is not None:
                self._masks.move_to_end(key)
                return cached
        mask = np.fromiter((where_accepts(where, m) for m in self.metadatas), dtype=bool, count=len(self))
        with self._lock:
            self._masks[key] = mask
            while len(self._masks) > MASK_CACHE:
                self._masks.popitem(last=False)
        return mask

    def nearest(self, vector: Sequence[float], n: int, where: dict | None = None) -> list[Hit]:
        """The `n` rows nearest `vector` among those passing `where`, nearest first."""
        if n <= 0 or not len(self):
            return []
        query = _unit(np.asarray(vector, dtype=np.float32).reshape(1, -1))[0]
        # Chroma's cosine distance, in float32 as Chroma computes it: equal distances tie.
        # einsum, not `@`: BLAS hands a few thousand rows to its threads, which on 2 busy
        # cores took 6-16 ms where einsum's single-thread loop takes 0.2 ms (3,000 x 384).
        distance = np.float32(1.0) - np.einsum("ij,j->i", self.vectors, query)
        rows = np.arange(len(self))
        mask = self.mask(where)
        if mask is not None:
            rows, distance = rows[mask], distance[mask]
        if len(rows) > n:
            # keep every row tied with the n-th nearest, then order by (distance, id)
            threshold = np.partition(distance, n - 1)[n - 1]
            keep = distance <= threshold
            rows, distance = rows[keep], distance[keep]
        order = np.lexsort((rows, distance))[:n]
        return [
            Hit(id=self.ids[rows[i]], document="", metadata=dict(self.metadatas[rows[i]]), distance=float(distance[i]))
            for i in order
        ]


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


# --- the mirror of several collections ---
class DenseMemory:
    """In-memory dense search over the collections of at most `max_docs` entries.

    `query(name, vector, n, filters)` returns the hits `store.query` would, or None when
    the collection is not mirrored (too large, or mirroring is off: `max_docs` 0).
    """

    def __init__(
        self,
        store: VectorStore,
        max_docs: int,
        refresh_interval_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.store = store
        self.max_docs = max_docs
        #: name -> snapshot, or None when the collection is too large (ask the store).
        self._snapshots: dict[str, Snapshot | None] = {}
        #: names whose `index_version` is polled (derived collections are reloaded by their owner).
        self._watched: set[str] = set()
        self._lock = threading.Lock()
        self._throttle = RefreshThrottle(refresh_interval_s, clock, self._lock)

    @property
    def enabled(self) -> bool:
        return self.max_docs > 0

    # --- keeping in sync ---
    def load(self, name: str, watch: bool = True) -> Snapshot | None:
        """(Re)load collection `name` now; None when it has more than `max_docs` entries."""
        with self._lock:
            return self._load(name, watch)

    def preload(self, *names: str) -> DenseMemory:
        """Load `names` now (startup) rather than on the first query; returns self."""
        for name in names if self.enabled else ():
            self.load(name)
        return self

    def _load(self, name: str, watch: bool) -> Snapshot | None:
        version = self.store.version(name) if watch else ""
        if watch:
            self._watched.add(name)
        snapshot = self._read(name, version)
        self._snapshots[name] = snapshot
        log.debug("dense memory %s: %s entries", name, len(snapshot) if snapshot else "not mirrored")
        return snapshot

    def _read(self, name: str, version: str) -> Snapshot | None:
        if self.store.count(name) > self.max_docs:
            return None
        rows: dict[str, tuple[dict, Sequence[float]]] = {}
        offset = 0
        while page := self._page(name, offset):
            for hit, vector in page:
                rows[hit.id] = (hit.metadata, vector)
            offset += len(page)
            if len(rows) > self.max_docs:
                return None
        if not self.enabled:
            return None
        ids = sorted(rows)
        vectors = np.asarray([rows[i][1] for i in ids], dtype=np.float32).reshape(len(ids), -1 if ids else 0)
        return Snapshot(version, ids, [rows[i][0] for i in ids], _unit(vectors))

    def _page(self, name: str, offset: int) -> list:
        try:
            return self.store.get_embeddings(name, limit=LOAD_PAGE, offset=offset)
        except NotImplementedError:  # a store without vectors to read: never mirrored
            self.max_docs = 0
            return []

    def refresh(self, force: bool = False) -> None:
        """Reload a watched collection whose version changed (checked at most every
        `refresh_interval_s`; a reload running in another thread is not waited for)."""
        with self._throttle.due(force) as due:
            for name in sorted(self._watched) if due else ():
                snapshot = self._snapshots.get(name)
                if snapshot is None or snapshot.version != self.store.version(name):
                    self._load(name, watch=True)

    # --- searching ---
    def query(
        self,
        name: str,
        vector: Sequence[float],
        n: int,
        filters: Filters | None = None,
        watch: bool = True,
    ) -> list[Hit] | None:
        """The hits `store.query(name, vector, n, filters)` returns, from memory; None
        when `name` is not mirrored (the caller asks the store)."""
        if not self.enabled:
            return None
        if watch:
            self.refresh()
        if name not in self._snapshots:
            self.load(name, watch)
        snapshot = self._snapshots.get(name)
        if snapshot is None:
            return None
        return snapshot.nearest(vector, n, chroma_where(filters))
