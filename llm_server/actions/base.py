"""`ShopActions`: what the assistant may do in the shop, whatever carries it out.

llm_server never writes the shop's database itself: the implementation (http.py) asks the
shop backend, acting for the shopper's session. Every method raises the errors in
actions/errors.py (AppError subclasses), never a transport exception.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from llm_server.actions.models import CartResult, HandoffResult, OrderStatus, TranscriptMessage


class ShopActions(ABC):
    @abstractmethod
    async def order_status(self, session_id: str, order_no: str, phone4: str) -> OrderStatus:
        """The order, only when `phone4` are the last 4 digits of the orderer's phone (else OrderNotFound)."""

    @abstractmethod
    async def add_to_cart(self, session_id: str, sku: str, size: str, qty: int = 1) -> CartResult:
        """Adds to the session's cart; SizeUnavailable (with the sizes in stock) when the size lacks stock."""

    @abstractmethod
    async def create_handoff(
        self, session_id: str, transcript: Sequence[TranscriptMessage], contact: str | None = None
    ) -> HandoffResult:
        """Hands the conversation to a person (the shop masks phone numbers in the transcript)."""

    async def aclose(self) -> None:  # noqa: B027 - optional hook, nothing to close by default
        """Releases connections."""
