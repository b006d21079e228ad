"""Writing products and FAQ entries into the store (demo seed, pipeline, FAQ CSV import)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from llm_server.errors import BadRequest
from llm_server.rag.documents import (
    faq_document,
    faq_id,
    faq_metadata,
    is_indexable,
    product_document,
    product_metadata,
)
from llm_server.rag.questions import QuestionMirror
from llm_server.rag.store import VectorStore

FAQ_REQUIRED = ("question", "answer")


def load_products_json(path: str | Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def read_faq_csv(path: str | Path) -> list[dict]:
    """Rows of a `question,answer[,category]` CSV (extra columns ignored, blanks skipped)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = {c.strip().lower() for c in reader.fieldnames or []}
        missing = [c for c in FAQ_REQUIRED if c not in columns]
        if missing:
            raise BadRequest(f"FAQ CSV {path} lacks column(s) {', '.join(missing)}; need question,answer[,category].")
        rows = ({(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader)
        return [r for r in rows if r.get("question") and r.get("answer")]


def index_products(store: VectorStore, collection: str, products: Iterable[Mapping]) -> int:
    """Upsert the indexable products (id = sku); returns how many were written."""
    chosen = [p for p in products if is_indexable(p)]
    store.upsert(
        collection,
        ids=[str(p["sku"]) for p in chosen],
        documents=[product_document(p) for p in chosen],
        metadatas=[product_metadata(p, store.embedder.name) for p in chosen],
    )
    store.bump_version(collection)
    return len(chosen)


def index_faq(store: VectorStore, collection: str, entries: Iterable[Mapping]) -> int:
    """Upsert FAQ entries (id derived from the question, so re-imports never duplicate),
    then bring the derived question collection (questions.py) up to date."""
    unique = {faq_id(e["question"]): e for e in entries}
    store.upsert(
        collection,
        ids=list(unique),
        documents=[faq_document(e) for e in unique.values()],
        metadatas=[faq_metadata(e, store.embedder.name) for e in unique.values()],
    )
    store.bump_version(collection)
    QuestionMirror(store, collection).sync()
    return len(unique)


def seed_demo_data(store: VectorStore, products_collection: str, faq_collection: str, data_dir: str | Path) -> dict:
    """Load the demo catalog and FAQ into whichever collection is empty."""
    data_dir = Path(data_dir)
    written = {"products": 0, "faq": 0}
    if store.count(products_collection) == 0:
        written["products"] = index_products(store, products_collection, load_products_json(data_dir / "products.json"))
    if store.count(faq_collection) == 0:
        written["faq"] = index_faq(store, faq_collection, read_faq_csv(data_dir / "faq.csv"))
    return written
