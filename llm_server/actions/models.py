"""What the shop's actions answer, typed (the shop backend's JSON, as llm_server reads it)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

OrderState = Literal["결제완료", "상품준비중", "배송중", "배송완료", "취소"]


class _Model(BaseModel):
    """Reads the backend's camelCase; writes (and documents in OpenAPI) snake_case."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


def _camel(name: str, camel: str):
    return Field(validation_alias=AliasChoices(camel, name))


class OrderItem(_Model):
    sku: str
    name: str
    size: str | None = None
    qty: int
    price: int


class OrderStep(_Model):
    """One step of the order's progress; `at` is None for a step not reached yet."""

    status: OrderState
    at: datetime | None = None
    done: bool
    current: bool


class StatusChange(_Model):
    status: OrderState
    at: datetime


class OrderStatus(_Model):
    order_no: str = _camel("order_no", "orderNo")
    status: OrderState
    items: list[OrderItem]
    total: int
    courier: str | None = None
    tracking_no: str | None = Field(None, validation_alias=AliasChoices("trackingNo", "tracking_no"))
    last_change: StatusChange | None = Field(None, validation_alias=AliasChoices("lastChange", "last_change"))
    steps: list[OrderStep]


class CartLine(_Model):
    sku: str
    name: str
    size: str
    qty: int
    price: int
    image: str | None = None


class Cart(_Model):
    items: list[CartLine]
    count: int
    total: int


class CartResult(_Model):
    """The line just added (its quantity is the line's new total) and the whole cart."""

    added: CartLine
    cart: Cart


class TranscriptMessage(_Model):
    role: Literal["user", "assistant"]
    content: str


class HandoffResult(_Model):
    id: str
    status: Literal["open"]
    created_at: datetime = _camel("created_at", "createdAt")
    message: str


class ActionOutcome(_Model):
    """What a chat turn's shop action did (meta `action`); the widget and evaluations read it."""

    type: Literal["order_status", "cart_add", "handoff"]
    status: Literal["asked", "done", "not_found", "size_unavailable", "failed"]
    missing: list[Literal["order_no", "phone4", "product", "size"]] = Field(default_factory=list)
    sizes_in_stock: list[str] = Field(default_factory=list)
    code: str | None = Field(None, description="The error code when status is failed")


class ActionMeta(_Model):
    """The meta fields an action turn adds to its `meta` event (all absent on other turns)."""

    action: ActionOutcome | None = None
    order: OrderStatus | None = None
    cart: CartResult | None = None
    handoff: HandoffResult | None = None
