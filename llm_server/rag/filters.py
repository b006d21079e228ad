"""Product filters parsed from a shopper's question, applied before ranking.

"3만원 이하 원피스", "5만 원대 L 사이즈 셔츠", "under 30000 tee", "재고 있는 95 니트",
"제일 싼 양말" -> `protocol.Filters`: `price_min`, `price_max` (int KRW), `categories`
(catalog category words, OR), `sizes` (OR; only sizes in stock are indexed), `in_stock`,
`sort` (price_asc|price_desc). Stores apply the same value object (the Chroma adapter
translates it to `where`, BM25 calls `Filters.matches`), so both rankings see exactly the
same candidates.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from llm_server.dialogue.prices import parse_prices
from llm_server.protocol import Filters

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
    "집업": "후드티",  # the catalog's zip-ups are hoodies ("후드 집업")
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
#: The category words, longest first ("청바지" before "바지").
LONGEST_FIRST: tuple[str, ...] = tuple(sorted(CATEGORY_WORDS, key=len, reverse=True))
#: Shopper words for a narrower kind than their category: products carry the word in
#: their names, so it narrows (or, after 말고, excludes) by name, not by category.
NARROW_WORDS = frozenset(
    ["백팩", "토트백", "에코백", "숄더백", "비니", "버킷햇", "볼캡", "니삭스", "블레이저", "바람막이", "집업"]
)
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

_SIZE_UNIT_AFTER = re.compile(
    r"\s*(?:원|만|천|대|cm|mm|kg|g|%|살|세|개|시|일|년|월|분|명|번|켤레|장|층|호선|평|위|등)",
    re.IGNORECASE,
)
_IN_STOCK = re.compile(
    r"재고\s*(?:가|는)?\s*(?:있|남|보유)|품절\s*(?:아닌|안\s*된|제외|빼고)|바로\s*(?:살|구매)|구매\s*가능|in\s*stock",
    re.IGNORECASE,
)
#: "싼 순", "싼 거부터", "저렴한 것부터" (not the "싼" of "비싼").
_SORT_ASC = re.compile(
    r"(?:가장|제일|젤|최고로)\s*(?:싼|싸|저렴)|최저가|(?:(?<!비)싼|저렴한|낮은\s*가격|가격\s*낮은)\s*순|"
    r"(?:(?<!비)싼|저렴한|가격\s*낮은)\s*(?:거|것|걸|게)\s*(?:부터|먼저)|낮은\s*가격\s*(?:부터|먼저)|cheapest",
    re.IGNORECASE,
)
_SORT_DESC = re.compile(
    r"(?:가장|제일|젤)\s*(?:비싼|비싸|고가)|최고가|(?:비싼|높은\s*가격|가격\s*높은)\s*순|"
    r"(?:비싼|고가|가격\s*높은)\s*(?:거|것|걸|게)\s*(?:부터|먼저)|높은\s*가격\s*(?:부터|먼저)|most\s+expensive",
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
    _parse_categories(parsed)  # first: a budget phrase's span may hold one ("10만원으로 코트 살 수")
    _parse_prices(parsed)
    _parse_sizes(parsed)
    if _IN_STOCK.search(text):
        parsed.filters["in_stock"] = True
    _parse_sort(parsed)
    return ParsedQuery(Filters.from_dict(parsed.filters), parsed.notes, parsed.text)


# --- prices ---
def _parse_prices(parsed: _Parsing) -> None:
    """Prices by the one Korean price parser (`dialogue/prices.py`), then blanked out of the
    text so that "3만원대" is not also read as a size or a word to rank by."""
    band = parse_prices(parsed.text)
    if band.low is not None:
        parsed.filters["price_min"] = band.low
    if band.high is not None:
        parsed.filters["price_max"] = band.high
    parsed.notes.extend(band.notes)
    parsed.text = _blank(parsed.text, band.spans)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return re.sub(r"\s+", " ", text).strip()


# --- categories, sizes, sort ---
def _parse_categories(parsed: _Parsing) -> None:
    text = _NOT_CATEGORY.sub(" ", parsed.text.lower())
    found: list[str] = []
    for word in LONGEST_FIRST:
        pattern = word_pattern(word)
        if pattern.search(text):
            found.append(CATEGORY_WORDS[word])
            text = pattern.sub(" ", text)
    chosen = list(dict.fromkeys(found))
    specific = [c for c in chosen if not any(_is_ancestor(c, other) for other in chosen)]
    if specific:
        parsed.filters["categories"] = specific


@functools.cache
def word_pattern(word: str) -> re.Pattern:
    """The compiled pattern a category word is found by (cached: every turn reads all of them)."""
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
