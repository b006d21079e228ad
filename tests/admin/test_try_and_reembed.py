"""Try it (a real turn and what it was built from) and re-embedding one product from MongoDB."""

from __future__ import annotations

from embedding_pipeline.source import seed_products
from llm_server.rag.ingest import load_products_json
from tests.admin.conftest import AUTH
from tests.admin.test_catalog import chat
from tests.conftest import DATA_DIR
from tests.fakes import FakeLLM


def test_try_it_shows_filters_products_history_and_the_prompt(make_admin):
    llm = FakeLLM("린넨 셔츠 두 가지를 추천드려요.", "더 저렴한 것도 있어요.")
    client = make_admin(llm=llm, answer_mode="generate")
    first = client.post("/admin/try", json={"message": "5만원 이하 린넨 셔츠 추천해줘"}, headers=AUTH).json()
    assert first["answer"] == "린넨 셔츠 두 가지를 추천드려요." and first["turn_id"].startswith("t-")
    assert first["meta"]["filters"]["price_max"] == 50000 and first["meta"]["products"]
    assert first["history"] == []
    assert [m["role"] for m in first["prompt"]] == ["system", "user"]
    assert "5만원 이하 린넨 셔츠 추천해줘" in first["prompt"][-1]["content"]
    assert first["meta"]["products"][0]["name"] in first["prompt"][-1]["content"]
    assert first["prompt"] == [{"role": m.role, "content": m.content} for m in llm.calls[0]]

    second = client.post(
        "/admin/try", json={"message": "린넨 셔츠 L 사이즈도 있어요?", "session_id": first["session_id"]}, headers=AUTH
    ).json()
    assert [m["content"] for m in second["history"]] == ["5만원 이하 린넨 셔츠 추천해줘", "린넨 셔츠 두 가지를 추천드려요."]
    assert second["prompt"][1:3] == second["history"]
    bad = client.post("/admin/try", json={"message": "안녕", "session_id": "bad id!"}, headers=AUTH)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_session_id"


def test_try_it_in_extractive_mode_sends_no_prompt(admin):
    body = admin.post("/admin/try", json={"message": "배송비 얼마예요?"}, headers=AUTH).json()
    assert body["meta"]["answer_mode"] == "extractive" and body["prompt"] is None and body["answer"]


def test_reembed_one_product_from_mongodb(admin, mongo):
    products = load_products_json(DATA_DIR / "products.json")
    changed = {**products[1], "price": 12345, "name": "캔버스 베이직 토트백 (버건디) 특가"}
    sku = changed["sku"]
    seed_products(mongo, [changed, {**products[2], "status": "inactive"}])

    result = admin.post(f"/admin/products/{sku}/reembed", headers=AUTH).json()
    assert result == {**result, "kind": "products", "id": sku, "action": "updated"}
    stored = admin.get(f"/admin/collections/products/items/{sku}", headers=AUTH).json()
    assert stored["metadata"]["price"] == 12345 and "특가" in stored["document"]
    found = chat(admin, "캔버스 베이직 토트백 특가")["products"]
    assert any(p["sku"] == sku and p["price"] == 12345 for p in found)

    inactive = products[2]["sku"]
    assert admin.post(f"/admin/products/{inactive}/reembed", headers=AUTH).json()["action"] == "removed"
    missing = admin.post("/admin/products/BS-NOPE-0000/reembed", headers=AUTH)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "item_not_found"


def test_reembed_without_mongodb_is_a_clear_503(admin, monkeypatch):
    from tests.conftest import free_port

    monkeypatch.setenv("MONGO_URI", f"mongodb://127.0.0.1:{free_port()}")
    monkeypatch.setenv("MONGO_TIMEOUT_S", "0.5")
    response = admin.post("/admin/products/BS-BG-0002/reembed", headers=AUTH)
    assert response.status_code == 503 and response.json()["error"]["code"] == "shop_db_unavailable"
