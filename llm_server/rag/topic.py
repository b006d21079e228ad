"""Topic gate: is this a question for a fashion shop's assistant?

Cheap (one Kiwi pass plus dictionary look-ups, well under a millisecond) and measurable
(bench/retrieval_eval.py reports its accuracy on a labelled set). The shop score mixes
retrieval signals (how much of the question the shop's own catalog + FAQ vocabulary
covers, and how well the best single document matches) with two small lexicons:
shop words pull the score up, off-topic words (weather, stocks, politics, coding,
homework...) pull it down. Questions scoring below TOPIC_GATE_THRESHOLD are refused
without calling the LLM. Greetings and thanks are recognised first and answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from llm_server.rag.filters import CATEGORY_WORDS
from llm_server.rag.korean import SHOP_WORDS, KoreanTokenizer, has_words, normalize, words

ENGLISH_SHOP_TERMS = words(
    "shop store shipping delivery deliver order return refund exchange size sizes price cheap expensive "
    "shirt shirts tshirt tee pants jeans dress skirt coat jacket bag hat socks linen cotton wool knit "
    "clothes outfit recommend buy stock discount coupon payment"
)
SHOP_TERMS = frozenset(
    [*SHOP_WORDS, *ENGLISH_SHOP_TERMS, *(w for w in CATEGORY_WORDS if " " not in w)]
    + list(
        words(
            "옷 의류 추천 정장 수트 패션 코디 스타일 룩 상품 제품 신상 쇼핑 구매 주문 결제 배송 택배 출고 도착 배송지 운송장 교환 반품 환불 취소 "
            "사이즈 치수 핏 기장 총장 허리 어깨 가슴 소매 입 입히 어울리 가격 할인 세일 쿠폰 적립 적립금 포인트 회원 가입 탈퇴 "
            "아이디 비밀번호 로그인 비회원 리뷰 후기 세탁 빨래 다림질 보관 수선 소재 원단 색상 색깔 컬러 재입고 입고 품절 선물 매장 "
            "영수증 무통장 입금 카드 할부 페이 blankspace 블랭크스페이스"
        )
    )
)
OFF_TOPIC_TERMS = frozenset(
    words(
        "날씨 기온 미세먼지 일기예보 태풍 주식 주가 코스피 코스닥 증시 비트코인 코인 가상화폐 환율 금리 부동산 아파트 청약 정치 "
        "대통령 선거 국회 정당 국회의원 뉴스 코딩 파이썬 자바 자바스크립트 프로그래밍 코드 알고리즘 리액트 숙제 과제 수학 방정식 "
        "미적분 논문 번역 역사 맛집 레시피 요리 식당 영화 드라마 가사 노래 게임 축구 야구 농구 올림픽 여행 항공권 비행기 호텔 "
        "병원 증상 감기 두통 법률 소송 변호사 연애 운세 로또 별자리 타로 점심 저녁 메뉴 시험 수능 이력서 자기소개서 python "
        "javascript java code stock weather bitcoin"
    )
)
GREETING = re.compile(
    r"^(?:안녕|하이|헬로|반가|ㅎㅇ|hello|hi|hey|좋은\s*(?:아침|하루)|처음\s*왔)", re.IGNORECASE
)
THANKS = re.compile(r"(?:감사|고마|고맙|땡큐|thank|thx|ㄱㅅ|잘\s*알겠)", re.IGNORECASE)
#: A message about the conversation itself ("아까 그거", "제 이름이 뭐였죠?") is a follow-up
#: for the LLM, which sees the history; the gate, which does not, must not refuse it.
FOLLOW_UP = re.compile(
    r"아까|방금|이전에|앞에서|위에서|그거|그것|저거|이거|이것|그 중|첫\s*번째|두\s*번째|세\s*번째|"
    r"마지막\s*거|제\s*이름|내\s*이름|기억|말씀드린|말했"
)
SHORT_SOCIAL = 24  # a greeting or a thank-you is short; longer text carries a question


class LexicalSignals(Protocol):
    def coverage(self, terms: list[str]) -> float: ...
    def match_share(self, kind: str, terms: list[str]) -> float: ...


@dataclass(frozen=True)
class TopicDecision:
    intent: str  # shop | greeting | thanks | off_topic
    score: float  # shop score 0..1 (1.0 for social intents)
    shop_hits: int = 0
    off_hits: int = 0


class TopicGate:
    def __init__(
        self,
        tokenizer: KoreanTokenizer,
        signals: LexicalSignals | None = None,
        threshold: float = 0.5,
    ):
        self.tokenizer = tokenizer
        self.signals = signals
        self.threshold = threshold

    def classify(self, question: str, has_filters: bool = False) -> TopicDecision:
        text = normalize(question)
        if not has_words(text):
            return TopicDecision("greeting", 1.0)
        terms = self.tokenizer.terms(text)
        shop_hits = sum(1 for t in terms if t in SHOP_TERMS) + _shop_substrings(text)
        off_hits = sum(1 for t in terms if t in OFF_TOPIC_TERMS)
        social = self._social(text, shop_hits)
        if social:
            return TopicDecision(social, 1.0, shop_hits, off_hits)
        if FOLLOW_UP.search(text) and not off_hits:
            return TopicDecision("shop", 1.0, shop_hits, off_hits)
        score = self.score(terms, shop_hits, off_hits, has_filters)
        intent = "shop" if score >= self.threshold else "off_topic"
        return TopicDecision(intent, round(score, 3), shop_hits, off_hits)

    def score(self, terms: list[str], shop_hits: int, off_hits: int, has_filters: bool) -> float:
        coverage = match = 0.0
        if self.signals is not None and terms:
            coverage = self.signals.coverage(terms)
            match = max(
                self.signals.match_share("faq", terms), self.signals.match_share("products", terms)
            )
        raw = (
            0.3 * coverage
            + 0.3 * match
            # One unambiguous shop word ("shipping", "반품", "매장") is enough on its own.
            + 0.55 * min(shop_hits, 1)
            + 0.1 * (shop_hits >= 2)
            + (0.4 if has_filters else 0.0)
        )
        return max(0.0, min(1.0, raw - 0.7 * min(off_hits, 2) / 2 - (0.3 if off_hits > 1 else 0.0)))

    @staticmethod
    def _social(text: str, shop_hits: int) -> str | None:
        if shop_hits or len(text) > SHORT_SOCIAL:
            return None
        if THANKS.search(text):
            return "thanks"
        if GREETING.search(text):
            return "greeting"
        return None


def _shop_substrings(text: str) -> int:
    """Shop words glued into longer tokens ("반팔티추천", "배송비얼마") still count once."""
    compact = text.replace(" ", "")
    return int(any(word in compact for word in ("배송", "반품", "교환", "환불", "사이즈", "주문", "코디", "룩")))
