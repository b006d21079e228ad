"""Ranking quality with the real offline MiniLM embedder (slow: CI runs it)."""

import pytest

from bench.retrieval_eval import Stack, eval_ranking, load_golden
from llm_server.chat.extractive import extractive_answer
from llm_server.rag.langchain_interop import LangChainEmbeddings
from llm_server.rag.retriever import Collections

pytestmark = pytest.mark.slow


def test_korean_shipping_question_finds_its_faq(minilm_retriever):
    result = minilm_retriever.retrieve("배송비는 얼마인가요?")
    assert result.faq[0].question == "배송비는 얼마인가요?"
    assert extractive_answer(result).startswith("기본 배송비는 3,000원")


def test_hybrid_beats_dense_on_the_golden_set(minilm_store):
    metrics = eval_ranking(Stack(minilm_store, Collections(), 0.5), load_golden())
    hybrid, dense = metrics["hybrid"]["all"], metrics["dense"]["all"]
    assert hybrid["n"] >= 60
    assert hybrid["hit@5"] > dense["hit@5"]
    assert hybrid["hit@5"] >= 0.85 and hybrid["mrr@10"] > dense["mrr@10"]


def test_alternatives_with_the_real_embedder(minilm_retriever):
    result = minilm_retriever.retrieve("3만원 이하 원피스 추천해줘")
    assert result.alternatives and all("원피스" in p.category for p in result.products)


def test_langchain_embeddings_wrap_the_real_model(minilm):
    vector = LangChainEmbeddings(minilm).embed_query("린넨 셔츠")
    assert len(vector) == 384 and vector == minilm.embed_query("린넨 셔츠")
