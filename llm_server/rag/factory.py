"""Builds the retrieval stack the app uses, once, from settings."""

from __future__ import annotations

from llm_server.config import Settings
from llm_server.rag.retriever import Collections, DenseSearcher, ShopRetriever
from llm_server.rag.store import VectorStore


def collections_for(settings: Settings) -> Collections:
    return Collections(products=settings.products_collection, faq=settings.faq_collection)


def build_retriever(settings: Settings, store: VectorStore) -> ShopRetriever:
    searcher = DenseSearcher(store, collections_for(settings))
    return ShopRetriever(searcher, products_k=settings.products_top_k, faq_k=settings.faq_top_k)
