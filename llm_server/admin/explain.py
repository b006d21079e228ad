"""Retrieval explained: for a query, each result's dense rank, BM25 rank and fused score,
and the filters parsed from the query — computed with the chat's own searchers.

Ranks are those of the two candidate lists the hybrid searcher fuses (depth
`candidates`); the fused score is its reciprocal rank fusion, scaled 0..1. With
RETRIEVAL_MODE=dense or bm25 the chat ranks by that list alone; the explanation still
shows both and says which one is used.
"""

from __future__ import annotations

from dataclasses import dataclass

from llm_server.admin.models import ExplainedResult, Kind, SearchExplanation
from llm_server.protocol import FaqEntry, Filters, Product
from llm_server.rag.filters import parse_query
from llm_server.rag.hybrid import RRF_K, HybridSearcher, reciprocal_rank_fusion
from llm_server.rag.lexical import BM25Searcher
from llm_server.rag.retriever import MAX_QUERY_CHARS, DenseSearcher

CANDIDATES = 20


@dataclass(frozen=True)
class Rankers:
    dense: DenseSearcher
    lexical: BM25Searcher
    mode: str
    dense_weight: float
    k: int = RRF_K
    #: The chat's hybrid searcher: FAQ results are fused exactly as it fuses them
    #: (glossary terms, the FAQ question ranking, its FAQ weights).
    hybrid: HybridSearcher | None = None


def explain(rankers: Rankers, query: str, kind: Kind, limit: int) -> SearchExplanation:
    text = query.strip()[:MAX_QUERY_CHARS]
    parsed = parse_query(query)
    filters = parsed.filters if kind == "products" else Filters()
    dense, bm25 = _rankings(rankers, text, kind, max(limit, CANDIDATES), filters)
    key = (lambda p: p.sku) if kind == "products" else (lambda f: f.id)
    fused = reciprocal_rank_fusion([dense, bm25], key=key, weights=(rankers.dense_weight, 1.0), k=rankers.k)
    if kind == "faq" and rankers.hybrid is not None:
        rankings, weights = rankers.hybrid.faq_rankings(text, max(limit, CANDIDATES))
        dense, bm25 = rankings[0], rankings[1]
        fused = reciprocal_rank_fusion(rankings, key=key, weights=weights, k=rankers.hybrid.faq_fusion.k)
    dense_at = {key(item): (rank, item.score) for rank, item in enumerate(dense, start=1)}
    bm25_at = {key(item): (rank, item.score) for rank, item in enumerate(bm25, start=1)}
    fused_at = {key(item): float(item.score or 0.0) for item in fused}
    ordered = _ordered(rankers.mode, fused, dense, bm25)[:limit]
    results = [_row(key(item), item, dense_at, bm25_at, fused_at) for item in ordered]
    return SearchExplanation(
        query=query, kind=kind, retrieval_mode=rankers.mode, dense_weight=rankers.dense_weight, rrf_k=rankers.k,
        filters=filters, notes=parsed.notes if kind == "products" else [], results=results,
    )


def _rankings(rankers: Rankers, text: str, kind: Kind, depth: int, filters: Filters):
    if kind == "products":
        return (
            rankers.dense.search_products(text, depth, filters),
            rankers.lexical.search_products(text, depth, filters),
        )
    return rankers.dense.search_faq(text, depth), rankers.lexical.search_faq(text, depth)


def _ordered(mode: str, fused: list, dense: list, bm25: list) -> list:
    """Results in the order the chat's ranking puts them."""
    return {"dense": dense, "bm25": bm25}.get(mode, fused)


def _row(item_id: str, item: Product | FaqEntry, dense_at: dict, bm25_at: dict, fused_at: dict) -> ExplainedResult:
    dense_rank, dense_score = dense_at.get(item_id, (None, None))
    bm25_rank, bm25_score = bm25_at.get(item_id, (None, None))
    title = item.name if isinstance(item, Product) else item.question
    return ExplainedResult(
        id=item_id, title=title, dense_rank=dense_rank, dense_score=dense_score, bm25_rank=bm25_rank,
        bm25_score=bm25_score, fused_score=fused_at.get(item_id, 0.0),
    )
