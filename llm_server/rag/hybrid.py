"""Dense + BM25 fused by reciprocal rank fusion (RRF).

RRF needs no score calibration between a cosine similarity and a BM25 score: each list
contributes weight / (k + rank). The defaults, **dense weight 3.0 (BM25 1.0) and k = 5**,
were tuned for the default embedder (multilingual-e5-small) on the DEV question sets only
(bench/retrieval_eval.py --tune: demo-FAQ questions + SmartStore paraphrases, mean
hit@1), and reported on the held-out sets (docs/benchmarks-retrieval.md). E5 ranks
paraphrases far better than BM25 (dev hit@1 0.79 vs 0.50 demo FAQ, 0.69 vs 0.40
SmartStore), so dense leads and BM25 mostly breaks ties and lifts exact-term matches
(SmartStore dev hybrid hit@1 0.72 vs 0.69 dense alone). With the English-only MiniLM,
Korean dense rankings are close to noise: set HYBRID_DENSE_WEIGHT=0.1 (its former
default, tuned with k = 10).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from llm_server.protocol import FaqEntry, Filters, Product
from llm_server.rag.lexical import BM25Searcher
from llm_server.rag.retriever import DenseSearcher, Searcher

RRF_K = 5
DENSE_WEIGHT = 3.0


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
