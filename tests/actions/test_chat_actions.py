"""Shop actions through the real chat API: llm_server (fake LLM, real retrieval) acting on the
real Express shop backend over a real nx-27017, one session per conversation."""

from __future__ import annotations

import pymongo
import pytest
from fastapi.testclient import TestClient

from tests.conftest import wait_ready


@pytest.fixture
def chat(make_app, shop_backend):
    app = make_app(shop_api_url=shop_backend.url, shop_api_token=shop_backend.token, topic_gate_threshold=0.5)
    with TestClient(app) as client:
        wait_ready(client)
        yield client


@pytest.fixture
def shop_db(shop_backend):
    client = pymongo.MongoClient(shop_backend.mongo.mongo_uri, tz_aware=True)
    yield client[shop_backend.mongo.mongo_db]
    client.close()


def say(client, session_id: str, message: str) -> dict:
    response = client.post("/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200, response.text
    return response.json()


def test_order_status_only_after_the_right_digits(chat):
    sid = "w_chat_order_01"
    first = say(chat, sid, "주문한 거 어디쯤 왔어요?")
    assert first["intent"] == "order_status" and "주문번호" in first["answer"] and not first["products"]
    assert "뒤 4자리" in say(chat, sid, "20261114-1007이요")["answer"]
    wrong = say(chat, sid, "1234")
    assert wrong.get("order") is None and "롯데택배" not in wrong["answer"]
    right = say(chat, sid, "20261114-1007 뒤 4자리 5678")
    assert right["order"]["status"] == "배송중" and right["order"]["courier"] == "롯데택배"
    assert "롯데택배" in right["answer"] and right["order"]["steps"][2]["current"] is True


def test_m_size_adds_the_product_shown_to_the_sessions_cart(chat, shop_db):
    sid = "w_chat_cart_01"
    shown = say(chat, sid, "코튼 베이직 블라우스 보여줘")["products"]
    assert shown
    first = shown[0]
    size = next(s for s, n in first["stock"].items() if n > 0)
    added = say(chat, sid, f"{size} 사이즈로 담아줘")
    assert added["intent"] == "cart_add" and added["cart"]["added"]["sku"] == first["sku"]
    assert f"{size} 사이즈를 장바구니에 담았어요" in added["answer"]
    cart = shop_db["carts"].find_one({"sessionId": sid})
    assert [(i["sku"], i["size"]) for i in cart["items"]] == [(first["sku"], size)]


def test_a_size_out_of_stock_lists_the_sizes_in_stock(chat):
    sid = "w_chat_cart_02"
    shown = say(chat, sid, "코튼 베이직 블라우스 카멜 보여줘")["products"]
    target = next(p for p in shown if any(n == 0 for n in p["stock"].values()))
    index = shown.index(target)
    empty = next(s for s, n in target["stock"].items() if n == 0)
    ordinal = ("첫", "두", "세", "네")[index]
    refused = say(chat, sid, f"{ordinal} 번째 거 {empty} 사이즈로 담아줘")
    in_stock = [s for s, n in target["stock"].items() if n > 0]
    assert refused["action"]["status"] == "size_unavailable" and refused["action"]["sizes_in_stock"] == in_stock
    assert ", ".join(in_stock) in refused["answer"]


def test_handoff_is_stored_with_the_transcript(chat, shop_db):
    sid = "w_chat_handoff_01"
    say(chat, sid, "배송비 얼마예요?")
    turn = say(chat, sid, "제 번호 010-3456-7890인데 상담원 연결해 주세요")
    assert turn["intent"] == "handoff" and turn["handoff"]["status"] == "open"
    stored = shop_db["handoffs"].find_one({"sessionId": sid})
    assert [m["role"] for m in stored["transcript"]] == ["user", "assistant", "user"]
    assert "3456-7890" not in str(stored["transcript"]) and stored["contact"] == "010-3456-7890"
