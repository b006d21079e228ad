"""LangChain adapters: the shop's searchers as a `BaseRetriever`, its embedder as `Embeddings`.

For code that composes LangChain runnables (`retriever | format_docs | prompt | llm`)
over the same hybrid Korean retrieval the server uses. Importing this module imports
langchain-core; nothing else in the package does.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from llm_server.protocol import FaqEntry, Product
from llm_server.rag.embeddings import Embedder
from llm_server.rag.filters import parse_query
from llm_server.rag.retriever import Searcher


class ShopLangChainRetriever(BaseRetriever):
    """FAQ entries and products for a query, as Documents (`metadata["kind"]`: faq|product).

    Product filters in the query ("3만원 이하 원피스") are applied as in the chat path.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any
    k_faq: int = 3
    k_products: int = 4

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        searcher: Searcher = self.searcher
        filters = parse_query(query).filters
        faq = (
            [faq_document(entry) for entry in searcher.search_faq(query, self.k_faq)]
            if self.k_faq
            else []
        )
        products = (
            searcher.search_products(query, self.k_products, filters) if self.k_products else []
        )
        return faq + [product_document(p) for p in products]


def faq_document(entry: FaqEntry) -> Document:
    return Document(
        page_content=f"Q: {entry.question}\nA: {entry.answer}",
        metadata={"kind": "faq", "id": entry.id, "category": entry.category, "score": entry.score},
    )


def product_document(product: Product) -> Document:
    sizes = ", ".join(product.sizes) or "품절"
    text = f"{product.name} | {product.price:,}원 | 사이즈: {sizes}\n{product.description}"
    return Document(
        page_content=text,
        metadata={"kind": "product", "sku": product.sku, "price": product.price, "score": product.score},
    )


class LangChainEmbeddings(Embeddings):
    """The project's `Embedder` (index and query use the same model) as LangChain `Embeddings`."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(list(texts))

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)
