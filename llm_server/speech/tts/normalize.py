"""Korean text normalisation so that every TTS engine reads prices, sizes and SKUs aloud.

"39,000원" -> "삼만 구천 원", "30%" -> "삼십 퍼센트", "M 사이즈" -> "미디엄 사이즈",
"BS-TS-001" -> "비 에스 티 에스 공 공 일". Pure functions, no engine knowledge.
"""

from __future__ import annotations

import re

_DIGITS = "영일이삼사오육칠팔구"
_SPELL_DIGITS = "공일이삼사오육칠팔구"
_SMALL_UNITS = ((1000, "천"), (100, "백"), (10, "십"))
_BIG_UNITS = ("", "만", "억", "조", "경")

_NATIVE_ONES = ["", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉"]
_NATIVE_TENS = ["", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"]
_NATIVE_COUNTERS = ("개", "벌", "명", "장", "켤레", "가지", "살", "시간")

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
    "mm": "밀리미터", "cm": "센티미터", "m": "미터", "kg": "킬로그램", "g": "그램",
    "ml": "밀리리터", "인치": "인치", "inch": "인치",
}

_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
_NOT_ALNUM_BEFORE = r"(?<![A-Za-z0-9])"
_NOT_ALNUM_AFTER = r"(?![A-Za-z0-9])"

_WON_PREFIX = re.compile(rf"[₩￦]\s?({_NUM})")
_WON_SUFFIX = re.compile(rf"({_NUM})\s?원")
_PERCENT = re.compile(rf"({_NUM})(\.\d+)?\s?%")
_UNIT = re.compile(
    rf"({_NUM})(\.\d+)?\s?({'|'.join(sorted(_UNITS, key=len, reverse=True))}){_NOT_ALNUM_AFTER}"
)
_SIZE = re.compile(
    rf"{_NOT_ALNUM_BEFORE}({'|'.join(sorted(_SIZES, key=len, reverse=True))}){_NOT_ALNUM_AFTER}"
)
_SKU = re.compile(
    rf"{_NOT_ALNUM_BEFORE}(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*"
    rf"{_NOT_ALNUM_AFTER}"
)
_COUNTED = re.compile(rf"({_NUM})\s?({'|'.join(_NATIVE_COUNTERS)})(?!월)")
_DECIMAL = re.compile(rf"({_NUM})(\.\d+)?")


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


def spell_code(code: str) -> str:
    """Spell a SKU letter by letter and digit by digit: "BS-01" -> "비 에스 공 일"."""
    spoken = [_LETTERS.get(ch) or _SPELL_DIGITS[int(ch)] for ch in code if ch.isalnum()]
    return " ".join(spoken)


def _counted(match: re.Match) -> str:
    native = native_korean(int(match.group(1).replace(",", "")))
    number = native or read_decimal(match.group(1))
    return f"{number} {match.group(2)}"


def normalize_korean(text: str) -> str:
    """Rewrite prices, percentages, measurements, sizes, SKUs and numbers as spoken Korean."""
    text = _WON_PREFIX.sub(lambda m: f"{read_decimal(m.group(1))} 원", text)
    text = _WON_SUFFIX.sub(lambda m: f"{read_decimal(m.group(1))} 원", text)
    text = _PERCENT.sub(lambda m: f"{read_decimal(m.group(1), m.group(2))} 퍼센트", text)
    text = _UNIT.sub(lambda m: f"{read_decimal(m.group(1), m.group(2))} {_UNITS[m.group(3)]}", text)
    text = _SKU.sub(lambda m: _SIZES.get(m.group(0)) or spell_code(m.group(0)), text)
    text = _SIZE.sub(lambda m: _SIZES[m.group(1)], text)
    text = _COUNTED.sub(_counted, text)
    text = _DECIMAL.sub(lambda m: read_decimal(m.group(1), m.group(2)), text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()
