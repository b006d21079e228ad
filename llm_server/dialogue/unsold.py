"""Kinds of product a clothing shop may not carry ("수영복 있어요?", "운동화 추천해 주세요").

A clerk says plainly that the shop does not sell them and what it does sell; a search
would instead return the nearest unrelated products or FAQ entries. `unsold_words` only
reads the message: the turn checks the catalog's product names before saying so, so a
catalog that starts selling 운동화 is searched as usual.
"""

from __future__ import annotations

import re

#: Fashion and lifestyle kinds outside a clothing shop's usual range, with the words a
#: shopper uses for them. "부츠" is not "부츠컷" (a trouser cut), "반지" not "반지갑".
UNSOLD: dict[str, str] = {
    "수영복": r"수영복|비키니|래시가드|swimsuit|swimwear|bikini",
    "신발": r"신발|구두|운동화|스니커즈|샌들|슬리퍼|로퍼|하이힐|부츠(?!컷)|shoes?|sneakers?|sandals?|boots",
    "속옷": r"속옷|팬티|브래지어|란제리|underwear|lingerie",
    "잠옷": r"잠옷|파자마|pajamas?",
    "레깅스": r"레깅스|leggings",
    "정장": r"정장|슈트|양복|(?<![가-힣])수트|suits?(?![a-z])",
    "넥타이": r"넥타이|necktie|(?<![a-z])tie(?![a-z])",
    "벨트": r"벨트|belts?(?![a-z])",
    "지갑": r"지갑|wallets?",
    "시계": r"시계|watch(?:es)?(?![a-z])",
    "주얼리": r"목걸이|귀걸이|귀고리|반지(?!갑)|팔찌|주얼리|쥬얼리|액세서리|악세사리|악세서리|jewelry|necklace|earrings?|bracelet",
    "안경": r"안경|선글라스|sunglasses|glasses",
    "스카프": r"스카프|머플러|목도리|scarf|scarves|muffler",
    "장갑": r"장갑|gloves?",
    "우산": r"우산|양산|umbrella",
    "화장품": r"화장품|향수|립스틱|cosmetics|perfume",
    "한복": r"한복|hanbok",
    "아동복": r"아동복|유아복|아기\s*옷|키즈|kids",
    "캐리어": r"캐리어|여행\s*가방|suitcase",
}
_PATTERNS = {kind: re.compile(pattern, re.I) for kind, pattern in UNSOLD.items()}


def unsold_words(text: str) -> tuple[str, ...]:
    """The words in `text` naming kinds a clothing shop may not carry, as the shopper wrote
    them ("구두도 팔아요?" -> ("구두",)); empty for anything else."""
    found = []
    for pattern in _PATTERNS.values():
        match = pattern.search(text)
        if match:
            found.append(match.group(0))
    return tuple(found)


def topic_particle(word: str) -> str:
    """은 after a final consonant, 는 after a vowel (수영복은, 구두는); 은(는) otherwise."""
    last = word[-1:]
    if not ("가" <= last <= "힣"):
        return "은(는)"
    return "은" if (ord(last) - 0xAC00) % 28 else "는"


def unsold_reply(word: str, sold: list[str]) -> str:
    """The Korean answer for a kind the catalog has none of; `sold` lists its categories."""
    listed = ", ".join(sold)
    return (
        f"죄송해요, {word}{topic_particle(word)} BlankSpace에서 취급하지 않는 상품이에요.\n"
        f"지금 판매 중인 상품: {listed}.\n이 중에서 찾아 드릴까요?"
    )
