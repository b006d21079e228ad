"""Extractive answers to questions about a product already shown ("이거 건조기 써도 돼요?").

Built only from that product's own catalog fields: wash methods, sizes in stock, price,
material words in its description, colour. Never a random FAQ entry.
"""

from __future__ import annotations

import re

from llm_server.protocol import Product

#: Materials the catalog's descriptions name ("부드러운 코튼 소재로 만든 ...").
_MATERIAL = re.compile(r"([가-힣A-Za-z0-9% ]{1,20}?)\s*(?:소재|원단)")
_DRYER = re.compile(r"건조기|dryer|tumble", re.I)
_MACHINE = re.compile(r"세탁기|machine", re.I)
_DRY_CLEAN = re.compile(r"드라이", re.I)


def answer_about(product: Product, asks: tuple[str, ...], question: str) -> str:
    """A Korean answer about `product` for the fields in `asks` (all of them, in order)."""
    parts = [_FIELD_ANSWERS[field](product, question) for field in asks if field in _FIELD_ANSWERS]
    if not parts:
        parts = [_summary(product)]
    return f"'{product.name}' 기준으로 안내해 드릴게요.\n" + "\n".join(dict.fromkeys(parts))


def _wash(product: Product, question: str) -> str:
    labels = [w.label for w in product.washMethods if w.label]
    values = {w.value for w in product.washMethods}
    if not labels:
        return "세탁 방법 정보가 등록되어 있지 않아요. 상품 라벨을 확인해 주세요."
    listed = "세탁 방법: " + ", ".join(labels) + "."
    if _DRYER.search(question):
        verdict = (
            "건조기는 사용하지 마세요 (건조기 사용 금지)."
            if "no_tumble_dry" in values
            else "건조기 사용 금지 표시는 없지만, 수축을 막으려면 저온 건조를 권해 드려요."
            if "machine" in values
            else "세탁 방법에 건조기 사용이 없어서 자연 건조를 권해 드려요."
        )
        return f"{verdict} {listed}"
    if _MACHINE.search(question):
        verdict = "세탁기 사용 가능해요." if "machine" in values else "세탁기보다는 표시된 방법을 따라 주세요."
        return f"{verdict} {listed}"
    if _DRY_CLEAN.search(question):
        verdict = "드라이클리닝을 권해 드려요." if "dry_clean" in values else "드라이클리닝 표시는 없어요."
        return f"{verdict} {listed}"
    return listed


def _stock(product: Product, question: str) -> str:
    if not product.sizes:
        return "현재 모든 사이즈가 품절이에요."
    sold_out = [size for size, qty in product.stock.items() if qty <= 0]
    text = "재고 있는 사이즈: " + ", ".join(product.sizes) + "."
    if sold_out:
        text += " 품절: " + ", ".join(sold_out) + "."
    return text


def _price(product: Product, question: str) -> str:
    return f"가격은 {product.price:,}원이에요."


def _material(product: Product, question: str) -> str:
    match = _MATERIAL.search(product.description)
    if match:
        return f"소재: {match.group(1).strip().split()[-1]}. ({product.description})"
    return f"상품 설명: {product.description}"


def _color(product: Product, question: str) -> str:
    if product.colors:
        return "색상: " + ", ".join(product.colors) + "."
    return "색상 정보가 상품명에 없어요."


def _fit(product: Product, question: str) -> str:
    return f"상품 설명: {product.description}"


def _summary(product: Product) -> str:
    sizes = ", ".join(product.sizes) or "품절"
    return f"가격 {product.price:,}원, 재고 있는 사이즈: {sizes}. {product.description}"


_FIELD_ANSWERS = {
    "wash": _wash,
    "stock": _stock,
    "size": _stock,
    "price": _price,
    "material": _material,
    "color": _color,
    "fit": _fit,
}
