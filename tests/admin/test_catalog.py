"""Collections, browse, explained search and edits; each change seen by the next chat turn."""

from __future__ import annotations

import time
import uuid

from tests.admin.conftest import AUTH

BACKPACK = "BS-BG-0001"
BACKPACK_QUESTION = "캔버스 캐주얼 백팩 화이트 있어요?"


def chat(client, message: str) -> dict:
    """One turn in a new session (the test client would otherwise resend the `sid` cookie)."""
    response = client.post("/chat", json={"message": message}, headers={"X-Session-ID": f"admin-{uuid.uuid4().hex}"})
    assert response.status_code == 200, response.text
    return response.json()


def test_collections_overview(admin):
    body = admin.get("/admin/collections", headers=AUTH).json()
    assert body["embedder"] == "hash-embedder" and body["retrieval_mode"] == "hybrid"
    by_kind = {c["kind"]: c for c in body["collections"]}
    ready = admin.get("/health/ready").json()["checks"]
    assert by_kind["products"]["count"] == ready["products"]["count"] > 200
    assert by_kind["faq"]["count"] == ready["faq"]["count"]
    assert by_kind["products"]["embedding_model"] == "hash-embedder"
    assert by_kind["products"]["index_version"]


def test_browse_pages_and_items(admin):
    first = admin.get("/admin/collections/products/items", params={"limit": 5}, headers=AUTH).json()
    second = admin.get("/admin/collections/products/items", params={"limit": 5, "offset": 5}, headers=AUTH).json()
    assert len(first["items"]) == 5 and first["total"] > 200
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    item_id = first["items"][0]["id"]
    item = admin.get(f"/admin/collections/products/items/{item_id}", headers=AUTH).json()
    assert item["metadata"]["sku"] == item_id and "가격:" in item["document"]
    missing = admin.get("/admin/collections/faq/items/faq-nope", headers=AUTH)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "item_not_found"
    assert admin.get("/admin/collections/orders/items", headers=AUTH).status_code == 422
    assert admin.get("/admin/collections/products/items", params={"limit": 0}, headers=AUTH).status_code == 422


def test_search_explains_ranks_scores_and_filters(admin):
    body = admin.get("/admin/search", params={"q": "3만원 이하 반팔 티셔츠"}, headers=AUTH).json()
    assert body["filters"] == {"price_max": 30000, "categories": ["반팔"]}
    results = body["results"]
    assert results and all(r["bm25_rank"] or r["dense_rank"] for r in results)
    assert [r["fused_score"] for r in results] == sorted((r["fused_score"] for r in results), reverse=True)
    chat_products = admin.get("/products/search", params={"q": "3만원 이하 반팔 티셔츠", "limit": 3}).json()["results"]
    assert [r["id"] for r in results[:3]] == [p["sku"] for p in chat_products]
    faq = admin.get("/admin/search", params={"q": "배송비 얼마예요", "kind": "faq"}, headers=AUTH).json()
    chat_faq = admin.get("/faq/search", params={"q": "배송비 얼마예요", "limit": 3}).json()["results"]
    assert [r["id"] for r in faq["results"][:3]] == [f["id"] for f in chat_faq]
    assert any("배송비" in r["title"] for r in faq["results"][:3]) and faq["filters"] == {}


def test_deleted_product_is_no_longer_recommended(admin):
    assert BACKPACK in [p["sku"] for p in chat(admin, BACKPACK_QUESTION)["products"]]
    deleted = admin.delete(f"/admin/collections/products/items/{BACKPACK}", headers=AUTH)
    assert deleted.status_code == 200 and deleted.json()["action"] == "deleted"
    assert BACKPACK not in [p["sku"] for p in chat(admin, BACKPACK_QUESTION)["products"]]
    explained = admin.get("/admin/search", params={"q": BACKPACK_QUESTION}, headers=AUTH).json()
    assert BACKPACK not in [r["id"] for r in explained["results"]]
    assert admin.delete(f"/admin/collections/products/items/{BACKPACK}", headers=AUTH).status_code == 404


def test_added_and_edited_faq_answer_the_next_turn(admin):
    added = admin.post(
        "/admin/faq", json={"question": "반려동물 동반 매장 입장 되나요?", "answer": "네, 목줄을 한 반려동물은 매장에 함께 들어오실 수 있어요.", "category": "매장"},
        headers=AUTH,
    )
    assert added.status_code == 200 and added.json()["action"] == "added"
    answer = chat(admin, "반려동물 동반 매장 입장 되나요?")
    assert "목줄을 한 반려동물" in answer["answer"]
    faq_id = added.json()["id"]
    edited = admin.put(
        f"/admin/faq/{faq_id}",
        json={"question": "반려동물과 매장에 같이 가도 되나요?", "answer": "네, 목줄을 하면 반려동물과 함께 오실 수 있어요.", "category": "매장"},
        headers=AUTH,
    ).json()
    assert edited["action"] == "updated" and edited["id"] != faq_id
    assert admin.get(f"/admin/collections/faq/items/{faq_id}", headers=AUTH).status_code == 404
    assert "목줄을 하면" in chat(admin, "반려동물과 매장에 같이 가도 되나요?")["answer"]
    assert admin.put("/admin/faq/faq-nope", json={"question": "q", "answer": "a"}, headers=AUTH).status_code == 404
    assert admin.post("/admin/faq", json={"question": "", "answer": "a"}, headers=AUTH).status_code == 422


def test_faq_csv_dry_run_then_import(admin):
    existing = admin.get("/admin/search", params={"q": "배송비", "kind": "faq"}, headers=AUTH).json()["results"][0]
    csv_text = (
        "Question,Answer,Category\n"
        f"\"{existing['title']}\",\"바뀐 배송비 안내입니다, 4,000원입니다.\",배송\n"
        "선물 포장 되나요?,\"네, 결제 단계에서 선물 포장(2,000원)을 고르실 수 있어요.\",주문\n"
        ",답만 있는 행,기타\n"
        "선물 포장 되나요?,중복된 질문,주문\n"
    )
    files = {"file": ("faq.csv", ("\ufeff" + csv_text).encode(), "text/csv")}
    before = admin.get("/admin/collections", headers=AUTH).json()["collections"][1]["count"]
    plan = admin.post("/admin/faq/import", files=files, headers=AUTH).json()
    assert (plan["dry_run"], plan["adds"], plan["updates"], plan["rejects"]) == (True, 1, 1, 2)
    assert [r["action"] for r in plan["rows"]] == ["update", "add", "reject", "reject"]
    assert [r["line"] for r in plan["rows"]] == [2, 3, 4, 5]
    assert admin.get("/admin/collections", headers=AUTH).json()["collections"][1]["count"] == before
    assert "선물 포장(2,000원)" not in chat(admin, "선물 포장 되나요?")["answer"]

    done = admin.post("/admin/faq/import", params={"dry_run": "false"}, files=files, headers=AUTH).json()
    assert (done["dry_run"], done["adds"], done["updates"]) == (False, 1, 1) and done["index_version"]
    assert admin.get("/admin/collections", headers=AUTH).json()["collections"][1]["count"] == before + 1
    assert "선물 포장(2,000원)" in chat(admin, "선물 포장 되나요?")["answer"]


def test_bad_csv_uploads_are_clear_400s(admin):
    cases = [b"question;answer\nq;a\n", "question,answer\n배송,빠름\n".encode("cp949")]
    for data in cases:
        response = admin.post("/admin/faq/import", files={"file": ("x.csv", data)}, headers=AUTH)
        assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_csv", data
    assert admin.post("/admin/faq/import", headers=AUTH).status_code == 422


def test_health_names_every_dependency_and_engine(admin):
    body = admin.get("/admin/health", headers=AUTH).json()
    assert {"llm", "vector_store", "products", "faq", "sessions"} <= body["checks"].keys()
    assert body["engines"]["llm"] == {"backend": "fake", "model": "fake-model", "device": "remote (fake)"}
    assert {"stt", "tts", "embedder", "turn_log"} <= body["engines"].keys()


def test_collections_show_the_last_pipeline_run(make_admin, tmp_path, monkeypatch):
    from embedding_pipeline.cli import run
    from tests.fakes import HashEmbedder

    client = make_admin()
    assert client.get("/admin/collections", headers=AUTH).json()["collections"][1]["last_run"] is None
    csv_path = tmp_path / "faq.csv"
    csv_path.write_text("question,answer\n매장 주차 되나요?,건물 지하 주차장을 2시간 무료로 이용하실 수 있어요.\n", encoding="utf-8")
    monkeypatch.setenv("CHROMA_PATH", client.app.state.settings.chroma_path)
    assert run(["faq", str(csv_path), "--json"], make_embedder=lambda settings: HashEmbedder()) == 0
    faq = client.get("/admin/collections", headers=AUTH).json()["collections"][1]
    assert faq["last_run"]["command"] == "faq" and faq["last_run"]["indexed"] == 1
    assert faq["last_run"]["finished_at"] and faq["last_run"]["count"] == faq["count"]
    # another process wrote it: the server's mirrors pick it up within their 2 s throttle
    deadline = time.monotonic() + 3.0
    while "2시간 무료" not in (answer := chat(client, "매장 주차 되나요?")["answer"]) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert "2시간 무료" in answer
