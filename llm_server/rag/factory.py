"""Builds the retrieval stack the app uses, once, from settings.

RETRIEVAL_MODE picks the ranking (dense | bm25 | hybrid). The BM25 index is built in
every mode: intent detection and sorting read its morpheme signals. The one-question
gate is the dialogue layer's trained classifier (`dialogue.gate`).
Building it loads Kiwi and tokenizes both collections (seconds): call this off the
event loop.
"""

from __future__ import annotations

from llm_server.config import Settings
from llm_server.dialogue.gate import QuestionGate, TopicGate
from llm_server.rag.hybrid import DENSE_WEIGHT, HybridSearcher
from llm_server.rag.korean import KoreanTokenizer, shared_tokenizer
from llm_server.rag.lexical import BM25Searcher
from llm_server.rag.retriever import Collections, DenseSearcher, Searcher, ShopRetriever
from llm_server.rag.store import VectorStore


def collections_for(settings: Settings) -> Collections:
    return Collections(products=settings.products_collection, faq=settings.faq_collection)


def build_searcher(
    mode: str, dense: DenseSearcher, lexical: BM25Searcher, dense_weight: float = DENSE_WEIGHT
) -> Searcher:
    searchers: dict[str, Searcher] = {
        "dense": dense,
        "bm25": lexical,
        "hybrid": HybridSearcher(dense, lexical, dense_weight=dense_weight),
    }
    return searchers[mode]


def build_retriever(
    settings: Settings, store: VectorStore, tokenizer: KoreanTokenizer | None = None
) -> ShopRetriever:
    collections = collections_for(settings)
    tokenizer = tokenizer or shared_tokenizer()
    lexical = BM25Searcher(store, collections, tokenizer)
    lexical.build()
    dense = DenseSearcher(store, collections)
    return ShopRetriever(
        build_searcher(
            settings.retrieval_mode,
            dense,
            lexical,
            settings.hybrid_dense_weight,
        ),
        products_k=settings.products_top_k,
        faq_k=settings.faq_top_k,
        lexical=lexical,
        gate=QuestionGate(TopicGate(threshold=settings.topic_gate_threshold)),
    )
