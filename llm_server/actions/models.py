"""What the shop's actions answer, typed (the shop backend's JSON, as llm_server reads it)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OrderState = Literal["결제완료", "상품준비중", "배송중", "배송완료", "취소"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


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
    order_no: str = Field(alias="orderNo")
    status: OrderState
    items: list[OrderItem]
    total: int
    courier: str | None = None
    tracking_no: str | None = Field(None, alias="trackingNo")
    last_change: StatusChange | None = Field(None, alias="lastChange")
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
    created_at: datetime = Field(alias="createdAt")
    message: str
