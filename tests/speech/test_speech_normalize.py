import pytest

from llm_server.speech.tts.normalize import native_korean, normalize_korean, sino_korean


@pytest.mark.parametrize(("number", "spoken"), [
    (0, "영"), (1, "일"), (10, "십"), (11, "십일"), (105, "백오"), (1000, "천"),
    (10_000, "만"), (39_000, "삼만 구천"), (129_000, "십이만 구천"), (1_500_000, "백오십만"),
    (110_000_000, "일억 천만"), (100_000_001, "일억 일"),
])
def test_sino_korean_numbers(number, spoken):
    assert sino_korean(number) == spoken


@pytest.mark.parametrize(("number", "spoken"), [(1, "한"), (2, "두"), (20, "스무"), (21, "스물한"),
                                                (99, "아흔아홉"), (100, None), (0, None)])
def test_native_korean_counting(number, spoken):
    assert native_korean(number) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("39,000원", "삼만 구천 원"),
    ("₩39,000", "삼만 구천 원"),
    ("가격은 129,000원입니다.", "가격은 십이만 구천 원입니다."),
    ("10000원 할인", "만 원 할인"),
    ("30% 할인", "삼십 퍼센트 할인"),
    ("2.5% 적립", "이 점 오 퍼센트 적립"),
    ("총장 75cm, 무게 1.5kg", "총장 칠십오 센티미터, 무게 일 점 오 킬로그램"),
    ("250mm 운동화", "이백오십 밀리미터 운동화"),
    ("M 사이즈", "미디엄 사이즈"),
    ("S, M, L, XL, 2XL 있어요", "스몰, 미디엄, 라지, 엑스라지, 투엑스라지 있어요"),
    ("FREE 사이즈", "프리 사이즈"),
    ("BS-TS-001 상품", "비 에스 티 에스 공 공 일 상품"),
    ("SKU A12 재고", "에스 케이 유 에이 일 이 재고"),
    ("2개 남았어요", "두 개 남았어요"),
    ("3벌", "세 벌"),
    ("3개월", "삼 개월"),
])
def test_normalize_korean(text, spoken):
    assert normalize_korean(text) == spoken


def test_normalize_leaves_plain_korean_alone():
    assert normalize_korean("안녕하세요, 무엇을 도와드릴까요?") == "안녕하세요, 무엇을 도와드릴까요?"
