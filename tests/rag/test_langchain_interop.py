"""The hybrid retriever and the embedder inside a LangChain runnable chain."""

from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnableLambda

from llm_server.rag.langchain_interop import LangChainEmbeddings, ShopLangChainRetriever
from tests.fakes import HashEmbedder


def format_docs(docs) -> str:
    return "\n\n".join(doc.page_content for doc in docs)


def test_retriever_composes_into_a_chain(hash_retriever):
    retriever = ShopLangChainRetriever(searcher=hash_retriever.searcher, k_faq=2, k_products=2)
    assert isinstance(retriever, BaseRetriever)
    chain = retriever | RunnableLambda(format_docs)
    context = chain.invoke("배송비는 얼마인가요?")
    assert context.startswith("Q: 배송비는 얼마인가요?\nA: 기본 배송비는 3,000원")


def test_retriever_applies_product_filters(hash_retriever):
    docs = ShopLangChainRetriever(searcher=hash_retriever.searcher, k_faq=0, k_products=4).invoke(
        "3만원 이하 반팔 티셔츠"
    )
    assert len(docs) == 4
    assert all(d.metadata["kind"] == "product" and d.metadata["price"] <= 30000 for d in docs)


def test_embedder_is_a_langchain_embeddings():
    embeddings = LangChainEmbeddings(HashEmbedder(dims=32))
    assert isinstance(embeddings, Embeddings)
    assert len(embeddings.embed_query("린넨 셔츠")) == 32
    assert embeddings.embed_documents(["a", "b"]) == HashEmbedder(dims=32).embed_documents(
        ["a", "b"]
    )
