"""The vector store as an operator sees it: collections, paged items, one item, and writes.

Every write bumps the collection's index version and calls `on_change`, which refreshes
the BM25 mirror and the annotation index at once (no restart, no wait for the throttle).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from llm_server.admin.annotations import ANNOTATION, KEY_FIELD, SOURCE_KEY, annotation_key
from llm_server.admin.errors import ItemNotFound
from llm_server.admin.models import (
    ChangeResult,
    CollectionInfo,
    FaqInput,
    ItemPage,
    ItemSummary,
    Kind,
    StoredItem,
)
from llm_server.rag.documents import faq_document, faq_id, faq_metadata, is_indexable
from llm_server.rag.ingest import index_products
from llm_server.rag.retriever import Collections
from llm_server.rag.store import MODEL_KEY, VectorStore

#: Collection metadata written by `embedding-pipeline` after a successful run (JSON).
LAST_RUN_KEY = "last_pipeline_run"
WATERMARK_KEY = "sync_watermark"
MAX_LISTED = 20  # rejected rows kept with a recorded run


def record_pipeline_run(store: VectorStore, collection: str, result: Mapping[str, Any]) -> None:
    """Keep an `embedding-pipeline` run's result on its collection, for the Collections tab."""
    kept = {k: (v[:MAX_LISTED] if isinstance(v, list) else v) for k, v in result.items()}
    kept["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    store.set_meta(collection, **{LAST_RUN_KEY: json.dumps(kept, ensure_ascii=False, default=str)})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


class Catalog:
    def __init__(self, store: VectorStore, collections: Collections, on_change: Callable[[Kind], None]):
        self.store = store
        self.collections = collections
        self.on_change = on_change

    def name(self, kind: Kind) -> str:
        return getattr(self.collections, kind)

    # --- reading ---
    def info(self, kind: Kind) -> CollectionInfo:
        name = self.name(kind)
        last_run = self.store.get_meta(name, LAST_RUN_KEY)
        return CollectionInfo(
            kind=kind,
            name=name,
            count=self.store.count(name),
            embedding_model=self.store.get_meta(name, MODEL_KEY),
            index_version=self.store.version(name),
            sync_watermark=self.store.get_meta(name, WATERMARK_KEY),
            last_run=_json_or_none(last_run),
        )

    def page(self, kind: Kind, offset: int, limit: int) -> ItemPage:
        name = self.name(kind)
        hits = self.store.get(name, limit=limit, offset=offset, documents=False)
        items = [_summary(kind, hit.id, hit.metadata) for hit in hits]
        return ItemPage(kind=kind, total=self.store.count(name), offset=offset, items=items)

    def item(self, kind: Kind, item_id: str) -> StoredItem:
        hits = self.store.get(self.name(kind), ids=[item_id])
        if not hits:
            raise ItemNotFound()
        return StoredItem(kind=kind, id=hits[0].id, document=hits[0].document, metadata=hits[0].metadata)

    def exists(self, kind: Kind, item_id: str) -> bool:
        return bool(self.store.get(self.name(kind), ids=[item_id], documents=False))

    # --- writing ---
    def delete(self, kind: Kind, item_id: str) -> ChangeResult:
        if not self.exists(kind, item_id):
            raise ItemNotFound()
        self.store.delete(self.name(kind), [item_id])
        return self._changed(kind, item_id, "deleted")

    def put_product(self, sku: str, product: Mapping[str, Any] | None) -> ChangeResult:
        """Re-index one product as the shop's database has it now (None: not there)."""
        if product is not None and is_indexable(product):
            existed = self.exists("products", sku)
            index_products(self.store, self.name("products"), [product])
            return self._changed("products", sku, "updated" if existed else "added", bump=False)
        if not self.exists("products", sku):
            raise ItemNotFound("MongoDB에도 검색 색인에도 없는 상품입니다.")
        self.store.delete(self.name("products"), [sku])
        return self._changed("products", sku, "removed")

    def put_faq(self, entry: FaqInput, replaces: str | None = None, annotation: bool = False) -> ChangeResult:
        """Add or edit an FAQ entry (id derived from the question, as every importer does).
        Editing the question of an entry (`replaces`) moves it to the new id."""
        question, answer = nfc(entry.question), nfc(entry.answer)
        new_id = faq_id(question)
        old = self.store.get(self.name("faq"), ids=[replaces or new_id], documents=False)
        if replaces and not old:
            raise ItemNotFound()
        keeps_annotation = annotation or (bool(old) and old[0].metadata.get(SOURCE_KEY) == ANNOTATION)
        self._write_faq(new_id, {"question": question, "answer": answer, "category": nfc(entry.category)}, keeps_annotation)
        if replaces and replaces != new_id:
            self.store.delete(self.name("faq"), [replaces])
        return self._changed("faq", new_id, "updated" if old else "added")

    def write_faq_rows(self, rows: list[dict]) -> str:
        """Upsert plain FAQ rows (CSV import) in one write; returns the new index version."""
        name = self.name("faq")
        self.store.upsert(
            name,
            ids=[faq_id(r["question"]) for r in rows],
            documents=[faq_document(r) for r in rows],
            metadatas=[faq_metadata(r, self.store.embedder.name) for r in rows],
        )
        version = self.store.bump_version(name)
        self.on_change("faq")
        return version

    def faq_answers(self, ids: list[str]) -> dict[str, dict]:
        hits = self.store.get(self.name("faq"), ids=ids, documents=False) if ids else []
        return {hit.id: hit.metadata for hit in hits}

    def _write_faq(self, item_id: str, entry: dict, annotation: bool) -> None:
        meta = faq_metadata(entry, self.store.embedder.name)
        if annotation:
            meta.update({SOURCE_KEY: ANNOTATION, KEY_FIELD: annotation_key(entry["question"])})
        self.store.upsert(self.name("faq"), ids=[item_id], documents=[faq_document(entry)], metadatas=[meta])

    def _changed(self, kind: Kind, item_id: str, action: str, bump: bool = True) -> ChangeResult:
        name = self.name(kind)
        version = self.store.bump_version(name) if bump else self.store.version(name)
        self.on_change(kind)
        return ChangeResult(kind=kind, id=item_id, action=action, index_version=version)


def _summary(kind: Kind, item_id: str, meta: Mapping[str, Any]) -> ItemSummary:
    if kind == "products":
        stock = "재고 있음" if meta.get("in_stock") else "품절"
        return ItemSummary(id=item_id, title=str(meta.get("name", "")), detail=f"{int(meta.get('price') or 0):,}원 · {stock}")
    return ItemSummary(
        id=item_id, title=str(meta.get("question", "")), detail=str(meta.get("category", "")), source=meta.get(SOURCE_KEY)
    )


def _json_or_none(raw: Any) -> dict | None:
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None
