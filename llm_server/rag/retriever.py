"""Retrieval contracts and the dense (vector-only) implementation.

`Searcher` ranks products and FAQ entries for a query (dense here; BM25 and hybrid plug
in beside it). `ShopRetriever` turns a shopper's question into a `RetrievalResult`: the
products and FAQ entries an answer is built from, plus what the question asked for.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from llm_server.rag.documents import faq_from_metadata, product_from_metadata
from llm_server.rag.store import VectorStore


@dataclass(frozen=True)
class Collections:
    products: str = "products"
    faq: str = "faq"


@dataclass
class RetrievalResult:
    products: list[dict] = field(default_factory=list)
    faq: list[dict] = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    intent: str = "shop"  # shop | greeting | thanks | off_topic
    suggestions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: True when the filters matched nothing and `products` are the nearest alternatives.
    alternatives: bool = False
    #: True when the question asks for products (vs. a store-policy question for the FAQ).
    wants_products: bool = True

    @property
    def off_topic(self) -> bool:
        return self.intent == "off_topic"


class Searcher(ABC):
    """Ranks catalog products and FAQ entries for a free-text query."""

    name: str

    @abstractmethod
    def search_products(self, query: str, limit: int, where: dict | None = None) -> list[dict]: ...

    @abstractmethod
    def search_faq(self, query: str, limit: int) -> list[dict]: ...

    def refresh(self) -> None:  # noqa: B027 - optional hook
        """Pick up index changes made by another process (pipeline)."""


class DenseSearcher(Searcher):
    name = "dense"

    def __init__(self, store: VectorStore, collections: Collections = Collections()):
        self.store = store
        self.collections = collections

    def search_products(self, query: str, limit: int, where: dict | None = None) -> list[dict]:
        hits = self.store.query(
            self.collections.products, self.store.embedder.embed_query(query), limit, where
        )
        return [product_from_metadata(h.metadata, h.similarity) for h in hits]

    def search_faq(self, query: str, limit: int) -> list[dict]:
        hits = self.store.query(self.collections.faq, self.store.embedder.embed_query(query), limit)
        return [faq_from_metadata(h.id, h.metadata, h.similarity) for h in hits]


def browse_products(store: VectorStore, collection: str, limit: int, where: dict | None = None) -> list[dict]:
    """The catalog in a stable order (by SKU), for the shop grid and sorting intents."""
    products = [product_from_metadata(h.metadata) for h in store.iter_all(collection, documents=False)]
    if where:
        products = [p for p in products if _matches(p, where)]
    return sorted(products, key=lambda p: p["sku"])[:limit]


def _matches(product: dict, where: dict) -> bool:
    return all(product.get(key) == value for key, value in where.items())


class ShopRetriever:
    """Question -> RetrievalResult. The dense baseline: no filters, no topic gate."""

    def __init__(self, searcher: Searcher, products_k: int = 4, faq_k: int = 3, suggestions_k: int = 3):
        self.searcher = searcher
        self.products_k = products_k
        self.faq_k = faq_k
        self.suggestions_k = suggestions_k

    def retrieve(self, question: str) -> RetrievalResult:
        faq = self.searcher.search_faq(question, self.faq_k + self.suggestions_k)
        products = self.searcher.search_products(question, self.products_k)
        top_product = products[0].get("score", 0.0) if products else 0.0
        top_faq = faq[0].get("score", 0.0) if faq else 0.0
        return RetrievalResult(
            products=products,
            faq=faq[: self.faq_k],
            suggestions=[f["question"] for f in faq[self.faq_k :]],
            wants_products=top_product >= top_faq,
        )

    def refresh(self) -> None:
        self.searcher.refresh()
