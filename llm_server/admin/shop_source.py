"""One product as the shop's MongoDB has it now (the source the embedding pipeline reads).

Uses the pipeline's own reader (`embedding_pipeline.source`), so a re-embedded product is
converted exactly as `embedding-pipeline sync` would convert it. MONGO_* settings as there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from llm_server.admin.errors import ShopSourceUnavailable

ProductSource = Callable[[str], "dict[str, Any] | None"]


def mongo_product(sku: str) -> dict[str, Any] | None:
    from embedding_pipeline.config import MongoSettings
    from embedding_pipeline.errors import PipelineError
    from embedding_pipeline.source import mongo_collection, plain_product

    try:
        with mongo_collection(MongoSettings()) as collection:
            doc = collection.find_one({"sku": sku}, {"_id": 0})
    except PipelineError as exc:
        raise ShopSourceUnavailable(detail=exc.message) from None
    return plain_product(doc) if doc else None
