"""Shop words typed with a one-jamo slip ("티셔쯔", "원피쓰", "반바쥐", "교한", "배숑").

Hangul syllables are compared as jamo sequences (NFD). A word of three or more syllables
within one jamo edit of a shop word is that word; a two-syllable word only when the slip
is between easily confused jamo (ㅅ/ㅆ, ㅈ/ㅉ/ㅊ, ㅏ/ㅘ, ㅣ/ㅟ, ㅗ/ㅛ, ㅜ/ㅠ, ㅐ/ㅔ, ㅓ/ㅕ),
so "가지" never becomes "바지". Correction runs before slot reading.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from llm_server.rag.filters import CATEGORY_WORDS
from llm_server.rag.korean import SHOP_WORDS, words

POLICY_WORDS = words(
    "배송 배송비 교환 반품 환불 취소 결제 적립금 쿠폰 회원 사이즈 세탁 주문 택배 송장 운송장 "
    "재고 품절 추천 상담원 할인 무료배송 영수증 입금"
)
_CONFUSABLE = [
    set(group)
    for group in (
        ("ᄉ", "ᄊ"), ("ᄌ", "ᄍ", "ᄎ"), ("ᅡ", "ᅪ"), ("ᅵ", "ᅱ"), ("ᅩ", "ᅭ"), ("ᅮ", "ᅲ"),
        ("ᅢ", "ᅦ"), ("ᅥ", "ᅧ"), ("ᆺ", "ᆻ"),
    )
]
_HANGUL_RUN = re.compile(r"[가-힣]{2,}")


def _jamo(word: str) -> str:
    return unicodedata.normalize("NFD", word)


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[int, list[tuple[str, str]]]:
    """Shop words by syllable count, with their jamo form."""
    vocab = {w for w in (*CATEGORY_WORDS, *SHOP_WORDS, *POLICY_WORDS) if _HANGUL_RUN.fullmatch(w)}
    by_length: dict[int, list[tuple[str, str]]] = {}
    for word in sorted(vocab):
        by_length.setdefault(len(word), []).append((word, _jamo(word)))
    return by_length


@functools.lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(w for words_ in _vocabulary().values() for w, _ in words_)


def _one_edit(a: str, b: str) -> tuple[str, str] | None:
    """The differing jamo pair when `a` and `b` differ by exactly one substitution."""
    if len(a) != len(b):
        return None
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return diffs[0] if len(diffs) == 1 else None


def _close(token: str, word: str, jamo_word: str) -> bool:
    if token[0] != word[0] and token[-1] != word[-1]:
        return False  # one jamo slip keeps at least one end syllable intact
    pair = _one_edit(_jamo(token), jamo_word)
    if pair is None:
        return False
    if len(word) >= 3:
        return True
    return any(pair[0] in group and pair[1] in group for group in _CONFUSABLE)


def correct(text: str) -> str:
    """`text` with slipped shop words replaced; other text unchanged."""
    return _HANGUL_RUN.sub(_correct_run, text)


def _correct_run(match: re.Match) -> str:
    run = match.group(0)
    vocab = _vocabulary()
    known = _known()
    for size in range(min(len(run), 5), 1, -1):
        head = run[:size]
        if head in known:
            return run
        for word, jamo_word in vocab.get(size, ()):
            if _close(head, word, jamo_word):
                return word + run[size:]
    return run
