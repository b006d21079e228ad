"""HttpShopActions against the real Express shop API on a real nx-27017 (pymongo checks the writes)."""

from __future__ import annotations

import json
import logging

import pymongo
import pytest

from llm_server.actions import TranscriptMessage, build_shop_actions
from llm_server.actions.errors import (
    OrderNotFound,
    ProductNotFound,
    ShopRejected,
    ShopRequestInvalid,
    ShopUnavailable,
    SizeUnavailable,
)
from llm_server.actions.http import HttpShopActions
from llm_server.config import Settings
from tests.conftest import DATA_DIR, free_port

pytestmark = pytest.mark.anyio
ORDERS = {o["orderNo"]: o for o in json.loads((DATA_DIR / "orders.json").read_text(encoding="utf-8"))}
SHIPPED = ORDERS["20261114-1007"]  # 배송중, 롯데택배, phone ...5678


@pytest.fixture
async def actions(shop_backend):
    actions = HttpShopActions(shop_backend.url, shop_backend.token)
    yield actions
    await actions.aclose()


@pytest.fixture
def shop_db(shop_backend):
    client = pymongo.MongoClient(shop_backend.mongo.mongo_uri, tz_aware=True)
    yield client[shop_backend.mongo.mongo_db]
    client.close()


async def test_order_status_with_the_right_digits(actions):
    order = await actions.order_status("w_actions_0001", SHIPPED["orderNo"], "5678")
    assert (order.order_no, order.status, order.courier) == ("20261114-1007", "배송중", "롯데택배")
    assert order.tracking_no == SHIPPED["trackingNo"] and order.total == SHIPPED["total"]
    assert [(s.status, s.done, s.current) for s in order.steps][2:] == [("배송중", True, True), ("배송완료", False, False)]
    assert order.last_change.status == "배송중"
    assert order.items[0].sku == SHIPPED["items"][0]["sku"]


async def test_wrong_phone_and_wrong_number_are_the_same_error(actions):
    with pytest.raises(OrderNotFound) as wrong_phone:
        await actions.order_status("w_actions_0002", SHIPPED["orderNo"], "0000")
    with pytest.raises(OrderNotFound) as wrong_number:
        await actions.order_status("w_actions_0002", "20990101-0001", "5678")
    assert wrong_phone.value.to_dict() == wrong_number.value.to_dict()
    assert wrong_phone.value.status_code == 404 and "주문" in wrong_phone.value.message


async def test_malformed_digits_are_a_bad_request(actions):
    with pytest.raises(ShopRequestInvalid) as error:
        await actions.order_status("w_actions_0003", SHIPPED["orderNo"], "12")
    assert error.value.code == "invalid_order_query" and error.value.status_code == 400


async def test_add_to_cart_writes_the_sessions_cart(actions, shop_db):
    result = await actions.add_to_cart("w_actions_0004", "BS-BL-0004", "M", 2)
    assert (result.added.size, result.added.qty, result.cart.count, result.cart.total) == ("M", 2, 2, 96000)
    stored = shop_db["carts"].find_one({"sessionId": "w_actions_0004"})
    assert [(i["sku"], i["size"], i["qty"]) for i in stored["items"]] == [("BS-BL-0004", "M", 2)]


async def test_a_size_out_of_stock_carries_the_sizes_in_stock(actions):
    with pytest.raises(SizeUnavailable) as error:
        await actions.add_to_cart("w_actions_0005", "BS-BL-0004", "L")
    assert error.value.sizes_in_stock == ["S", "M", "XL"]
    assert error.value.status_code == 409 and "S, M, XL" in error.value.message
    with pytest.raises(ProductNotFound):
        await actions.add_to_cart("w_actions_0005", "BS-XX-9999", "M")


async def test_create_handoff_stores_the_masked_transcript(actions, shop_db):
    transcript = [
        TranscriptMessage(role="user", content="배송이 안 와요 010-2222-3333"),
        TranscriptMessage(role="assistant", content="주문번호를 알려 주세요."),
    ]
    result = await actions.create_handoff("w_actions_0006", transcript, contact="전화 주세요")
    assert result.status == "open" and "상담원" in result.message
    stored = shop_db["handoffs"].find_one({"sessionId": "w_actions_0006"})
    assert stored["transcript"][0]["content"] == "배송이 안 와요 010-****-****"
    assert stored["contact"] == "전화 주세요" and stored["status"] == "open"


async def test_a_wrong_token_is_a_502_not_a_leak(shop_backend):
    actions = HttpShopActions(shop_backend.url, "wrong-token")
    try:
        with pytest.raises(ShopRejected) as error:
            await actions.order_status("w_actions_0007", SHIPPED["orderNo"], "5678")
        assert error.value.status_code == 502
    finally:
        await actions.aclose()


async def test_an_unreachable_backend_is_a_503():
    actions = HttpShopActions(f"http://127.0.0.1:{free_port()}", "token", timeout_s=2)
    try:
        with pytest.raises(ShopUnavailable) as error:
            await actions.add_to_cart("w_actions_0008", "BS-BL-0004", "M")
        assert error.value.status_code == 503 and error.value.code == "shop_unavailable"
    finally:
        await actions.aclose()


async def test_without_settings_every_action_says_the_shop_is_not_connected():
    actions = build_shop_actions(Settings())
    with pytest.raises(ShopUnavailable) as error:
        await actions.order_status("w_actions_0009", "20261114-1007", "5678")
    assert error.value.code == "shop_not_configured" and "주문" in error.value.message
    assert "SHOP_API_URL" in error.value.detail and "SHOP_API" not in error.value.message


async def test_build_shop_actions_uses_the_settings(shop_backend):
    actions = build_shop_actions(Settings(shop_api_url=shop_backend.url, shop_api_token=shop_backend.token))
    try:
        assert (await actions.order_status("w_actions_0010", SHIPPED["orderNo"], "5678")).status == "배송중"
    finally:
        await actions.aclose()


async def test_info_logs_carry_no_order_number_digits_or_contents(actions, caplog):
    caplog.set_level(logging.INFO)  # every logger, httpx's request lines included
    await actions.order_status("w_actions_0011", SHIPPED["orderNo"], "5678")
    with pytest.raises(OrderNotFound):
        await actions.order_status("w_actions_0011", SHIPPED["orderNo"], "1111")
    await actions.add_to_cart("w_actions_0011", "BS-BL-0004", "S")
    text = caplog.text
    assert "shop action order_status: ok" in text and "order_not_found" in text
    for secret in (SHIPPED["orderNo"], "5678", "1111", "BS-BL-0004", SHIPPED["courier"]):
        assert secret not in text
