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
from llm_server.rag.dense_memory import DenseMemory
from llm_server.rag.hybrid import DENSE_WEIGHT, FAQ_FUSION, HybridSearcher
from llm_server.rag.korean import KoreanTokenizer, shared_tokenizer
from llm_server.rag.lexical import BM25Searcher
from llm_server.rag.questions import QuestionMirror
from llm_server.rag.retriever import Collections, DenseSearcher, Searcher, ShopRetriever
from llm_server.rag.store import VectorStore


def collections_for(settings: Settings) -> Collections:
    return Collections(products=settings.products_collection, faq=settings.faq_collection)


def build_searcher(
    mode: str,
    dense: DenseSearcher,
    lexical: BM25Searcher,
    dense_weight: float = DENSE_WEIGHT,
    questions: QuestionMirror | None = None,
) -> Searcher:
    """The searcher for RETRIEVAL_MODE. Hybrid FAQ ranking adds `questions` (the FAQ
    questions embedded alone) when given; HYBRID_DENSE_WEIGHT scales its dense weights
    by the same factor as the products' (MiniLM: 0.1 / 3.0)."""
    if mode == "dense":
        return dense
    if mode == "bm25":
        return lexical
    fusion = FAQ_FUSION.scaled(dense_weight / DENSE_WEIGHT)
    return HybridSearcher(dense, lexical, dense_weight=dense_weight, questions=questions, faq_fusion=fusion)


def build_questions(
    store: VectorStore, collections: Collections, memory: DenseMemory | None = None
) -> QuestionMirror:
    """The FAQ question collection, synced now (embeds the questions it lacks: seconds
    for the demo FAQ, a minute or two for thousands of entries on 2 cores)."""
    questions = QuestionMirror(store, collections.faq, memory=memory)
    questions.refresh(force=True)
    return questions


def build_retriever(
    settings: Settings, store: VectorStore, tokenizer: KoreanTokenizer | None = None
) -> ShopRetriever:
    collections = collections_for(settings)
    tokenizer = tokenizer or shared_tokenizer()
    lexical = BM25Searcher(store, collections, tokenizer)
    lexical.build()
    memory = DenseMemory(store, settings.dense_memory_max_docs)
    if settings.retrieval_mode != "bm25":
        memory.preload(collections.products, collections.faq)
    dense = DenseSearcher(store, collections, memory)
    questions = build_questions(store, collections, memory) if settings.retrieval_mode == "hybrid" else None
    return ShopRetriever(
        build_searcher(
            settings.retrieval_mode,
            dense,
            lexical,
            settings.hybrid_dense_weight,
            questions,
        ),
        products_k=settings.products_top_k,
        faq_k=settings.faq_top_k,
        lexical=lexical,
        gate=QuestionGate(TopicGate(threshold=settings.topic_gate_threshold)),
    )
