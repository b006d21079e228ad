"""Plans and writes product batches: add, update, skip unchanged, delete.

Every batch is idempotent (upsert by sku, delete by sku) and the watermark moves only
after its batch is written, so a run killed at any point is finished by running again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime

from embedding_pipeline.source import parse_time
from embedding_pipeline.state import advance_watermark
from llm_server.rag.documents import content_hash, is_indexable, product_document, product_metadata
from llm_server.rag.store import VectorStore

log = logging.getLogger(__name__)
EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0  # source documents without a sku

    def __iadd__(self, other: Counts) -> Counts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class BatchPlan:
    upserts: list[dict] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


def plan_batch(products: Iterable[Mapping], indexed_hashes: Mapping[str, str]) -> BatchPlan:
    """What to write for these products, given the content hashes already indexed by sku."""
    plan = BatchPlan()
    for product in products:
        sku = str(product["sku"])
        if not is_indexable(product):
            if sku in indexed_hashes:
                plan.deletes.append(sku)
                plan.counts.deleted += 1
        elif indexed_hashes.get(sku) == content_hash(product):
            plan.counts.unchanged += 1
        else:
            plan.upserts.append(dict(product))
            if sku in indexed_hashes:
                plan.counts.updated += 1
            else:
                plan.counts.added += 1
    return plan


def prepare(products: Iterable[Mapping]) -> tuple[list[dict], int]:
    """Products with a sku, one per sku (the newest), oldest first; and how many lacked a sku."""
    newest: dict[str, dict] = {}
    skipped = 0
    for product in sorted(products, key=updated_at):
        if product.get("sku") in (None, ""):
            skipped += 1
            continue
        newest[str(product["sku"])] = dict(product)
    return sorted(newest.values(), key=lambda p: (updated_at(p), str(p["sku"]))), skipped


def updated_at(product: Mapping) -> datetime:
    return parse_time(product.get("updatedAt")) or EPOCH


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


OnBatch = Callable[[int, Counts], None]


class ProductSync:
    """Brings one Chroma collection in line with a list of source products."""

    def __init__(self, store: VectorStore, collection: str, batch_size: int = 128, dry_run: bool = False):
        self.store = store
        self.collection = collection
        self.batch_size = max(1, min(batch_size, store.max_batch_size()))
        self.dry_run = dry_run
        self.watermark: datetime | None = None

    def run(self, products: Iterable[Mapping], full: bool = False, on_batch: OnBatch | None = None) -> Counts:
        ready, skipped = prepare(products)
        total = Counts(skipped=skipped)
        for batch in chunks(ready, self.batch_size):
            counts = self.sync_batch(batch)
            total += counts
            if on_batch:
                on_batch(len(batch), counts)
        if full:
            removed = self.remove_missing({str(p["sku"]) for p in ready})
            total.deleted += removed
            if on_batch and removed:
                on_batch(0, Counts(deleted=removed))
        return total

    def sync_batch(self, batch: list[dict]) -> Counts:
        plan = plan_batch(batch, self.indexed_hashes([str(p["sku"]) for p in batch]))
        if self.dry_run:
            return plan.counts
        self.write(plan)
        self.watermark = advance_watermark(self.store, self.collection, updated_at(batch[-1]) if batch else None)
        return plan.counts

    def indexed_hashes(self, skus: list[str]) -> dict[str, str]:
        hits = self.store.get(self.collection, ids=skus, documents=False)
        return {h.id: str(h.metadata.get("content_hash", "")) for h in hits}

    def write(self, plan: BatchPlan) -> None:
        if plan.upserts:
            model = self.store.embedder.name
            self.store.upsert(
                self.collection,
                ids=[str(p["sku"]) for p in plan.upserts],
                documents=[product_document(p) for p in plan.upserts],
                metadatas=[product_metadata(p, model) for p in plan.upserts],
            )
        if plan.deletes:
            self.store.delete(self.collection, plan.deletes)
        if plan.upserts or plan.deletes:
            self.store.bump_version(self.collection)

    def remove_missing(self, source_skus: set[str]) -> int:
        """--full: drop indexed products that MongoDB no longer has at all."""
        indexed = [h.id for h in self.store.iter_all(self.collection, documents=False)]
        missing = [sku for sku in indexed if sku not in source_skus]
        if missing and not self.dry_run:
            self.store.delete(self.collection, missing)
            self.store.bump_version(self.collection)
        return len(missing)
