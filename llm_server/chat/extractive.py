"""Extractive answers: Korean templates filled only with retrieved data (ANSWER_MODE=extractive).

Used when the model's free prose cannot be trusted (LLM_TRUSTED_PROSE), for greetings
and thanks, and for off-topic refusals, which never reach the LLM.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from llm_server.protocol import Filters, Product
from llm_server.rag.retriever import RetrievalResult

GREETING = (
    "안녕하세요! BlankSpace 쇼핑 도우미입니다. "
    "상품 추천, 배송, 교환/반품, 사이즈, 결제 등 궁금한 점을 편하게 물어보세요."
)
THANKS = "도움이 되었다니 기뻐요! 더 궁금한 점이 있으면 언제든 물어보세요."
OFF_TOPIC = (
    "죄송하지만 저는 BlankSpace 쇼핑 관련 질문(상품, 배송, 교환/반품, 사이즈, 결제 등)에만 "
    "답변드릴 수 있어요."
)
NOTHING_FOUND = "죄송해요, 관련 정보를 찾지 못했어요. 다른 표현으로 다시 질문해 주시겠어요?"


def format_won(amount: int) -> str:
    """30000 -> '3만원', 35000 -> '3만 5천원', 9900 -> '9,900원'."""
    if amount >= 10000 and amount % 1000 == 0:
        man, rest = divmod(amount, 10000)
        return f"{man:,}만원" if rest == 0 else f"{man:,}만 {rest // 1000}천원"
    return f"{amount:,}원"


def describe_price(low: int | None, high: int | None) -> str:
    """(50000, 59999) -> '5만원대'; (None, 19999) -> '2만원 미만'; (None, 30000) -> '3만원 이하'."""
    if low is not None and high is not None:
        band = high + 1 - low
        if band in (1_000, 10_000, 100_000, 1_000_000) and low % band == 0:
            return f"{format_won(low)}대"
        return f"{format_won(low)}~{format_won(high)}"
    if high is not None:
        return f"{format_won(high + 1)} 미만" if (high + 1) % 1000 == 0 else f"{format_won(high)} 이하"
    if low is not None:
        return f"{format_won(low)} 이상"
    return ""


#: Catalog wash-method values as the shopper's wish ("세탁기 사용 가능한 니트").
WASH_WANTED = {"machine": "세탁기 사용 가능한", "hand": "손세탁 가능한", "wool_cycle": "울코스 세탁 가능한"}


def describe_filters(filters: Filters, words: Sequence[str] = ()) -> str:
    """Filters(price_max=30000, categories=('원피스',)) -> '3만원 이하 원피스'; `words`
    (attribute words such as "스트라이프") go just before the category; what is left out
    follows it: '가방 (백팩 제외)'."""
    parts = []
    price = describe_price(filters.price_min, filters.price_max)
    if price:
        parts.append(price)
    if filters.in_stock:
        parts.append("재고 있는")
    if filters.sizes:
        parts.append("/".join(filters.sizes) + " 사이즈")
    if filters.colors:
        parts.append("/".join(filters.colors))
    parts.extend(WASH_WANTED.get(value, value) for value in filters.wash)
    parts.extend(words)
    parts.append("/".join(filters.categories) or ("상품" if parts else "전체 상품"))
    left_out = [*filters.exclude_words, *filters.exclude_categories, *filters.exclude_colors]
    if left_out:
        parts.append(f"({', '.join(dict.fromkeys(left_out))} 제외)")
    return " ".join(parts)


def product_line(product: Product) -> str:
    sizes = ", ".join(product.sizes) or "품절"
    return f"- {product.name} — {product.price:,}원 (사이즈: {sizes})"


#: An FAQ match scoring below this offers choices instead of asserting one answer.
FAQ_CONFIDENT_SCORE = 0.8


def extractive_answer(result: RetrievalResult, faq_confident_score: float = FAQ_CONFIDENT_SCORE) -> str:
    if result.intent == "greeting":
        return GREETING
    if result.intent == "thanks":
        return THANKS
    if result.off_topic:
        return _with_suggestions(OFF_TOPIC + " 이런 질문은 어떠세요?", result.suggestions)
    sections = [s for s in (_faq_section(result, faq_confident_score), _products_section(result)) if s]
    answer = "\n\n".join(sections) if sections else NOTHING_FOUND
    return "\n".join([*(f"(참고: {note})" for note in result.notes), answer])


def _faq_section(result: RetrievalResult, confident_score: float = FAQ_CONFIDENT_SCORE) -> str:
    if not result.faq or (result.wants_products and result.products):
        return ""
    top = result.faq[0]
    if top.score is not None and top.score < confident_score and len(result.faq) > 1:
        choices = "\n".join(f"{i}. {f.question}" for i, f in enumerate(result.faq[:3], start=1))
        return (
            "정확히 어떤 내용이 궁금하신지 확인하고 싶어요. 아래 중 가까운 질문을 골라 주세요.\n"
            f"{choices}\n\n가장 가까운 답변: {top.answer}"
        )
    return f"{top.answer}\n(참고 FAQ: {top.question})"


def _products_section(result: RetrievalResult) -> str:
    if not result.products or not (result.wants_products or not result.faq):
        return ""
    lines = [_products_heading(result)]
    lines.extend(product_line(p) for p in result.products)
    return "\n".join(lines)


def _products_heading(result: RetrievalResult) -> str:
    if result.alternatives:
        wanted = describe_filters(result.filters, result.missing_words)
        return f"{wanted}{_subject_particle(wanted)} 현재 없습니다. 대신 가까운 상품을 안내해 드릴게요 (조건과 다른 대안):"
    sort = result.filters.sort
    if sort:
        order = "낮은" if sort == "price_asc" else "높은"
        return f"{describe_filters(result.filters)} 중 가격이 {order} 순서로 보여드릴게요:"
    if not result.filters.is_empty:
        return f"{describe_filters(result.filters)} 중에서 찾은 상품이에요:"
    return "문의하신 내용과 관련된 상품이에요:"


def _with_suggestions(text: str, suggestions: list[str]) -> str:
    return text + "".join(f"\n- {s}" for s in suggestions[:3])


def _subject_particle(word: str) -> str:
    """은/는 by whether the last Hangul syllable has a final consonant."""
    last = re.sub(r"[^가-힣]", "", word)[-1:] or "품"
    return "은" if (ord(last) - 0xAC00) % 28 else "는"


def split_for_streaming(text: str) -> list[str]:
    """Word-sized pieces, so a templated answer streams through the same path as tokens."""
    return re.findall(r"\S+\s*|\s+", text)
