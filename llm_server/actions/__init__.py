"""Shop actions the assistant can take: order status, add to cart, hand off to a person."""

from __future__ import annotations

from llm_server.actions.base import ShopActions
from llm_server.actions.models import CartResult, HandoffResult, OrderStatus, TranscriptMessage

__all__ = ["CartResult", "HandoffResult", "OrderStatus", "ShopActions", "TranscriptMessage", "build_shop_actions"]


def build_shop_actions(settings) -> ShopActions:
    """The HTTP implementation when SHOP_API_URL is set, else one that says the shop is not connected."""
    from llm_server.actions.http import HttpShopActions
    from llm_server.actions.unconfigured import UnconfiguredShopActions

    if settings.shop_api_url and settings.shop_api_token:
        return HttpShopActions(settings.shop_api_url, settings.shop_api_token, settings.shop_api_timeout_s)
    return UnconfiguredShopActions()
