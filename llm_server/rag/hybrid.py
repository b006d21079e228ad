"""Dense + BM25 fused by reciprocal rank fusion (RRF).

RRF needs no score calibration between a cosine similarity and a BM25 score: each list
contributes weight / (k + rank). Every weight here was tuned for the default embedder
(multilingual-e5-small) on the DEV question sets only (bench/retrieval_eval.py --tune:
demo-FAQ questions + SmartStore paraphrases) and reported on the held-out sets
(docs/benchmarks-retrieval.md).

Products: **dense 3.0, BM25 1.0, k = 5**. E5 ranks far better than BM25, so dense leads
and BM25 breaks ties and lifts exact terms.

FAQ (issue 12): three rankings over the question plus its shop-glossary terms
(glossary.py: "Can I return socks?" also searches "반품 양말"): dense over
"question\nanswer" (**1.5**), dense over the FAQ question alone, embedded as an E5 query
(questions.py, **3.0**), and BM25 over the entry (**2.0**), k = 2 (the best dev hit@5
among the settings within 0.015 of the best dev hit@1). Dev hit@1 went from 0.789 to
0.934 (demo FAQ) and 0.724 to 0.836 (SmartStore paraphrases).

With the English-only MiniLM, Korean dense rankings are close to noise: set
HYBRID_DENSE_WEIGHT=0.1 (its former default, tuned with k = 10); the FAQ's two dense
weights are scaled by the same factor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from llm_server.protocol import FaqEntry, Filters, Product
from llm_server.rag.faq_topic import topic_first
from llm_server.rag.glossary import expand_query
from llm_server.rag.lexical import BM25Searcher
from llm_server.rag.questions import QuestionMirror
from llm_server.rag.retriever import DenseSearcher, Searcher

RRF_K = 5
DENSE_WEIGHT = 3.0


@dataclass(frozen=True)
class FaqFusion:
    """How the FAQ rankings are fused: RRF weights of each ranking, and k.

    `passage`: dense over "question\nanswer" (the FAQ collection); `question`: dense over
    the question alone (QuestionMirror); `bm25`: BM25 over the whole entry. Tuned on the
    DEV sets only (bench/retrieval_eval.py --tune, docs/benchmarks-retrieval.md).
    """

    passage: float = 1.5
    question: float = 3.0
    bm25: float = 2.0
    k: int = 2

    def scaled(self, dense_factor: float) -> FaqFusion:
        """Both dense weights times `dense_factor` (HYBRID_DENSE_WEIGHT / its default)."""
        return replace(self, passage=self.passage * dense_factor, question=self.question * dense_factor)


FAQ_FUSION = FaqFusion()


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
    """Products: dense + BM25. FAQ: dense passage + dense question + BM25, over the
    question with its shop-glossary terms added (glossary.py)."""

    name = "hybrid"

    def __init__(
        self,
        dense: DenseSearcher,
        lexical: BM25Searcher,
        dense_weight: float = DENSE_WEIGHT,
        candidates: int = 20,
        k: int = RRF_K,
        questions: QuestionMirror | None = None,
        faq_fusion: FaqFusion = FAQ_FUSION,
        glossary: bool = True,
    ):
        self.dense = dense
        self.lexical = lexical
        self.weights = (dense_weight, 1.0)
        self.candidates = candidates
        self.k = k
        self.questions = questions
        self.faq_fusion = faq_fusion
        self.glossary = glossary

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
        """The `limit` best FAQ entries; `score` is the fused RRF score scaled to 0..1.

        After fusion, an entry of the one store policy the question names may move up to
        first from the next two (`faq_topic.topic_first`: "옷 빨았는데 반품 가능해요?" asks a
        return, not washing); its score stays its own."""
        depth = max(limit, self.candidates)
        rankings, weights = self.faq_rankings(query, depth)
        fused = reciprocal_rank_fusion(rankings, key=lambda f: f.id, weights=weights, k=self.faq_fusion.k)
        return topic_first(fused, query)[:limit]

    def faq_rankings(
        self, query: str, depth: int
    ) -> tuple[list[list[FaqEntry]], list[float]]:
        """Each FAQ ranking (`depth` entries at most) and its RRF weight.

        One query embedding serves both dense rankings (the embedder's cache); the text
        carries the glossary terms, so it differs from the product search's text only
        when the question used glossary words.
        """
        text = expand_query(query) if self.glossary else query
        fusion = self.faq_fusion
        rankings = [self.dense.search_faq(text, depth), self.lexical.search_faq(text, depth)]
        weights = [fusion.passage, fusion.bm25]
        if self.questions is not None:
            rankings.append(self.questions.search(self.dense.embed(text), depth))
            weights.append(fusion.question)
        return rankings, weights

    def list_products(self, filters: Filters | None = None) -> list[Product]:
        return self.lexical.list_products(filters)

    def refresh(self, force: bool = False) -> None:
        """Pick up writes; when the BM25 mirror sees a new index version, the dense copy
        reloads at once too (its own throttle could otherwise serve the old vectors for up
        to 2 s after the BM25 side already shows the new entry)."""
        seen = self.lexical.versions
        self.lexical.refresh(force)
        self.dense.refresh(force or self.lexical.versions != seen)
        if self.questions is not None:
            self.questions.refresh(force)
