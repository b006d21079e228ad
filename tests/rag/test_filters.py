"""Filters parsed from questions, and the same constraints in Chroma and in memory."""

import pytest

from llm_server.protocol import Filters
from llm_server.rag.documents import product_from_metadata
from llm_server.rag.filters import parse_query
from llm_server.rag.store import chroma_where

PARSED = [
    ("3만원 이하 원피스 있어요?", {"price_max": 30000, "categories": ["원피스"]}),
    ("5만 원대 셔츠", {"price_min": 50000, "price_max": 59999, "categories": ["셔츠"]}),
    ("10,000~20,000원 티셔츠", {"price_min": 10000, "price_max": 20000, "categories": ["티셔츠"]}),
    ("under 30000 tee", {"price_max": 30000, "categories": ["티셔츠"]}),
    ("3만원대 반팔티", {"price_min": 30000, "price_max": 39999, "categories": ["반팔"]}),
    ("2만원 이상 바지", {"price_min": 20000, "categories": ["바지"]}),
    ("1~2만원 양말", {"price_min": 10000, "price_max": 20000, "categories": ["양말"]}),
    ("2만원 미만", {"price_max": 19999}),
    ("10만원대 패딩", {"price_min": 100000, "price_max": 199999, "categories": ["패딩"]}),
    ("3만 5천원 이하 반팔 티셔츠", {"price_max": 35000, "categories": ["반팔"]}),
    ("L 사이즈 린넨 셔츠", {"categories": ["셔츠"], "sizes": ["L"]}),
    ("95 사이즈 니트", {"categories": ["니트"], "sizes": ["95"]}),
    ("재고 있는 청바지 허리 30", {"categories": ["청바지"], "sizes": ["30"], "in_stock": True}),
    ("프리사이즈 모자", {"categories": ["모자"], "sizes": ["FREE"]}),
    ("가장 싼 상품", {"sort": "price_asc"}),
    ("제일 비싼 코트", {"categories": ["코트"], "sort": "price_desc"}),
    # words that look like filters but are not
    ("A/S 되나요?", {}),
    ("키 165cm 몸무게 55kg인데 사이즈 추천", {}),
    ("30대 남자 선물", {}),
    ("돈이 모자라요", {}),
    ("후드 추천 좀 해줘요", {"categories": ["후드티"]}),
    ("후드 숏 패딩 있어요?", {"categories": ["패딩"]}),
    ("배송비는 얼마인가요?", {}),
]


@pytest.mark.parametrize(("question", "expected"), PARSED)
def test_parse_query(question, expected):
    parsed = parse_query(question)
    assert parsed.filters.as_dict() == expected
    assert parsed.filters == Filters.from_dict(expected)
    assert parsed.notes == []


@pytest.mark.parametrize(
    "question",
    [
        "-5원 이하 가방",
        "999999999999원 가방",
        "999999999999원 이하 가방",
        "7만원 이상 2만원 이하 가방",
    ],
)
def test_absurd_prices_are_ignored_with_a_note(question):
    parsed = parse_query(question)
    assert parsed.filters.as_dict() == {"categories": ["가방"]}
    assert len(parsed.notes) == 1 and "무시" in parsed.notes[0]


def test_price_words_are_removed_from_the_ranking_text():
    assert parse_query("3만원 이하 원피스 있어요?").text == "원피스 있어요?"


def test_where_clause_shape():
    where = chroma_where(
        Filters(price_max=30000, categories=["셔츠", "블라우스"], in_stock=True, sort="price_asc")
    )
    assert where == {
        "$and": [
            {"price": {"$lte": 30000}},
            {"$or": [{"cat:셔츠": True}, {"cat:블라우스": True}]},
            {"in_stock": True},
        ]
    }
    assert chroma_where(Filters(sort="price_desc")) is None


def test_the_wire_form_leaves_out_what_is_not_set():
    filters = Filters(price_min=None, categories=["원피스"], in_stock=False)
    assert filters.as_dict() == {"categories": ["원피스"]}
    assert Filters().as_dict() == {} and Filters().is_empty
    assert not Filters(sort="price_asc").constrains and not Filters(sort="price_asc").is_empty


@pytest.mark.parametrize(
    "filters",
    [
        {"price_max": 30000, "categories": ["원피스"]},
        {"price_max": 30000, "categories": ["셔츠"], "sizes": ["L"]},
        {"price_min": 50000, "price_max": 59999, "categories": ["니트", "가디건"]},
        {"sizes": ["95", "100"], "in_stock": True},
        {"categories": ["반팔"]},
    ],
)
def test_chroma_and_in_memory_filters_select_the_same_products(hash_demo_store, filters):
    wanted = Filters.from_dict(filters)
    chroma_ids = {h.id for h in hash_demo_store.get("products", filters=wanted, documents=False)}
    every = hash_demo_store.get("products", documents=False)
    memory_ids = {h.id for h in every if wanted.matches(product_from_metadata(h.metadata))}
    assert every and chroma_ids == memory_ids


def test_a_budget_phrase_keeps_the_category_inside_it():
    """parse_prices' span of "10만원으로 코트 살 수" covers the category word: read it first."""
    assert parse_query("10만원으로 코트 살 수 있어요?").filters.as_dict() == {"price_max": 100000, "categories": ["코트"]}
