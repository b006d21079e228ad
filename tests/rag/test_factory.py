"""RETRIEVAL_MODE and TOPIC_GATE_THRESHOLD choose the stack."""

import pytest

from llm_server.config import Settings
from llm_server.rag.factory import build_retriever


@pytest.mark.parametrize("mode", ["dense", "bm25", "hybrid"])
def test_each_mode_ranks_and_filters(hash_demo_store, tokenizer, mode):
    retriever = build_retriever(Settings(retrieval_mode=mode), hash_demo_store, tokenizer)
    assert retriever.searcher.name == mode
    result = retriever.retrieve("3만원 이하 반팔 티셔츠 있어요?")
    assert len(result.products) == 4
    assert all(p.price <= 30000 and "반팔" in p.category for p in result.products)


def test_threshold_is_configurable(hash_demo_store, tokenizer):
    strict = build_retriever(Settings(topic_gate_threshold=1.01), hash_demo_store, tokenizer)
    lenient = build_retriever(Settings(topic_gate_threshold=0.0), hash_demo_store, tokenizer)
    assert strict.retrieve("배송비 얼마예요?").off_topic  # no slot: the classifier decides
    assert not lenient.retrieve("오늘 서울 날씨 어때?").off_topic
