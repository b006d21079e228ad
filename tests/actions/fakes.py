"""`FakeShopActions`: the shop backend's rules over the demo data, in memory, for unit tests.

Honest: the same phone check (one OrderNotFound for a wrong number and a wrong phone), the
same stock check (SizeUnavailable with the sizes in stock), the same phone masking in
handoffs, and the same result types as HttpShopActions. `calls` records what was asked.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from llm_server.actions.base import ShopActions
from llm_server.actions.errors import OrderNotFound, ProductNotFound, SizeUnavailable
from llm_server.actions.models import CartResult, HandoffResult, OrderStatus
from tests.conftest import DATA_DIR

FLOW = ("결제완료", "상품준비중", "배송중", "배송완료")
PHONE = re.compile(r"(?<!\d)(?:\+?82[-.\s]?|0)(?:1[016789]|2|[3-6][1-5]|70)[-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)")


def _load(name: str) -> list[dict]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def steps(order: dict) -> list[dict]:
    history = order["history"]
    if order["status"] == "취소":
        return [{**h, "done": True, "current": i == len(history) - 1} for i, h in enumerate(history)]
    reached = FLOW.index(order["status"])
    at = {h["status"]: h["at"] for h in history}
    return [{"status": s, "at": at.get(s), "done": i <= reached, "current": i == reached} for i, s in enumerate(FLOW)]


class FakeShopActions(ShopActions):
    def __init__(self):
        self.orders = {o["orderNo"]: o for o in _load("orders.json")}
        self.products = {p["sku"]: p for p in _load("products.json") if p["status"] == "active" and not p["isDeleted"]}
        self.carts: dict[str, list[dict]] = {}
        self.handoffs: list[dict] = []
        self.calls: list[tuple] = []

    async def order_status(self, session_id, order_no, phone4):
        self.calls.append(("order_status", session_id, order_no, phone4))
        order = self.orders.get(order_no)
        if order is None or order["phone"][-4:] != phone4:
            raise OrderNotFound()
        view = {**order, "lastChange": order["history"][-1], "steps": steps(order)}
        return OrderStatus.model_validate(view)

    async def add_to_cart(self, session_id, sku, size, qty=1):
        self.calls.append(("add_to_cart", session_id, sku, size, qty))
        product = self.products.get(sku)
        if product is None:
            raise ProductNotFound()
        cart = self.carts.setdefault(session_id, [])
        line = next((i for i in cart if i["sku"] == sku and i["size"] == size), None)
        wanted = qty + (line["qty"] if line else 0)
        if product["stock"].get(size, 0) < wanted:
            in_stock = [s for s, n in product["stock"].items() if n > 0]
            raise SizeUnavailable(f"{size} 사이즈는 재고가 부족합니다.", sizes_in_stock=in_stock)
        added = {"sku": sku, "name": product["name"], "size": size, "qty": wanted, "price": product["price"]}
        cart[:] = [added if i is line else i for i in cart] if line else [*cart, added]
        totals = {"count": sum(i["qty"] for i in cart), "total": sum(i["qty"] * i["price"] for i in cart)}
        return CartResult.model_validate({"added": added, "cart": {"items": cart, **totals}})

    async def create_handoff(self, session_id, transcript, contact=None):
        self.calls.append(("create_handoff", session_id, len(transcript), contact))
        masked = [{"role": m.role, "content": PHONE.sub("***-****-****", m.content)} for m in transcript]
        self.handoffs.append({"sessionId": session_id, "transcript": masked, "contact": contact, "status": "open"})
        return HandoffResult(
            id=f"h{len(self.handoffs)}",
            status="open",
            createdAt=datetime.now(UTC),
            message="상담원 연결을 요청했어요. 상담 시간에 접수 순서대로 상담원이 이어서 답변드릴게요.",
        )
