"""ShopActions when SHOP_API_URL / SHOP_API_TOKEN are unset: every action says so, in Korean."""

from __future__ import annotations

from llm_server.actions.base import ShopActions
from llm_server.actions.errors import ShopUnavailable

MESSAGE = "쇼핑몰 연동이 설정되지 않아 주문 조회·장바구니·상담원 연결을 할 수 없습니다. (SHOP_API_URL, SHOP_API_TOKEN)"


class UnconfiguredShopActions(ShopActions):
    async def order_status(self, session_id, order_no, phone4):
        raise ShopUnavailable(MESSAGE, code="shop_not_configured")

    async def add_to_cart(self, session_id, sku, size, qty=1):
        raise ShopUnavailable(MESSAGE, code="shop_not_configured")

    async def create_handoff(self, session_id, transcript, contact=None):
        raise ShopUnavailable(MESSAGE, code="shop_not_configured")
