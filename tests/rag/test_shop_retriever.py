"""ShopRetriever behaviour on the demo data: filters, alternatives, sorting, gate, suggestions.

Real Chroma, real Kiwi; the dense side uses the HashEmbedder (fast). Ranking quality with
the real embedder is covered in test_retrieval_quality.py (slow).
"""

import json

import pytest

from bench.retrieval_eval import load_golden
from llm_server.chat.extractive import extractive_answer

GOLDEN = load_golden()
INTENTS = {"on": "shop", "off": "off_topic", "greeting": "greeting", "thanks": "thanks"}


def test_filters_that_match_nothing_are_reported_honestly_with_alternatives(hash_retriever):
    result = hash_retriever.retrieve("3만원 이하 원피스 있어요?")
    assert result.filters.as_dict() == {"price_max": 30000, "categories": ["원피스"]}
    assert result.alternatives is True
    assert result.products and all("원피스" in p.category for p in result.products)
    assert result.products[0].price == min(
        p.price for p in result.products
    )  # nearest price first
    assert extractive_answer(result).startswith("3만원 이하 원피스는 현재 없습니다.")


def test_filtered_products_all_satisfy_the_filters(hash_retriever):
    result = hash_retriever.retrieve("3만원 이하 린넨 셔츠 L 사이즈 있나요?")
    assert result.filters.as_dict() == {"price_max": 30000, "categories": ["셔츠"], "sizes": ["L"]}
    assert not result.alternatives and result.wants_products
    assert len(result.products) >= 3
    assert all(result.filters.matches(p) for p in result.products)
    assert all("린넨" in p.name for p in result.products[:3])


def test_filter_precision_on_the_golden_set_is_one(hash_retriever):
    returned = satisfied = 0
    for row in (r for r in GOLDEN if r["kind"] == "filter"):
        result = hash_retriever.retrieve(row["q"])
        assert result.filters.as_dict() == row["filters"], row["q"]
        if not result.alternatives:
            returned += len(result.products)
            satisfied += sum(result.filters.matches(p) for p in result.products)
    assert returned > 50 and satisfied == returned


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("제일 싼 상품이 뭐예요?", "코튼 베이직 발목 양말 (화이트)"),
        ("가장 비싼 상품 보여줘", "캐시미어 핸드메이드 롱 코트 (카멜)"),
        ("가장 비싼 코트", "캐시미어 핸드메이드 롱 코트 (카멜)"),
    ],
)
def test_sorting_intents_rank_the_whole_catalog(hash_retriever, question, first):
    result = hash_retriever.retrieve(question)
    assert result.intent == "shop"
    assert result.products[0].name == first
    prices = [p.price for p in result.products]
    assert prices == sorted(prices, reverse=result.filters.sort == "price_desc")


def test_sorting_keeps_the_named_material(hash_retriever):
    result = hash_retriever.retrieve("제일 싼 린넨 셔츠")
    assert result.products and all(
        "린넨" in p.name and "셔츠" in p.category for p in result.products
    )
    assert [p.price for p in result.products] == sorted(p.price for p in result.products)


@pytest.mark.parametrize("question", ["-5원 이하 가방", "999999999999원 가방 있어요?"])
def test_absurd_filters_are_ignored_with_a_note(hash_retriever, question):
    result = hash_retriever.retrieve(question)
    assert result.filters.as_dict() == {"categories": ["가방"]}
    assert result.notes and all("가방" in p.category for p in result.products)
    json.dumps(result.notes, ensure_ascii=False)


def test_off_topic_questions_are_refused_with_store_suggestions(hash_retriever):
    result = hash_retriever.retrieve("오늘 서울 날씨 어때?")
    assert result.off_topic and result.products == [] and result.faq == []
    assert 2 <= len(result.suggestions) <= 3
    answer = extractive_answer(result)
    assert answer.startswith("죄송하지만") and all(s in answer for s in result.suggestions)


@pytest.mark.parametrize(
    ("question", "intent"),
    [("안녕하세요", "greeting"), ("감사합니다!", "thanks"), ("😀😀", "greeting")],
)
def test_greetings_and_thanks_are_answered_not_refused(hash_retriever, question, intent):
    result = hash_retriever.retrieve(question)
    assert result.intent == intent and not result.off_topic
    assert 2 <= len(result.suggestions) <= 3


def test_follow_ups_about_the_conversation_pass_the_gate(hash_retriever):
    assert hash_retriever.retrieve("제 이름이 뭐였죠?").intent == "shop"
    assert hash_retriever.retrieve("아까 그거 말고 다른 색은요?").intent == "shop"


def test_topic_gate_accuracy_on_the_labelled_set(hash_retriever):
    rows = [r for r in GOLDEN if r["kind"] == "topic"]
    correct = sum(hash_retriever.retrieve(r["q"]).intent == INTENTS[r["topic"]] for r in rows)
    assert len(rows) >= 40 and correct / len(rows) >= 0.95


@pytest.mark.parametrize(
    "question",
    ["배송비 얼마예요?", "린넨 셔츠 추천해줘", "3만원 이하 원피스 있어요?", "환불 언제 돼요?"],
)
def test_every_answer_carries_two_or_three_suggestions(hash_retriever, question):
    result = hash_retriever.retrieve(question)
    assert 2 <= len(result.suggestions) <= 3
    assert question not in result.suggestions


def test_policy_questions_prefer_the_faq_and_product_questions_products(hash_retriever):
    assert hash_retriever.retrieve("배송비는 얼마인가요?").wants_products is False
    assert hash_retriever.retrieve("니트 세탁 어떻게 해요?").wants_products is False
    assert hash_retriever.retrieve("린넨 셔츠 추천해줘").wants_products is True


def test_very_long_and_symbol_only_questions_are_handled(hash_retriever):
    long_question = "린넨 셔츠 추천해 주세요. " + "정말 " * 700 + "3만원 이하로요"
    result = hash_retriever.retrieve(long_question[:2000])
    assert result.intent == "shop" and result.products
    assert hash_retriever.retrieve("?!?!…").intent in {"greeting", "off_topic"}
