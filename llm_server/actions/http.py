"""`HttpShopActions`: ShopActions over the shop backend's service API (SHOP_API_URL + SHOP_API_TOKEN)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from llm_server.actions.base import ShopActions
from llm_server.actions.errors import ShopRejected, ShopUnavailable, from_response
from llm_server.actions.models import CartResult, HandoffResult, OrderStatus, TranscriptMessage

log = logging.getLogger(__name__)
SERVICE_PREFIX = "/api/service"
T = TypeVar("T", bound=BaseModel)


class HttpShopActions(ShopActions):
    def __init__(self, base_url: str, token: str, timeout_s: float = 5.0, transport: httpx.AsyncBaseTransport | None = None):
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + SERVICE_PREFIX,
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout_s,
            transport=transport,
        )

    async def order_status(self, session_id: str, order_no: str, phone4: str) -> OrderStatus:
        body = {"orderNo": order_no, "phone4": phone4}  # in the body: httpx logs URLs at INFO
        return await self._call("order_status", OrderStatus, session_id, "POST", "/orders/lookup", json=body)

    async def add_to_cart(self, session_id: str, sku: str, size: str, qty: int = 1) -> CartResult:
        body = {"sku": sku, "size": size, "qty": qty}
        return await self._call("add_to_cart", CartResult, session_id, "POST", "/cart", json=body)

    async def create_handoff(
        self, session_id: str, transcript: Sequence[TranscriptMessage], contact: str | None = None
    ) -> HandoffResult:
        body = {"transcript": [m.model_dump() for m in transcript], "contact": contact}
        return await self._call("create_handoff", HandoffResult, session_id, "POST", "/handoffs", json=body)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _call(self, action: str, model: type[T], session_id: str, method: str, path: str, **kw) -> T:
        """One request; logs only the action and its outcome (no order numbers, digits or contents)."""
        try:
            response = await self._client.request(method, path, headers={"X-Session-ID": session_id}, **kw)
        except httpx.HTTPError as exc:
            log.warning("shop action %s: backend unreachable (%s)", action, type(exc).__name__)
            raise ShopUnavailable() from None
        if response.is_error:
            error = from_response(response.status_code, _json(response))
            log.info("shop action %s: %s %s", action, response.status_code, error.code)
            raise error
        log.info("shop action %s: ok", action)
        try:
            return model.model_validate(response.json())
        except (ValidationError, ValueError):
            log.warning("shop action %s: unexpected answer from the shop backend", action)
            raise ShopRejected() from None


def _json(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError:
        return None
