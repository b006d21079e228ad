"""Korean TTS normalisation of every kind a shop answer holds, plus properties (hypothesis)
that hold for any text: no digit, emoji or markup symbol ever reaches an engine."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llm_server.speech.tts.normalize import native_korean, normalize_korean, sino_korean
from llm_server.speech.tts.sentences import audible_text, clean_for_speech


@pytest.mark.parametrize(("text", "spoken"), [
    # clock times: native hours, Sino-Korean minutes
    ("오후 3시에 출고돼요", "오후 세 시에 출고돼요"),
    ("3시 30분", "세 시 삼십 분"),
    ("오전 10:05", "오전 열 시 오 분"),
    ("14:30까지 주문", "열네 시 삼십 분까지 주문"),
    ("평일 오후 2시 이전", "평일 오후 두 시 이전"),
    ("12시", "열두 시"),
    ("3시간 걸려요", "세 시간 걸려요"),
    # counters that take native numbers
    ("2개 남았어요", "두 개 남았어요"),
    ("3벌", "세 벌"),
    ("5켤레", "다섯 켤레"),
    ("2명", "두 명"),
    ("4장", "네 장"),
    ("1번째 상품", "첫 번째 상품"),
    ("2번째", "두 번째"),
    ("21개", "스물한 개"),
    ("2~3개", "두 개에서 세 개"),
    ("150개", "백오십 개"),
    # phone, order and tracking numbers: digit by digit
    ("010-1234-5678로 연락", "공일공, 일이삼사, 오육칠팔로 연락"),
    ("01012345678", "공일공, 일이삼사, 오육칠팔"),
    ("02-123-4567", "공이, 일이삼, 사오육칠"),
    ("고객센터 1588-1234", "고객센터 일오팔팔, 일이삼사"),
    ("주문번호 20260115-0001 조회", "주문번호 이 공 이 육 공 일 일 오 공 공 공 일 조회"),
    ("운송장 번호: 123456789012", "운송장 번호 일 이 삼 사 오 육 칠 팔 구 공 일 이"),
    ("주문 3개", "주문 세 개"),
    # dates
    ("2026-03-05 출고", "이천이십육 년 삼월 오 일 출고"),
    ("2026.1.2", "이천이십육 년 일월 이 일"),
    ("3/5(화) 도착", "삼월 오 일(화) 도착"),
    ("6월 10일", "유월 십 일"),
    ("10월", "시월"),
    ("2026년", "이천이십육 년"),
    ("7일 이내", "칠 일 이내"),
    ("2~3일", "이에서 삼 일"),
    ("3-5일 소요", "삼에서 오 일 소요"),
    ("3개월", "삼 개월"),
    # sizes
    ("95/100 사이즈", "구십오, 백 사이즈"),
    ("S/M/L", "스몰, 미디엄, 라지"),
    ("XS 또는 3XL", "엑스스몰 또는 쓰리엑스라지"),
    # prices, percentages, units
    ("39,000원", "삼만 구천 원"),
    ("3만원", "삼만원"),
    ("10~20% 할인", "십에서 이십 퍼센트 할인"),
    ("500ml", "오백 밀리리터"),
    ("25℃ 이하", "이십오 도 이하"),
    ("총장 72.5cm", "총장 칠십이 점 오 센티미터"),
    ("１０개", "열 개"),  # full-width digits
    # English words and abbreviations common in fashion
    ("오버핏 T-shirt 블랙 color", "오버핏 티셔츠 블랙 컬러"),
    ("NEW 시즌 SALE", "뉴 시즌 세일"),
    ("A/S 가능", "에이에스 가능"),
    ("Q&A 게시판", "큐앤에이 게시판"),
    ("1+1 행사", "원 플러스 원 행사"),
    ("cotton 100%", "코튼 백 퍼센트"),
])
def test_normalize_every_kind(text, spoken):
    assert normalize_korean(text) == spoken


@pytest.mark.parametrize(("text", "heard"), [
    ("좋아요 👍🏻 추천해요 ❤️", "좋아요 추천해요"),
    ("Great choice 👍! 😀", "Great choice!"),
    ("가족 👨‍👩‍👧 세트 🇰🇷", "가족 세트"),
    ("→ 다음 ★★★ ※ 참고", "다음 참고"),
    ("<b>굵게</b> 문의 help@shop.example 또는 https://shop.example/faq", "굵게 문의 또는"),
    ("**추천** # 제목 `code` | 표", "추천 제목 code 표"),
])
def test_nothing_that_is_not_meant_to_be_heard_remains(text, heard):
    assert clean_for_speech(text) == heard


_KOREAN_WORDS = st.sampled_from(["셔츠", "가격은", "재고", "배송", "오후", "사이즈", "할인", "남았어요", "주문번호"])
_NUMBER_KINDS = st.one_of(
    st.integers(0, 10**12).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}원"),
    st.tuples(st.integers(0, 30), st.integers(0, 59)).map(lambda t: f"{t[0]}:{t[1]:02d}"),
    st.integers(0, 30).map(lambda n: f"{n}시"),
    st.tuples(st.integers(0, 300), st.sampled_from(["개", "벌", "장", "켤레", "명", "번째", "개월", "cm", "kg", "ml", "%", "일", "분"]))
    .map(lambda t: f"{t[0]}{t[1]}"),
    st.tuples(st.integers(1900, 2100), st.integers(0, 13), st.integers(0, 32)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.from_regex(r"01[016789]-\d{3,4}-\d{4}", fullmatch=True),
    st.from_regex(r"[A-Z]{1,3}-\d{1,6}", fullmatch=True),
    st.integers(0, 999).map(lambda n: f"{n}.{n % 10}"),
    st.sampled_from(["S", "M", "XL", "95/100", "S/M", "FREE", "1+1", "2~3개", "3-5일", "👍", "₩5,000", "😀🇰🇷"]),
)
_SHOP_SENTENCES = st.lists(st.one_of(_KOREAN_WORDS, _NUMBER_KINDS), min_size=1, max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_SHOP_SENTENCES)
def test_no_digit_survives_in_shop_sentences(text):
    spoken = normalize_korean(clean_for_speech(text))
    assert not any(ch.isdigit() for ch in spoken), (text, spoken)


@settings(max_examples=300, deadline=None)
@given(_SHOP_SENTENCES)
def test_normalising_twice_changes_nothing(text):
    once = normalize_korean(clean_for_speech(text))
    assert normalize_korean(once) == once


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_is_normalised_without_error_and_without_pictographs(text):
    spoken = normalize_korean(audible_text(text))
    assert not any(unicodedata.category(ch) in ("So", "Sk", "Cf", "Co", "Cs") for ch in spoken), spoken


_SINO_DIGITS = {c: i for i, c in enumerate("영일이삼사오육칠팔구")}
_SINO_UNITS = {"십": 10, "백": 100, "천": 1000}
_SINO_BIG = {"만": 10**4, "억": 10**8, "조": 10**12}


def read_sino(words: str) -> int:
    """The inverse of sino_korean, written independently from its grammar."""
    total, group, digit = 0, 0, None
    for ch in words.replace(" ", ""):
        if ch in _SINO_DIGITS:
            digit = _SINO_DIGITS[ch]
        elif ch in _SINO_UNITS:
            group += (1 if digit is None else digit) * _SINO_UNITS[ch]
            digit = None
        else:
            total += max(1, group + (digit or 0)) * _SINO_BIG[ch]
            group, digit = 0, None
    return total + group + (digit or 0)


@given(st.integers(0, 10**15))
def test_sino_korean_reads_back_to_the_same_number(number):
    assert read_sino(sino_korean(number)) == number


def test_native_numbers_are_distinct_for_1_to_99():
    words = [native_korean(n) for n in range(1, 100)]
    assert len(set(words)) == 99 and all(words)
