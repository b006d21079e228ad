"""Korean text normalisation: every TTS engine is given words, never digits or symbols.

Korean reads numbers two ways, and the choice depends on what follows:
- native numbers (한, 두, 세 ... 아흔아홉) for hours and counted things:
  "오후 3시" -> "오후 세 시", "2개" -> "두 개", "3벌" -> "세 벌", "1번째" -> "첫 번째";
- Sino-Korean numbers (일, 이, 삼 ...) for minutes, dates, prices, measures, months:
  "3시 30분" -> "세 시 삼십 분", "39,000원" -> "삼만 구천 원", "6월" -> "유월";
- digit by digit for phone, order and tracking numbers and codes:
  "010-1234-5678" -> "공일공, 일이삼사, 오육칠팔", "BS-TS-001" -> "비 에스 티 에스 공 공 일".
Sizes (S/M/L/XL, 95/100), percentages, units (cm, kg, ml, °C) and the English words and
abbreviations common in fashion are read the way a Korean shop assistant says them.
Pure functions, no engine knowledge; a rule is a (pattern, replacement) in `_RULES`, applied
in order, most specific first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_DIGITS = "영일이삼사오육칠팔구"
_SPELL_DIGITS = "공일이삼사오육칠팔구"
_SMALL_UNITS = ((1000, "천"), (100, "백"), (10, "십"))
_BIG_UNITS = ("", "만", "억", "조", "경")

_NATIVE_ONES = ["", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉"]
_NATIVE_TENS = ["", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"]
# Counters that take native numbers (1..99): "두 개", "세 벌", "다섯 명", "한 시간".
_NATIVE_COUNTERS = (
    "켤레", "시간", "가지", "군데", "마리", "송이", "개", "벌", "명", "장", "살", "잔", "곳",
    "쌍", "권", "병", "통", "줄",
)
_MONTHS = ["", "일월", "이월", "삼월", "사월", "오월", "유월", "칠월", "팔월", "구월", "시월", "십일월", "십이월"]

_LETTERS = {
    "A": "에이", "B": "비", "C": "씨", "D": "디", "E": "이", "F": "에프", "G": "지",
    "H": "에이치", "I": "아이", "J": "제이", "K": "케이", "L": "엘", "M": "엠", "N": "엔",
    "O": "오", "P": "피", "Q": "큐", "R": "알", "S": "에스", "T": "티", "U": "유",
    "V": "브이", "W": "더블유", "X": "엑스", "Y": "와이", "Z": "제트",
}
_SIZES = {
    "XXXS": "쓰리엑스스몰", "XXS": "투엑스스몰", "XS": "엑스스몰", "S": "스몰", "M": "미디엄",
    "L": "라지", "XL": "엑스라지", "XXL": "투엑스라지", "2XL": "투엑스라지",
    "XXXL": "쓰리엑스라지", "3XL": "쓰리엑스라지", "FREE": "프리",
}
_UNITS = {
    "mm": "밀리미터", "cm": "센티미터", "km": "킬로미터", "m": "미터", "kg": "킬로그램",
    "g": "그램", "ml": "밀리리터", "mL": "밀리리터", "인치": "인치", "inch": "인치",
    "°C": "도", "℃": "도", "°": "도",
}
# English words and abbreviations a fashion shop's answers use, as Koreans say them.
_ENGLISH = {
    "t-shirts": "티셔츠", "t-shirt": "티셔츠", "tshirt": "티셔츠", "tee": "티", "hoodie": "후디",
    "sweatshirt": "맨투맨", "mtm": "맨투맨", "cardigan": "가디건", "jacket": "재킷", "coat": "코트",
    "padding": "패딩", "knit": "니트", "denim": "데님", "jeans": "청바지", "slacks": "슬랙스",
    "shirt": "셔츠", "blouse": "블라우스", "skirt": "스커트", "dress": "드레스", "onepiece": "원피스",
    "overfit": "오버핏", "over-fit": "오버핏", "oversized": "오버사이즈", "oversize": "오버사이즈",
    "slim": "슬림", "regular": "레귤러", "fit": "핏", "wide": "와이드", "crop": "크롭",
    "cotton": "코튼", "linen": "린넨", "wool": "울", "cashmere": "캐시미어", "polyester": "폴리에스터",
    "nylon": "나일론", "spandex": "스판덱스", "leather": "레더", "canvas": "캔버스",
    "black": "블랙", "white": "화이트", "navy": "네이비", "beige": "베이지", "gray": "그레이",
    "grey": "그레이", "ivory": "아이보리", "khaki": "카키", "pink": "핑크", "red": "레드",
    "blue": "블루", "green": "그린", "brown": "브라운", "charcoal": "차콜", "camel": "카멜",
    "sale": "세일", "new": "뉴", "best": "베스트", "set": "세트", "daily": "데일리", "casual": "캐주얼",
    "vintage": "빈티지", "basic": "베이직", "look": "룩", "color": "컬러", "size": "사이즈",
    "free": "프리", "coupon": "쿠폰", "point": "포인트", "event": "이벤트", "ootd": "오오티디",
    "q&a": "큐앤에이", "a/s": "에이에스", "vat": "부가세", "faq": "에프에이큐", "sns": "에스엔에스",
    "ok": "오케이", "shop": "샵", "blankspace": "블랭크스페이스",
}

_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
_B = r"(?<![A-Za-z0-9])"  # not glued to a word before
_E = r"(?![A-Za-z0-9])"  # not glued to a word after


def sino_korean(number: int) -> str:
    """Read a non-negative integer the Sino-Korean way: 39000 -> "삼만 구천"."""
    if number == 0:
        return _DIGITS[0]
    groups: list[str] = []
    for index, unit in enumerate(_BIG_UNITS):
        group = (number // 10_000**index) % 10_000
        if group:
            words = _read_group(group)
            # "만 원", not "일만 원"; larger units keep the 일 ("일억").
            groups.append(("" if words == "일" and unit == "만" else words) + unit)
        if number < 10_000 ** (index + 1):
            break
    if number >= 10_000 ** len(_BIG_UNITS):
        return spell_digits(str(number))
    return " ".join(reversed(groups))


def _read_group(group: int) -> str:
    words = ""
    for value, unit in _SMALL_UNITS:
        digit = group // value % 10
        if digit:
            words += ("" if digit == 1 else _DIGITS[digit]) + unit
    return words + (_DIGITS[group % 10] if group % 10 else "")


def native_korean(number: int) -> str | None:
    """Counting form before a counter (1..99): 2 -> "두", 21 -> "스물한"; None outside."""
    if not 0 < number < 100:
        return None
    tens = "스무" if number == 20 else _NATIVE_TENS[number // 10]
    return tens + _NATIVE_ONES[number % 10]


def read_decimal(integer: str, fraction: str | None = None) -> str:
    """"1,500" -> "천오백", ("1", ".5") -> "일 점 오"."""
    words = sino_korean(int(integer.replace(",", "")))
    if fraction:
        words += " 점 " + " ".join(_DIGITS[int(d)] for d in fraction.lstrip("."))
    return words


def spell_digits(digits: str) -> str:
    """Digit by digit, 0 as 공: "010" -> "공일공"."""
    return "".join(_SPELL_DIGITS[int(d)] for d in digits if d.isdigit())


def spell_code(code: str) -> str:
    """Spell a SKU letter by letter and digit by digit: "BS-01" -> "비 에스 공 일"."""
    spoken = [_LETTERS.get(ch.upper()) or _SPELL_DIGITS[int(ch)] for ch in code if ch.isascii() and ch.isalnum()]
    return " ".join(spoken)


def _number(text: str) -> int:
    return int(text.replace(",", ""))


# --- rules: each returns the spoken form of one match ---
def _phone(m: re.Match) -> str:
    return ", ".join(spell_digits(group) for group in m.groups() if group)


def _labelled_code(m: re.Match) -> str:
    return f"{m.group(1)} {spell_code(m.group(2))}"


def _date(m: re.Match) -> str:
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group(0)
    return f"{sino_korean(year)} 년 {_MONTHS[month]} {sino_korean(day)} 일"


def _month_day(m: re.Match) -> str:
    month, day = int(m.group(1)), int(m.group(2))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group(0)
    return f"{_MONTHS[month]} {sino_korean(day)} 일"


def _clock(m: re.Match) -> str:
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 24 or minute > 59:
        return m.group(0)
    return _hour_words(hour) + (f" {sino_korean(minute)} 분" if minute else "")


def _hour_words(hour: int) -> str:
    return f"{native_korean(hour) or sino_korean(hour)} 시"


def _hour(m: re.Match) -> str:
    hour = int(m.group(1))
    return _hour_words(hour) if hour <= 24 else f"{sino_korean(hour)} 시"


def _month(m: re.Match) -> str:
    month = int(m.group(1))
    return _MONTHS[month] if 1 <= month <= 12 else f"{sino_korean(month)} 월"


def _counted(m: re.Match) -> str:
    first, last, counter = m.group(1), m.group(2), m.group(3)
    if last:
        return f"{_count(first, counter)} {counter}에서 {_count(last, counter)} {counter}"
    return f"{_count(first, counter)} {counter}"


def _count(number: str, counter: str) -> str:
    value = _number(number)
    if counter.startswith("번째") and value == 1:
        return "첫"
    return native_korean(value) or sino_korean(value)


def _range(m: re.Match) -> str:
    return f"{m.group(1)}에서 "


def _english(m: re.Match) -> str:
    return _ENGLISH[m.group(0).lower()]


def _acronym(m: re.Match) -> str:
    word = m.group(0)
    return _SIZES.get(word) or spell_code(word)


_Rule = tuple[re.Pattern, str | Callable[[re.Match], str]]
_COUNTER_ALT = "|".join(sorted((*_NATIVE_COUNTERS, "번째", r"번(?=\s?(?:더|이상|까지|정도|씩|만에))"), key=len, reverse=True))
_RULES: list[_Rule] = [
    # digit by digit: phone numbers, then labelled order / tracking numbers, then long digit runs
    (re.compile(r"(?<!\d)(0\d{1,2})[-. ](\d{3,4})[-. ](\d{4})(?!\d)"), _phone),
    (re.compile(r"(?<!\d)(01[016789])(\d{3,4})(\d{4})(?!\d)"), _phone),
    (re.compile(r"(?<!\d)(1[5-9]\d{2})-(\d{4})(?!\d)"), _phone),
    (re.compile(r"(주문\s?번호|송장\s?번호|운송장\s?번호|운송장|[Oo]rder\s?(?:[Nn]o\.?|[Nn]umber|#))\s*[:：#]?\s*"
                r"([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)(?=$|[^A-Za-z0-9])"), _labelled_code),
    (re.compile(r"(?<![\d,.])\d{7,}(?![\d,.])"), lambda m: spell_digits(m.group(0))),
    # dates and times
    (re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)"), _date),
    (re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])(?=\s?\(?[월화수목금토일]|\s?(?:까지|부터|에|출고|도착|배송))"), _month_day),
    (re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)"), _clock),
    (re.compile(r"(\d{1,2})\s?시(?![간즌리작장계])"), _hour),
    # counted things, ranges ("2~3개" -> "두 개에서 세 개", "3-5일" -> "삼에서 오 일")
    (re.compile(rf"({_NUM})(?:\s?[~\-]\s?({_NUM}))?\s?({_COUNTER_ALT})(?!월)"), _counted),
    (re.compile(rf"({_NUM})\s?[~～]\s?(?={_NUM})"), _range),
    (re.compile(rf"({_NUM})\s?-\s?(?=(?:{_NUM})\s?[가-힣%])"), _range),
    (re.compile(r"(\d{1,2})\s?월"), _month),
    (re.compile(r"(\d+)\s?개월"), lambda m: f"{sino_korean(_number(m.group(1)))} 개월"),
    (re.compile(r"(\d{4})\s?년"), lambda m: f"{sino_korean(int(m.group(1)))} 년"),
    (re.compile(r"(\d+)\s?(분|초|일)(?![본])"), lambda m: f"{sino_korean(_number(m.group(1)))} {m.group(2)}"),
    # money, percentages, measures
    (re.compile(rf"[₩￦]\s?({_NUM})"), lambda m: f"{read_decimal(m.group(1))} 원"),
    (re.compile(rf"({_NUM})\s?원"), lambda m: f"{read_decimal(m.group(1))} 원"),
    (re.compile(rf"({_NUM})(\.\d+)?\s?%"), lambda m: f"{read_decimal(m.group(1), m.group(2))} 퍼센트"),
    (re.compile(rf"({_NUM})(\.\d+)?\s?({'|'.join(sorted(map(re.escape, _UNITS), key=len, reverse=True))})(?![A-Za-z])"),
     lambda m: f"{read_decimal(m.group(1), m.group(2))} {_UNITS[m.group(3)]}"),
    (re.compile(r"(?<!\d)1\s?\+\s?1(?!\d)"), "원 플러스 원"),
    (re.compile(r"(?<=\d)\s?\+\s?(?=\d)"), " 플러스 "),
    # codes, sizes, English
    (re.compile(rf"{_B}(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*{_E}"),
     lambda m: _SIZES.get(m.group(0)) or spell_code(m.group(0))),
    (re.compile(rf"{_B}(?:{'|'.join(sorted(map(re.escape, _ENGLISH), key=len, reverse=True))}){_E}", re.IGNORECASE), _english),
    (re.compile(r"(?<=[A-Za-z0-9])\s?/\s?(?=[A-Za-z0-9])"), ", "),
    (re.compile(rf"{_B}[A-Z]{{1,5}}{_E}"), _acronym),
    (re.compile(r"\s?&\s?"), " 앤 "),
    # whatever number is left is read the Sino-Korean way
    (re.compile(rf"({_NUM})(\.\d+)?"), lambda m: read_decimal(m.group(1), m.group(2))),
]


def normalize_korean(text: str) -> str:
    """Rewrite times, counts, dates, phone/order numbers, prices, measures, sizes and English
    as spoken Korean; the result holds no ASCII digit."""
    text = unicodedata.normalize("NFKC", text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[~～°℃₩￦/]", " ", text)  # symbols no rule could read in context
    return re.sub(r"[ \t]{2,}", " ", text).strip()
