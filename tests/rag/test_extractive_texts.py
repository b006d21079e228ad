"""Korean answer texts for filters, alternatives, sorting and notes (chat/extractive.py)."""

from llm_server.chat.extractive import describe_filters, extractive_answer
from llm_server.protocol import Filters, Product
from llm_server.rag.retriever import RetrievalResult

DRESS = Product(sku="BS-OP-1", name="폴리 랩 슬립 원피스 (카키)", price=56000, sizes=["S", "M"], category=["원피스"])


def test_describe_filters_reads_like_the_question():
    assert describe_filters(Filters.from_dict({"price_max": 30000, "categories": ["원피스"]})) == "3만원 이하 원피스"
    assert describe_filters(Filters.from_dict({"price_min": 50000, "price_max": 59999, "categories": ["셔츠"]})) == "5만원대 셔츠"
    assert describe_filters(Filters.from_dict({"price_max": 19999, "categories": ["양말"]})) == "2만원 미만 양말"
    assert describe_filters(Filters.from_dict({"price_min": 10000, "price_max": 20000})) == "1만원~2만원 상품"
    assert describe_filters(Filters.from_dict({"sizes": ["L"], "in_stock": True, "categories": ["셔츠"]})) == "재고 있는 L 사이즈 셔츠"
    assert describe_filters(Filters.from_dict({"sort": "price_asc"})) == "전체 상품"


def test_alternatives_say_honestly_that_nothing_matched():
    result = RetrievalResult(products=[DRESS], filters=Filters.from_dict({"price_max": 30000, "categories": ["원피스"]}), alternatives=True)
    answer = extractive_answer(result)
    assert answer.startswith("3만원 이하 원피스는 현재 없습니다.")
    assert "대안" in answer and "폴리 랩 슬립 원피스 (카키) — 56,000원" in answer


def test_sorting_heading_names_the_order():
    result = RetrievalResult(products=[DRESS], filters=Filters.from_dict({"categories": ["원피스"], "sort": "price_desc"}))
    assert extractive_answer(result).startswith("원피스 중 가격이 높은 순서로 보여드릴게요:")


def test_notes_about_ignored_filters_come_first():
    note = "가격 조건 '-5원 이하'은(는) 올바른 금액이 아니어서 무시했어요."
    result = RetrievalResult(products=[DRESS], filters=Filters.from_dict({"categories": ["원피스"]}), notes=[note])
    assert extractive_answer(result).startswith(f"(참고: {note})\n원피스 중에서 찾은 상품이에요:")
