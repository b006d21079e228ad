"""Product filters parsed from a shopper's question, applied before ranking.

"3만원 이하 원피스", "5만 원대 L 사이즈 셔츠", "under 30000 tee", "재고 있는 95 니트",
"제일 싼 양말" -> `protocol.Filters`: `price_min`, `price_max` (int KRW), `categories`
(catalog category words, OR), `sizes` (OR; only sizes in stock are indexed), `in_stock`,
`sort` (price_asc|price_desc). Stores apply the same value object (the Chroma adapter
translates it to `where`, BM25 calls `Filters.matches`), so both rankings see exactly the
same candidates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from llm_server.protocol import Filters

#: Above this a "price" is a typo or a probe, not a budget (1억원).
MAX_SANE_PRICE = 100_000_000

#: Shopper word -> catalog category. Longest words are matched first, so "티셔츠" never
#: also counts as "셔츠" and "청바지" never as "바지".
CATEGORY_WORDS: dict[str, str] = {
    "반팔티셔츠": "반팔",
    "반팔 티셔츠": "반팔",
    "반팔티": "반팔",
    "반팔 티": "반팔",
    "반소매": "반팔",
    "반팔": "반팔",
    "긴팔티": "티셔츠",
    "긴팔 티": "티셔츠",
    "티셔츠": "티셔츠",
    "티": "티셔츠",
    "t셔츠": "티셔츠",
    "tshirt": "티셔츠",
    "t-shirt": "티셔츠",
    "tee": "티셔츠",
    "와이셔츠": "셔츠",
    "남방": "셔츠",
    "셔츠": "셔츠",
    "shirt": "셔츠",
    "블라우스": "블라우스",
    "니트": "니트",
    "스웨터": "니트",
    "맨투맨": "맨투맨",
    "후드티": "후드티",
    "후드 티": "후드티",
    "후디": "후드티",
    "후드": "후드티",  # "후드 추천해 주세요"; "후드 패딩" is a padding (_NOT_CATEGORY)
    "hoodie": "후드티",
    "청바지": "청바지",
    "데님 팬츠": "청바지",
    "jeans": "청바지",
    "슬랙스": "슬랙스",
    "반바지": "반바지",
    "쇼츠": "반바지",
    "숏팬츠": "반바지",
    "shorts": "반바지",
    "바지": "바지",
    "팬츠": "바지",
    "pants": "바지",
    "스커트": "스커트",
    "치마": "스커트",
    "skirt": "스커트",
    "원피스": "원피스",
    "드레스": "원피스",
    "dress": "원피스",
    "자켓": "자켓",
    "재킷": "자켓",
    "블레이저": "자켓",
    "바람막이": "자켓",
    "jacket": "자켓",
    "코트": "코트",
    "coat": "코트",
    "가디건": "가디건",
    "카디건": "가디건",
    "패딩": "패딩",
    "가방": "가방",
    "백팩": "가방",
    "토트백": "가방",
    "에코백": "가방",
    "숄더백": "가방",
    "bag": "가방",
    "모자": "모자",
    "비니": "모자",
    "버킷햇": "모자",
    "볼캡": "모자",
    "양말": "양말",
    "니삭스": "양말",
    "socks": "양말",
    "상의": "상의",
    "하의": "하의",
    "아우터": "아우터",
    "잡화": "잡화",
}
#: Category -> its parent; "반팔 티셔츠" keeps only the more specific "반팔".
PARENT = {
    "반팔": "티셔츠",
    "티셔츠": "상의",
    "셔츠": "상의",
    "블라우스": "상의",
    "니트": "상의",
    "맨투맨": "상의",
    "후드티": "상의",
    "바지": "하의",
    "청바지": "하의",
    "슬랙스": "하의",
    "반바지": "하의",
    "스커트": "하의",
    "자켓": "아우터",
    "코트": "아우터",
    "가디건": "아우터",
    "패딩": "아우터",
    "가방": "잡화",
    "모자": "잡화",
    "양말": "잡화",
}
#: Words that contain a category word but mean something else ("모자라다", "상의하다").
_NOT_CATEGORY = re.compile(
    r"모자[라랄란람]|상의[하해드]|후드\s*(?:숏\s*|롱\s*)?(?=패딩|코트|자켓|재킷|바람막이|원피스|점퍼)"
)
LETTER_SIZES = ("XXL", "XL", "XS", "S", "M", "L")
NUMBER_SIZES = frozenset(["85", "90", "95", "100", "105", *map(str, range(26, 35))])

_NUM = r"(\d+(?:\.\d+)?)"
_AMOUNT = rf"(-)?\s*{_NUM}\s*(만|천|k)?(?:\s*(\d)\s*천)?\s*(원|won|krw)?"
_AMOUNT_RE = re.compile(_AMOUNT, re.IGNORECASE)
_RANGE = re.compile(
    rf"{_AMOUNT}\s*(?:~|-|–|에서|부터)\s*{_AMOUNT}(?:\s*(?:사이|까지))?", re.IGNORECASE
)
_BAND = re.compile(rf"{_AMOUNT}\s*대(?![가-힣])", re.IGNORECASE)
_UPPER_AFTER = re.compile(
    rf"{_AMOUNT}\s*(이하|미만|아래|밑|까지|이내|안쪽|보다\s*(?:싼|저렴))", re.IGNORECASE
)
_LOWER_AFTER = re.compile(
    rf"{_AMOUNT}\s*(이상|초과|넘는|넘게|넘어|부터|보다\s*비싼)", re.IGNORECASE
)
_UPPER_BEFORE = re.compile(rf"(under|below|less than|up to|max|<=?)\s*{_AMOUNT}", re.IGNORECASE)
_LOWER_BEFORE = re.compile(rf"(over|above|more than|at least|min|>=?)\s*{_AMOUNT}", re.IGNORECASE)
_PRICE_MENTION = re.compile(rf"{_AMOUNT}", re.IGNORECASE)
_SIZE_UNIT_AFTER = re.compile(
    r"\s*(?:원|만|천|대|cm|mm|kg|g|%|살|세|개|시|일|년|월|분|명|번|켤레|장|층|호선|평|위|등)",
    re.IGNORECASE,
)
_IN_STOCK = re.compile(
    r"재고\s*(?:가|는)?\s*(?:있|남|보유)|품절\s*(?:아닌|안\s*된|제외|빼고)|바로\s*(?:살|구매)|구매\s*가능|in\s*stock",
    re.IGNORECASE,
)
_SORT_ASC = re.compile(
    r"(?:가장|제일|젤|최고로)\s*(?:싼|싸|저렴)|최저가|(?:싼|저렴한|낮은\s*가격|가격\s*낮은)\s*순|cheapest",
    re.IGNORECASE,
)
_SORT_DESC = re.compile(
    r"(?:가장|제일|젤)\s*(?:비싼|비싸|고가)|최고가|(?:비싼|높은\s*가격|가격\s*높은)\s*순|most\s+expensive",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedQuery:
    """The filters in a question, notes about ignored ones, and the text left for ranking."""

    filters: Filters = field(default_factory=Filters)
    notes: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def sort(self) -> str | None:
        return self.filters.sort

    @property
    def constrains(self) -> bool:
        """True when the filters narrow the candidate set (sorting alone does not)."""
        return self.filters.constrains


@dataclass
class _Parsing:
    """Working state while a question is parsed: the filter values found so far."""

    filters: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    text: str = ""


def parse_query(question: str) -> ParsedQuery:
    text = unicodedata.normalize("NFKC", question)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    parsed = _Parsing(text=text)
    _parse_prices(parsed)
    _parse_categories(parsed)
    _parse_sizes(parsed)
    if _IN_STOCK.search(text):
        parsed.filters["in_stock"] = True
    _parse_sort(parsed)
    return ParsedQuery(Filters.from_dict(parsed.filters), parsed.notes, parsed.text)


# --- prices ---
def _amount(groups: tuple) -> int | None:
    """Groups of one _AMOUNT match -> KRW, or None for a negative amount."""
    negative, number, unit, thousands, _won = groups
    if negative:
        return None
    scale = {"만": 10_000, "천": 1_000, "k": 1_000}.get((unit or "").lower(), 1)
    return int(round(float(number) * scale)) + int(thousands or 0) * 1_000


def _is_price(groups: tuple) -> bool:
    return bool(groups[2] or groups[4])


def _band(groups: tuple, value: int) -> tuple[int, int]:
    """ "3만원대" -> 30,000..39,999; "10만원대" -> 100,000..199,999; "5천원대" -> 5,000..5,999."""
    leading = int(float(groups[1]))
    unit = (groups[2] or "").lower()
    if groups[3] or not leading:
        width = 1_000
    elif unit:
        width = (10_000 if unit == "만" else 1_000) * 10 ** (len(str(leading)) - 1)
    else:
        width = 10 ** (len(str(value)) - 1)
    return value, value + width - 1


def _parse_prices(parsed: _Parsing) -> None:
    text, low, high, spans = parsed.text, None, None, []
    for match in _RANGE.finditer(text):
        first, second = match.groups()[:5], match.groups()[5:]
        if _is_price(first) or _is_price(second):
            low, high = _amount(first), _amount(second)
            if low is not None and high is not None and not (first[2] or first[4]) and second[2]:
                low = _amount((*first[:2], second[2], None, None))  # "1~2만원" = 1만~2만
            spans.append(match.span())
    for pattern, bound in ((_BAND, "band"), (_UPPER_AFTER, "max"), (_LOWER_AFTER, "min")):
        for match in pattern.finditer(text):
            if _inside(match.span(), spans) or not _is_price(match.groups()[:5]):
                continue
            value = _amount(match.groups()[:5])
            spans.append(match.span())
            if value is None:
                low, high = _note_absurd(parsed, match.group(0), low, high)
            elif bound == "band":
                low, high = _band(match.groups()[:5], value)
            elif bound == "max":
                high = value - 1 if "미만" in match.group(0) else value
            else:
                low = value + 1 if "초과" in match.group(0) else value
    for pattern, bound in ((_UPPER_BEFORE, "max"), (_LOWER_BEFORE, "min")):
        for match in pattern.finditer(text):
            if _inside(match.span(), spans):
                continue
            value = _amount(match.groups()[1:6])
            spans.append(match.span())
            if value is None:
                low, high = _note_absurd(parsed, match.group(0), low, high)
            elif bound == "max":
                high = value
            else:
                low = value
    _check_prices(parsed, low, high, spans)


def _note_absurd(parsed: _Parsing, phrase: str, low, high):
    parsed.notes.append(f"가격 조건 '{phrase.strip()}'은(는) 올바른 금액이 아니어서 무시했어요.")
    return low, high


def _check_prices(parsed: _Parsing, low: int | None, high: int | None, spans: list) -> None:
    for match in _PRICE_MENTION.finditer(parsed.text):
        groups = match.groups()
        if not _is_price(groups) or _inside(match.span(), spans):
            continue
        value = _amount(groups)
        if value is None or value <= 0 or value > MAX_SANE_PRICE:
            parsed.notes.append(
                f"가격 '{match.group(0).strip()}'은(는) 올바른 금액이 아니어서 무시했어요."
            )
    low, high = _sane(parsed, low, "이상"), _sane(parsed, high, "이하")
    if low is not None and high is not None and low > high:
        parsed.notes.append(
            f"가격 범위({f'{low:,}원'} 이상, {f'{high:,}원'} 이하)가 맞지 않아 가격 조건을 무시했어요."
        )
        low = high = None
    if low is not None:
        parsed.filters["price_min"] = low
    if high is not None:
        parsed.filters["price_max"] = high
    parsed.text = _blank(parsed.text, spans)


def _sane(parsed: _Parsing, value: int | None, word: str) -> int | None:
    if value is None:
        return None
    if value <= 0 or value > MAX_SANE_PRICE:
        parsed.notes.append(f"가격 조건({value:,}원 {word})은 올바른 금액이 아니어서 무시했어요.")
        return None
    return value


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return re.sub(r"\s+", " ", text).strip()


# --- categories, sizes, sort ---
def _parse_categories(parsed: _Parsing) -> None:
    text = _NOT_CATEGORY.sub(" ", parsed.text.lower())
    found: list[str] = []
    for word in sorted(CATEGORY_WORDS, key=len, reverse=True):
        pattern = _word_pattern(word)
        if pattern.search(text):
            found.append(CATEGORY_WORDS[word])
            text = pattern.sub(" ", text)
    chosen = list(dict.fromkeys(found))
    specific = [c for c in chosen if not any(_is_ancestor(c, other) for other in chosen)]
    if specific:
        parsed.filters["categories"] = specific


def _word_pattern(word: str) -> re.Pattern:
    if word.isascii():
        return re.compile(rf"(?<![a-z]){re.escape(word)}s?(?![a-z])")
    if len(word) == 1 or word in ("티", "다운"):
        return re.compile(rf"(?<![가-힣]){re.escape(word)}(?![가-힣])")
    return re.compile(re.escape(word))


def _is_ancestor(category: str, other: str) -> bool:
    parent = PARENT.get(other)
    while parent:
        if parent == category:
            return True
        parent = PARENT.get(parent)
    return False


def _parse_sizes(parsed: _Parsing) -> None:
    text, sizes = parsed.text, []
    if re.search(r"프리\s*사이즈|free\s*size|(?<![a-z])free(?![a-z])", text, re.IGNORECASE):
        sizes.append("FREE")
    for size in LETTER_SIZES:
        strict = rf"(?<![A-Za-z/]){size}(?![A-Za-z/])"
        loose = rf"(?<![A-Za-z]){size}(?=\s*(?:사이즈|size))"
        if re.search(strict, text) or re.search(loose, text, re.IGNORECASE):
            sizes.append(size)
    for match in re.finditer(r"(?<![\d.\-~])(\d{2,3})(?![\d.])", text):
        if match.group(1) in NUMBER_SIZES and not _SIZE_UNIT_AFTER.match(text, match.end()):
            sizes.append(match.group(1))
    if sizes:
        parsed.filters["sizes"] = list(dict.fromkeys(sizes))


def _parse_sort(parsed: _Parsing) -> None:
    if _SORT_ASC.search(parsed.text):
        parsed.filters["sort"] = "price_asc"
    elif _SORT_DESC.search(parsed.text):
        parsed.filters["sort"] = "price_desc"
