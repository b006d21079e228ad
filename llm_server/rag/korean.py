"""Korean text -> search terms with Kiwi morphemes (one tokenizer for index and query).

Kiwi splits particles and endings off ("배송비는" -> "배송비"), so BM25 matches the word a
shopper typed against the word the catalog uses. Shop vocabulary that Kiwi's general
model mis-splits ("린넨" -> "린"+"네", "재고" -> a verb) is registered as user words.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata


def words(text: str) -> tuple[str, ...]:
    """A word list written as one whitespace-separated string."""
    return tuple(text.split())


#: Fashion and shop words Kiwi must keep whole (materials, fits, colours, items, policy).
SHOP_WORDS = words(
    "린넨 코튼 텐셀 모달 폴리 나일론 레이온 울 캐시미어 모헤어 스웨이드 데님 기모 실크 캔버스 레더 골지 오버핏 세미오버핏 루즈핏 슬림핏 레귤러핏 크롭 박시 "
    "와이드 세미와이드 스트레이트 테이퍼드 부츠컷 A라인 플레어 플리츠 핀턱 밴딩 카고 버뮤다 덕다운 구스다운 경량 롱슬리브 헨리넥 브이넥 터틀넥 니삭스 블랙 "
    "화이트 아이보리 베이지 그레이 차콜 네이비 카키 브라운 카멜 소라 라벤더 크림 오트밀 버건디 민트 연청 중청 진청 흑청 생지 티셔츠 반팔 긴팔 셔츠 블라우스 "
    "니트 맨투맨 후드티 후드 집업 바지 팬츠 청바지 슬랙스 반바지 쇼츠 스커트 원피스 자켓 재킷 블레이저 코트 가디건 패딩 바람막이 가방 백팩 토트백 에코백 "
    "숄더백 모자 비니 버킷햇 볼캡 양말 상의 하의 아우터 잡화 재고 품절 교환 반품 환불 적립금 카카오페이 네이버페이 드라이클리닝 손세탁 건조기 물빠짐 보풀 실측"
)

#: Morpheme tags that carry meaning for search (nouns, roots, stems, foreign words, adverbs).
CONTENT_TAGS = ("NNG", "NNP", "NP", "XR", "SL", "SH", "VV", "VA", "MAG")
#: Frequent stems that carry no topic ("하다", "있다", ...).
STOP_FORMS = frozenset(
    words("하 되 있 없 주 보 이 그 저 것 수 좀 더 잘 뭐 어떻 그렇 이렇 같 알 싶 네 예 요")
)
NOUN_TAGS = ("NNG", "NNP")
_SPACES = re.compile(r"\s+")
_HANGUL_WORD = re.compile(r"[가-힣]+")


def normalize(text: str) -> str:
    """NFKC (full-width -> ASCII), lower-case Latin, collapsed whitespace."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


def has_words(text: str) -> bool:
    """False for text without a single letter or digit (emoji, punctuation only)."""
    return any(ch.isalnum() for ch in text)


class KoreanTokenizer:
    """Thread-safe wrapper around one Kiwi instance (loading takes seconds: do it once)."""

    def __init__(self, extra_words: tuple[str, ...] = ()):
        self._extra_words = extra_words
        self._kiwi = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._kiwi is None:
                self._kiwi = _build_kiwi((*SHOP_WORDS, *self._extra_words))

    def morphemes(self, text: str) -> list[tuple[str, str]]:
        """(form, tag) pairs of the normalised text."""
        self.load()
        with self._lock:
            tokens = self._kiwi.tokenize(normalize(text))
        return [(t.form, t.tag) for t in tokens]

    def terms(self, text: str) -> list[str]:
        """Search terms (cached: one turn tokenizes the same question several times)."""
        return list(self._cached_terms(text))

    @functools.lru_cache(maxsize=2048)  # noqa: B019 - one long-lived tokenizer per process
    def _cached_terms(self, text: str) -> tuple[str, ...]:
        return tuple(self._terms(text))

    def _terms(self, text: str) -> list[str]:
        """Search terms: content morphemes plus the syllable bigrams of long Hangul nouns.

        The bigrams let a compound match its parts: "무료배송" shares "배송" with "배송비".
        """
        terms: list[str] = []
        for form, tag in self.morphemes(text):
            tag = tag.split("-")[0]
            if tag not in CONTENT_TAGS or form in STOP_FORMS:
                continue
            terms.append(form)
            if tag in NOUN_TAGS and len(form) >= 3 and _HANGUL_WORD.fullmatch(form):
                terms.extend(form[i : i + 2] for i in range(len(form) - 1))
        return terms


def _build_kiwi(words: tuple[str, ...]):
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    for word in dict.fromkeys(words):
        kiwi.add_user_word(word.lower(), "NNG", 0.0)
    kiwi.tokenize("워밍업")  # the first call loads the model lazily: pay it here
    return kiwi


_shared: KoreanTokenizer | None = None
_shared_lock = threading.Lock()


def shared_tokenizer() -> KoreanTokenizer:
    """One process-wide tokenizer (Kiwi's model is large; every index shares it)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = KoreanTokenizer()
        return _shared
