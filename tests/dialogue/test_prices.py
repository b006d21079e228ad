"""Every common Korean price and budget expression, table-driven."""

import pytest

from llm_server.dialogue.prices import parse_prices

CASES = [
 ("7만원 밑으로요", None, 70000), ("10만원대로요", 100000, 199999), ("1만5000원 이하 양말", None, 15000),
 ("2~3만원대 셔츠", 20000, 39999), ("만원 이하", None, 10000), ("₩30,000 이하", None, 30000),
 ("예산은 5만원이에요, 선물 추천", None, 50000), ("3만원 이하 반팔", None, 30000), ("5만원대 슬랙스", 50000, 59999),
 ("3만원 미만", None, 29999), ("3만원 초과", 30001, None), ("5만원 이상", 50000, None), ("４만원 이하", None, 40000),
 ("오만원 안쪽", None, 50000), ("3만 원 넘지 않는 티", None, 30000), ("1~2만원", 10000, 20000), ("2만-4만원", 20000, 40000),
 ("20000원에서 30000원 사이", 20000, 30000), ("만오천원 이하", None, 15000), ("1만 5천원 이하", None, 15000),
 ("5천원대 양말", 5000, 5999), ("under 30000 tee", None, 30000), ("over 100000", 100000, None), ("십만원 이상 코트", 100000, None),
 ("3만원까지", None, 30000), ("4만원 이내", None, 40000), ("6만원 아래", None, 60000), ("7만 원 안으로", None, 70000),
 ("50,000원 이하", None, 50000), ("5만원 정도", None, 50000), ("예산 10만", None, 100000), ("2만원부터 4만원까지", 20000, 40000),
 ("3만원보다 싼", None, 30000), ("8만원 넘는 코트", 80000, None), ("삼만원대", 30000, 39999), ("10만원 넘으면 안 돼요", None, 100000),
 ("1만원대 양말", 10000, 19999), ("2만 5천원 이하", None, 25000), ("₩25,000 미만", None, 24999), ("최대 5만원", None, 50000),
 ("95 사이즈 니트", None, None), ("3시 이후", None, None), ("반팔 2장", None, None), ("백만원 이하", None, 1000000),
    ("１５０００원 이하", None, 15000),
    ("10만원으로 코트 살 수 있어요?", None, 100000),
    ("3만원 정도로 부모님 양말 선물하려고요", None, 30000),
    ("3만원 안쪽으로 부탁해요", None, 30000),
    ("budget 40000", None, 40000),
    ("4만9천원 이하", None, 49000),
    ("10만 원 이상 20만 원 이하", 100000, 200000),
    ("-5만원 이하", None, None),
    ("1억원 이하 셔츠", None, 100_000_000),
    ("2억원 이하", None, None),
    ("돈이 4만원밖에 없는데 바지 살 수 있어요?", None, 40000),
    ("3만원뿐이에요", None, 30000),
]


@pytest.mark.parametrize(("text", "low", "high"), CASES)
def test_price_expression(text, low, high):
    band = parse_prices(text)
    assert (band.low, band.high) == (low, high)


def test_table_is_large_enough():
    assert len(CASES) >= 40


def test_absurd_amounts_are_noted_not_guessed():
    band = parse_prices("2억원 이하 코트")
    assert band.empty and band.notes


def test_inverted_range_is_dropped_with_a_note():
    band = parse_prices("5만원 이상 3만원 이하")
    assert band.empty and any("맞지 않아" in note for note in band.notes)
