"""The shop's other collections next to `products`: demo `orders`, plus `carts` and `handoffs`.

`embedding-pipeline seed-mongo` loads them with the demo catalog. Only the seed writes
here; at run time the Express backend owns these collections (llm_server never writes them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from embedding_pipeline.config import MongoSettings
from embedding_pipeline.errors import ConfigError
from embedding_pipeline.source import mongo_collection, parse_time

ORDERS, CARTS, HANDOFFS = "orders", "carts", "handoffs"
STATUSES = ("결제완료", "상품준비중", "배송중", "배송완료", "취소")
ORDER_FIELDS = ("orderNo", "status", "items", "total", "history", "ordererName", "phone")


def seed_shop(settings: MongoSettings, orders_path: Path, drop: bool = False) -> int:
    """Create the shop collections' indexes and upsert the demo orders (if the file exists)."""
    from pymongo import ReplaceOne

    docs = [mongo_order(o) for o in read_orders(orders_path)] if orders_path.is_file() else []
    with mongo_collection(settings.model_copy(update={"mongo_collection": ORDERS})) as orders:
        db = orders.database
        if drop:
            orders.drop()
        orders.create_index("orderNo", unique=True)
        db[CARTS].create_index("sessionId", unique=True)
        db[HANDOFFS].create_index("createdAt")
        if docs:
            orders.bulk_write([ReplaceOne({"orderNo": d["orderNo"]}, d, upsert=True) for d in docs])
    return len(docs)


def read_orders(path: Path) -> list[dict]:
    try:
        orders = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read orders {path}: {exc}") from None
    if not isinstance(orders, list) or not all(_is_order(o) for o in orders):
        raise ConfigError(f"orders {path} must be a JSON array of orders with {', '.join(ORDER_FIELDS)}")
    return orders


def _is_order(order: Any) -> bool:
    return (
        isinstance(order, dict)
        and all(order.get(k) is not None for k in ORDER_FIELDS)
        and order["status"] in STATUSES
        and str(order["phone"]).isdigit()
    )


def mongo_order(order: dict) -> dict:
    """An order in JSON form as the shop stores it: BSON dates in createdAt/updatedAt/history."""
    doc = dict(order)
    for key in ("createdAt", "updatedAt"):
        doc[key] = parse_time(doc.get(key))
    doc["history"] = [{**step, "at": parse_time(step.get("at"))} for step in order["history"]]
    return doc
