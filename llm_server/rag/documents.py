"""How a product or FAQ entry becomes an indexed document: one definition for index and query.

The embedding pipeline and the server both call these, so the text that was embedded
and the metadata that filters match can never drift apart.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from llm_server.protocol import FaqEntry, Product
from llm_server.rag.colors import product_colors

CATALOG_FIELDS = (
    "sku", "name", "category", "description", "price", "stock", "image",
    "washMethods", "status", "height", "weight",
)
CATEGORY_KEY = "cat:{}"
SIZE_KEY = "size:{}"
COLOR_KEY = "color:{}"
#: Bumped when the metadata derived from a product changes (colours were added in 2), so an
#: incremental sync re-indexes products whose catalog fields did not change.
METADATA_SCHEMA = 2


def sizes_in_stock(product: Mapping[str, Any]) -> list[str]:
    stock = product.get("stock") or {}
    return [size for size, qty in stock.items() if _as_int(qty) > 0]


def product_document(product: Mapping[str, Any]) -> str:
    """The text that is embedded and BM25-indexed for a product."""
    lines = [
        str(product.get("name", "")),
        "카테고리: " + ", ".join(product.get("category") or []),
        str(product.get("description", "")),
        f"가격: {_as_int(product.get('price')):,}원",
    ]
    sizes = sizes_in_stock(product)
    lines.append("재고 사이즈: " + (", ".join(sizes) if sizes else "품절"))
    washes = [w.get("label", "") for w in product.get("washMethods") or [] if isinstance(w, Mapping)]
    if washes:
        lines.append("세탁 방법: " + ", ".join(washes))
    return "\n".join(line for line in lines if line.strip())


def product_catalog_fields(product: Mapping[str, Any]) -> dict:
    return {key: _jsonable(product.get(key)) for key in CATALOG_FIELDS if key in product}


def content_hash(product: Mapping[str, Any]) -> str:
    """Changes exactly when what we index for the product changes."""
    fields = {**product_catalog_fields(product), "_schema": METADATA_SCHEMA}
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def product_metadata(product: Mapping[str, Any], embedding_model: str) -> dict:
    """Flat scalar metadata: Chroma `where` filters run on these before ranking."""
    sizes = sizes_in_stock(product)
    colors = product_colors(str(product.get("name", "")), str(product.get("description", "")))
    meta: dict[str, Any] = {
        "sku": str(product["sku"]),
        "name": str(product.get("name", "")),
        "price": _as_int(product.get("price")),
        "status": str(product.get("status", "active")),
        "in_stock": bool(sizes),
        "categories": "|" + "|".join(product.get("category") or []) + "|",
        "sizes": "|" + "|".join(sizes) + "|",
        "color": colors[0] if colors else "",
        "updated_at": _iso(product.get("updatedAt")),
        "content_hash": content_hash(product),
        "embedding_model": embedding_model,
        "product_json": json.dumps(product_catalog_fields(product), ensure_ascii=False),
    }
    meta.update({CATEGORY_KEY.format(c): True for c in product.get("category") or []})
    meta.update({SIZE_KEY.format(s): True for s in sizes})
    meta.update({COLOR_KEY.format(c): True for c in colors})
    return meta


def product_from_metadata(meta: Mapping[str, Any], score: float | None = None) -> Product:
    """The catalog fields a client sees, plus derived `sizes`, `url` and `score`."""
    product = json.loads(meta.get("product_json") or "{}")
    product.setdefault("sku", meta.get("sku"))
    product["sizes"] = sizes_in_stock(product)
    product["url"] = f"/products/{product['sku']}"
    product["colors"] = product_colors(str(product.get("name", "")), str(product.get("description", "")))
    if score is not None:
        product["score"] = round(float(score), 4)
    return Product.model_validate(product)


def is_indexable(product: Mapping[str, Any]) -> bool:
    """Deleted or non-active products are removed from the index, never shown."""
    return not product.get("isDeleted") and product.get("status", "active") == "active"


def faq_id(question: str) -> str:
    return "faq-" + hashlib.sha256(question.strip().encode()).hexdigest()[:16]


def faq_document(entry: Mapping[str, Any]) -> str:
    return f"{entry['question']}\n{entry['answer']}"


def faq_metadata(entry: Mapping[str, Any], embedding_model: str) -> dict:
    return {
        "question": str(entry["question"]).strip(),
        "answer": str(entry["answer"]).strip(),
        "category": str(entry.get("category") or "").strip(),
        "embedding_model": embedding_model,
    }


def faq_from_metadata(doc_id: str, meta: Mapping[str, Any], score: float | None = None) -> FaqEntry:
    return FaqEntry(
        id=doc_id,
        question=meta.get("question", ""),
        answer=meta.get("answer", ""),
        category=meta.get("category", ""),
        score=None if score is None else round(float(score), 4),
    )


def _as_int(value: Any) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping) and "$date" in value:
        return str(value["$date"])
    return str(value or "")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value
