"""Retrieval-only routes (the shop grid and debugging)."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Query

from llm_server.api.deps import RuntimeDep
from llm_server.api.openapi import error_responses
from llm_server.protocol import FaqResults, ProductResults
from llm_server.rag.retriever import browse_products

router = APIRouter(tags=["search"])
QueryText = Query("", max_length=2000, description="Search text; empty lists the catalog")
Limit = Query(12, ge=1, le=100)
SEARCH_ERRORS = error_responses(422, 503)


@router.get("/products/search", response_model=ProductResults, responses=SEARCH_ERRORS)
async def search_products(runtime: RuntimeDep, q: str = QueryText, limit: int = Limit):
    """Products ranked for `q`, its price/category/size words applied as filters (catalog in SKU order when empty)."""
    retriever = runtime.require_retriever()
    if not q.strip():
        store, name = runtime.require_store(), runtime.settings.products_collection
        results = await anyio.to_thread.run_sync(browse_products, store, name, limit)
    else:
        results = await anyio.to_thread.run_sync(retriever.search_products, q, limit)
    return ProductResults(results=results)


@router.get("/faq/search", response_model=FaqResults, responses=SEARCH_ERRORS)
async def search_faq(runtime: RuntimeDep, q: str = QueryText, limit: int = Limit):
    """FAQ entries ranked for `q`."""
    retriever = runtime.require_retriever()
    results = await anyio.to_thread.run_sync(retriever.search_faq, q or "자주 묻는 질문", limit)
    return FaqResults(results=results)
