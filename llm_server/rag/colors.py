"""Canonical colour vocabulary: shopper words and catalog text -> canonical colour names.

Canonical names are the catalog's own colour words (화이트, 블랙, 네이비, ...), so a colour
read from a product at indexing time and one read from a question compare equal. Each
canonical colour lists its Korean and English synonyms; a few broad shopper words
("파란색", "청바지 색") stand for a family of canonical colours.
"""

from __future__ import annotations

import re
import unicodedata

#: canonical colour -> synonyms (lower-case; Korean stems match with 색/색상/색깔 after them).
COLORS: dict[str, tuple[str, ...]] = {
    "블랙": ("블랙", "검정", "검은", "검정색", "까만", "까만색", "흑색", "black"),
    "화이트": ("화이트", "흰", "흰색", "하얀", "하얀색", "백색", "white"),
    "아이보리": ("아이보리", "ivory"),
    "크림": ("크림", "cream"),
    "그레이": ("그레이", "회색", "grey", "gray", "잿빛"),
    "차콜": ("차콜", "진회색", "charcoal"),
    "네이비": ("네이비", "남색", "곤색", "navy"),
    "베이지": ("베이지", "beige"),
    "오트밀": ("오트밀", "oatmeal"),
    "브라운": ("브라운", "갈색", "밤색", "brown"),
    "카멜": ("카멜", "camel"),
    "카키": ("카키", "국방색", "khaki"),
    "버건디": ("버건디", "와인색", "와인", "burgundy"),
    "라벤더": ("라벤더", "연보라", "lavender"),
    "소라": ("소라", "소라색", "하늘색", "스카이블루", "sky blue", "skyblue"),
    "민트": ("민트", "mint"),
    "연청": ("연청",),
    "중청": ("중청",),
    "진청": ("진청",),
    "흑청": ("흑청",),
    "생지": ("생지",),
}
#: Broad shopper words that stand for several canonical colours.
FAMILIES: dict[str, tuple[str, ...]] = {
    "파란": ("소라", "연청", "중청", "진청"),
    "파랑": ("소라", "연청", "중청", "진청"),
    "파란색": ("소라", "연청", "중청", "진청"),
    "블루": ("소라", "연청", "중청", "진청"),
    "blue": ("소라", "연청", "중청", "진청"),
    "보라": ("라벤더",),
    "보라색": ("라벤더",),
    "퍼플": ("라벤더",),
    "purple": ("라벤더",),
    "초록": (),
    "초록색": (),
    "녹색": (),
    "그린": (),
    "green": (),
    "빨간": (),
    "빨간색": (),
    "빨강": (),
    "레드": (),
    "red": (),
    "노란": (),
    "노란색": (),
    "노랑": (),
    "옐로우": (),
    "yellow": (),
    "핑크": (),
    "분홍": (),
    "분홍색": (),
    "pink": (),
    "주황": (),
    "오렌지": (),
    "orange": (),
}
#: Near shades a shopper's colour word also covers when it is left out: "흰색 말고" leaves
#: out the ivory and cream ones too, "검정 말고" the black denim.
SHADES: dict[str, tuple[str, ...]] = {
    "화이트": ("아이보리", "크림"),
    "블랙": ("흑청",),
    "그레이": ("차콜",),
    "베이지": ("오트밀",),
    "브라운": ("카멜",),
}
#: A colour word followed by one of these is certainly a colour ("빨간색", "흰 색상").
_COLOR_TAIL = r"(?:\s*(?:색상|색깔|색|컬러|color|colour))?"


#: What may follow a short colour stem: a particle or the end of a Hangul word, so
#: "보라색" and "블루로요" are colours while "보라고" and "그린다" are not.
_PARTICLE_END = r"(?=$|[^가-힣]|(?:은|는|이|가|도|로|으로|요|나|이나|랑|만|계열|톤|빛)(?:$|[^가-힣]|요))"


def _pattern(word: str) -> re.Pattern:
    if word.isascii():
        return re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])")
    if len(word) <= 2:
        return re.compile(rf"(?<![가-힣]){re.escape(word)}{_COLOR_TAIL}{_PARTICLE_END}")
    return re.compile(re.escape(word) + _COLOR_TAIL)


_LEXICON: list[tuple[re.Pattern, str, tuple[str, ...]]] = sorted(
    [(_pattern(w), w, (c,)) for c, ws in COLORS.items() for w in ws]
    + [(_pattern(w), w, cs) for w, cs in FAMILIES.items()],
    key=lambda item: len(item[1]),
    reverse=True,
)


def read_colors(text: str) -> tuple[list[str], list[str]]:
    """Colours a text asks for: (canonical colours, colour words with no catalog colour).

    "흰색이나 검정" -> (["화이트", "블랙"], []); "빨간색 원피스" -> ([], ["빨간색"]).
    Longest words first, so "하늘색" is 소라 and never also an unrelated shorter word.
    """
    rest = unicodedata.normalize("NFKC", text).lower()
    found: list[str] = []
    unknown: list[str] = []
    for pattern, _word, canonical in _LEXICON:
        match = pattern.search(rest)
        if not match:
            continue
        if canonical:
            found.extend(canonical)
        else:
            unknown.append(match.group(0).strip())
        rest = pattern.sub(" ", rest)
    return list(dict.fromkeys(found)), unknown


def with_shades(colors: list[str] | tuple[str, ...]) -> list[str]:
    """`colors` and the near shades each covers when excluded (SHADES), without repeats."""
    return list(dict.fromkeys(c for colour in colors for c in (colour, *SHADES.get(colour, ()))))


def product_colors(name: str, description: str = "") -> list[str]:
    """Canonical colours of a catalog product, read from its name first, then description.

    The catalog writes a product's colour in its name ("린넨 셔츠 (화이트)"); when the name
    has none, colours named in the description count.
    """
    found, _ = read_colors(name)
    if found:
        return found[:2]
    found, _ = read_colors(description)
    return found[:2]
