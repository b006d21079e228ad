"""ShopActions when SHOP_API_URL / SHOP_API_TOKEN are unset: every action says so (Korean for
the shopper, the settings to set for the operator's logs)."""

from __future__ import annotations

from llm_server.actions.base import ShopActions
from llm_server.actions.errors import ShopUnavailable

DETAIL = "shop actions are off: set SHOP_API_URL and SHOP_API_TOKEN (the backend's token)"


def _off(message: str) -> ShopUnavailable:
    return ShopUnavailable(message, code="shop_not_configured", detail=DETAIL)


class UnconfiguredShopActions(ShopActions):
    async def order_status(self, session_id, order_no, phone4):
        raise _off("지금은 채팅에서 주문을 조회할 수 없어요. 마이페이지 주문 내역에서 확인해 주세요.")

    async def add_to_cart(self, session_id, sku, size, qty=1):
        raise _off("지금은 채팅에서 장바구니에 담을 수 없어요. 상품 페이지에서 담아 주세요.")

    async def create_handoff(self, session_id, transcript, contact=None):
        raise _off("지금은 채팅에서 상담원 연결을 접수할 수 없어요. 아래 연락처로 문의해 주세요.")
