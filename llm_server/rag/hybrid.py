"""Dense + BM25 fused by reciprocal rank fusion (RRF).

RRF needs no score calibration between a cosine similarity and a BM25 score: each list
contributes weight / (k + rank). Cormack et al. (2009) use k=60 and equal weights; with
the offline English-only MiniLM the dense list is close to noise for Korean questions,
and equal weights let it reorder BM25's correct first hits (golden set: hit@1 0.47 vs
0.84 for BM25 alone). The defaults, k=10 and dense weight 0.1, were picked on the
golden set (bench/retrieval_eval.py, docs/benchmarks-retrieval.md): dense breaks BM25
ties and rescues questions BM25 cannot match at all. With a multilingual embedder
(EMBEDDING_MODEL=intfloat/multilingual-e5-small) raise the dense weight towards 1.0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from llm_server.protocol import FaqEntry, Filters, Product
from llm_server.rag.lexical import BM25Searcher
from llm_server.rag.retriever import DenseSearcher, Searcher

RRF_K = 10
DENSE_WEIGHT = 0.1


Ranked = TypeVar("Ranked", Product, FaqEntry)


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[Ranked]],
    key: Callable[[Ranked], str],
    weights: Sequence[float] | None = None,
    k: int = RRF_K,
) -> list[Ranked]:
    """Merge ranked lists; `score` becomes the fused score scaled to 0..1."""
    weights = list(weights or [1.0] * len(rankings))
    best = sum(weights) / (k + 1)
    fused: dict[str, float] = {}
    items: dict[str, Ranked] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            item_key = key(item)
            fused[item_key] = fused.get(item_key, 0.0) + weight / (k + rank)
            items.setdefault(item_key, item)
    order = sorted(fused, key=lambda item_key: (-fused[item_key], item_key))
    return [
        items[item_key].model_copy(update={"score": round(fused[item_key] / best, 4)})
        for item_key in order
    ]


class HybridSearcher(Searcher):
    name = "hybrid"

    def __init__(
        self,
        dense: DenseSearcher,
        lexical: BM25Searcher,
        dense_weight: float = DENSE_WEIGHT,
        candidates: int = 20,
        k: int = RRF_K,
    ):
        self.dense = dense
        self.lexical = lexical
        self.weights = (dense_weight, 1.0)
        self.candidates = candidates
        self.k = k

    def search_products(
        self, query: str, limit: int, filters: Filters | None = None
    ) -> list[Product]:
        depth = max(limit, self.candidates)
        rankings = [
            self.dense.search_products(query, depth, filters),
            self.lexical.search_products(query, depth, filters),
        ]
        return reciprocal_rank_fusion(
            rankings, key=lambda p: p.sku, weights=self.weights, k=self.k
        )[:limit]

    def search_faq(self, query: str, limit: int) -> list[FaqEntry]:
        depth = max(limit, self.candidates)
        rankings = [self.dense.search_faq(query, depth), self.lexical.search_faq(query, depth)]
        return reciprocal_rank_fusion(
            rankings, key=lambda f: f.id, weights=self.weights, k=self.k
        )[:limit]

    def list_products(self, filters: Filters | None = None) -> list[Product]:
        return self.lexical.list_products(filters)

    def refresh(self) -> None:
        self.lexical.refresh()
