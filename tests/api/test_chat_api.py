"""The HTTP contract of chat, sessions, search and errors, through the real app."""

import json

import pytest
from fastapi.testclient import TestClient

from tests.conftest import wait_ready
from tests.fakes import FakeLLM
from tests.sse import sse_events


def stream(client, message, **headers):
    response = client.post("/chat/stream", json={"message": message}, headers=headers)
    return response, sse_events(response)


def test_stream_emits_meta_tokens_done_with_headers(client):
    response, events = stream(client, "3만원 이하 반팔 티셔츠 있어요?")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-accel-buffering"] == "no"
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-1] == "done" and names.count("token") >= 1
    meta = events[0][1]
    assert meta["session_id"] == response.headers["x-session-id"]
    assert meta["products"] and all({"sku", "name", "price", "sizes"} <= p.keys() for p in meta["products"])
    assert isinstance(meta["off_topic"], bool)
    timings = events[-1][1]["timings"]
    assert {"retrieval_ms", "ttft_ms", "total_ms", "tokens"} <= timings.keys()
    assert timings["tokens"] == names.count("token")


def test_session_cookie_is_httponly_and_lax(client):
    response, _ = stream(client, "배송비 얼마예요?")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert f"Max-Age={3 * 24 * 3600}" in cookie


def test_cookie_max_age_is_the_session_ttl(make_app):
    with TestClient(make_app(session_ttl_s=600)) as client:
        wait_ready(client)
        for response in (client.post("/chat", json={"message": "배송비 얼마예요?"}), stream(client, "배송비")[0]):
            assert "Max-Age=600" in response.headers["set-cookie"]


def test_history_is_kept_and_sent_to_the_model(make_app):
    llm = FakeLLM("반가워요 민수님.", "민수님이라고 하셨어요.")
    with TestClient(make_app(llm=llm)) as client:
        wait_ready(client)
        headers = {"X-Session-ID": "session-minsu-1"}
        stream(client, "제 이름은 민수예요", **headers)
        _, events = stream(client, "제 이름이 뭐였죠?", **headers)
        assert "".join(d["text"] for n, d in events if n == "token") == "민수님이라고 하셨어요."
        prompt = llm.calls[-1]
        assert [m.content for m in prompt[1:3]] == ["제 이름은 민수예요", "반가워요 민수님."]
        history = client.get("/sessions/session-minsu-1").json()
        assert history["messages"][0] == {"role": "user", "content": "제 이름은 민수예요"}
        assert len(history["messages"]) == 4
        assert client.delete("/sessions/session-minsu-1").json()["deleted"] is True
        assert client.get("/sessions/session-minsu-1").json()["messages"] == []


def test_extractive_mode_remembers_the_shoppers_name_from_the_session(make_app):
    llm = FakeLLM(trustworthy=False)
    with TestClient(make_app(llm=llm)) as client:
        wait_ready(client)
        headers = {"X-Session-ID": "session-extractive-1"}
        first = client.post("/chat", json={"message": "제 이름은 민수예요"}, headers=headers).json()
        assert first["answer"].startswith("반가워요, 민수님") and first["products"] == []
        second = client.post("/chat", json={"message": "제 이름이 뭐였죠?"}, headers=headers).json()
        assert second["answer"].startswith("민수님이라고 하셨어요") and second["intent"] == "conversation"
        assert llm.calls == []


def test_extractive_mode_never_calls_the_model(make_app):
    llm = FakeLLM(trustworthy=False)
    with TestClient(make_app(llm=llm)) as client:
        wait_ready(client)
        _, events = stream(client, "배송은 며칠 걸려요?")
        assert events[0][1]["answer_mode"] == "extractive"
        assert llm.calls == []
        answer = "".join(d["text"] for n, d in events if n == "token")
        faq_answers = [f["answer"] for f in events[0][1]["faq"]]
        products = [p["name"] for p in events[0][1]["products"]]
        assert any(a in answer for a in faq_answers) or any(n in answer for n in products)


def test_chat_json_matches_the_stream(client):
    body = client.post("/chat", json={"message": "반품하고 싶어요"}).json()
    assert body["answer"] and body["session_id"]
    assert {"products", "faq", "suggestions", "off_topic", "timings", "filters"} <= body.keys()


def test_llm_failure_mid_stream_becomes_error_event(make_app):
    with TestClient(make_app(llm=FakeLLM("하나 둘 셋 넷", fail_after=2))) as client:
        wait_ready(client)
        response, events = stream(client, "추천해 주세요")
        assert response.status_code == 200
        assert [n for n, _ in events] == ["meta", "token", "token", "error"]
        assert events[-1][1]["code"] == "llm_failed"
        assert "Traceback" not in response.text


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"message": "   "}, 422, "empty_message"),
        ({"message": ""}, 422, "empty_message"),
        ({"message": "가" * 2001}, 413, "message_too_long"),
        ({"msg": "hi"}, 422, "validation_error"),
        ({"message": "hi", "session_id": "bad id!"}, 400, "invalid_session_id"),
    ],
)
@pytest.mark.parametrize("path", ["/chat", "/chat/stream"])
def test_bad_input_is_a_clear_json_error(client, path, body, status, code):
    response = client.post(path, json=body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


def test_malformed_json_body(client):
    response = client.post("/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_unknown_route_and_bad_session_path(client):
    assert client.get("/nope").json() == {"error": {"code": "not_found", "message": "요청한 경로를 찾을 수 없습니다."}}
    assert client.get("/sessions/short").status_code == 400


def test_search_routes(client):
    products = client.get("/products/search", params={"q": "린넨 셔츠", "limit": 3}).json()["results"]
    assert len(products) == 3 and all("sku" in p and "price" in p for p in products)
    grid = client.get("/products/search", params={"q": "", "limit": 24}).json()["results"]
    assert len(grid) == 24 and [p["sku"] for p in grid] == sorted(p["sku"] for p in grid)
    cheap_dresses = client.get("/products/search", params={"q": "8만원 이하 원피스", "limit": 50}).json()["results"]
    assert len(cheap_dresses) == 7 and all(p["price"] <= 80000 and "원피스" in p["category"] for p in cheap_dresses)
    faq = client.get("/faq/search", params={"q": "배송비"}).json()["results"]
    assert faq and {"question", "answer"} <= faq[0].keys()
    assert client.get("/products/search", params={"limit": 0}).status_code == 422


def test_websocket_streams_the_same_events(client):
    with client.websocket_connect("/ws/chat") as ws:
        ws.send_text(json.dumps({"message": "배송비 얼마예요?", "session_id": "ws-session-1"}))
        frames = []
        while not frames or frames[-1]["event"] not in ("done", "error"):
            frames.append(ws.receive_json())
        assert frames[0]["event"] == "meta" and frames[-1]["event"] == "done"
        ws.send_text("not json")
        assert ws.receive_json()["data"]["code"] == "invalid_json"
        ws.send_text(json.dumps({"message": " "}))
        assert ws.receive_json()["data"]["code"] == "empty_message"


def test_health(client):
    assert client.get("/health/live").json() == {"status": "ok"}
    ready = client.get("/health/ready").json()
    assert ready["status"] == "ready"
    assert ready["checks"]["products"]["count"] > 200 and ready["checks"]["faq"]["count"] >= 60
    assert client.get("/health/stats").json()["streams"]["active"] == 0


def test_request_id_is_propagated(client):
    assert client.get("/health/live", headers={"X-Request-ID": "abc123"}).headers["x-request-id"] == "abc123"


def receive_turn(ws) -> list[dict]:
    frames = [ws.receive_json()]
    while frames[-1]["event"] not in ("done", "error"):
        frames.append(ws.receive_json())
    return frames


@pytest.mark.parametrize("carrier", ["header", "cookie"])
def test_websocket_keeps_the_session_of_its_handshake(make_app, carrier):
    """Like HTTP: X-Session-ID header, then the `sid` cookie, then the message's session_id."""
    session_id = f"ws-handshake-{carrier}"
    headers = {"X-Session-ID": session_id} if carrier == "header" else {"Cookie": f"sid={session_id}"}
    with TestClient(make_app(llm=FakeLLM(trustworthy=False))) as client:
        wait_ready(client)
        with client.websocket_connect("/ws/chat", headers=headers) as ws:
            ws.send_text(json.dumps({"message": "제 이름은 민수예요"}))
            first = receive_turn(ws)
            ws.send_text(json.dumps({"message": "제 이름이 뭐였죠?"}))
            second = receive_turn(ws)
        assert first[0]["data"]["session_id"] == session_id and first[-1]["event"] == "done"
        assert "".join(f["data"]["text"] for f in second if f["event"] == "token").startswith("민수님이라고")
        messages = client.get(f"/sessions/{session_id}").json()["messages"]
        assert [m["content"] for m in messages if m["role"] == "user"] == ["제 이름은 민수예요", "제 이름이 뭐였죠?"]


def test_websocket_rejects_a_malformed_handshake_session(client):
    with client.websocket_connect("/ws/chat", headers={"X-Session-ID": "bad id!"}) as ws:
        ws.send_text(json.dumps({"message": "배송비 얼마예요?"}))
        assert ws.receive_json() == {
            "event": "error",
            "data": {"code": "invalid_session_id", "message": "세션 ID 형식이 올바르지 않습니다. (영문, 숫자, '-', '_' 8~64자)"},
        }


def test_done_names_the_request(client):
    response, events = stream(client, "배송비 얼마예요?", **{"X-Request-ID": "req-done-1"})
    assert events[-1] == ("done", {**events[-1][1], "request_id": "req-done-1"})
    body = client.post("/chat", json={"message": "배송비 얼마예요?"}, headers={"X-Request-ID": "req-json-1"}).json()
    assert body["request_id"] == "req-json-1"


def test_meta_keeps_its_wire_shape(client):
    """Field names clients depend on; filters serialised as the compact dict (unset left out)."""
    _, events = stream(client, "3만원 이하 반팔 티셔츠 있어요?")
    meta = events[0][1]
    assert list(meta)[:10] == [
        "session_id", "answer_mode", "products", "faq", "filters", "off_topic", "intent",
        "alternatives", "suggestions", "notes",
    ]
    assert meta["filters"] == {"price_max": 30000, "categories": ["반팔"]}
    assert meta["carried_over"] is False
    assert meta["state"]["query"] == {"price_max": 30000, "categories": ["반팔"]}
    assert meta["state"]["shown"] == [p["sku"] for p in meta["products"]]
    product = meta["products"][0]
    assert {"sku", "name", "category", "price", "stock", "sizes", "image", "url", "score", "colors"} <= product.keys()


@pytest.mark.parametrize(("trusted", "mode"), [("true", "generate"), ("false", "extractive")])
def test_trusted_prose_setting_decides_the_answer_mode(make_app, trusted, mode):
    llm = FakeLLM("네, 있어요.", trustworthy=trusted == "false")  # the opposite of what the rule would say
    with TestClient(make_app(llm=llm, llm_trusted_prose=trusted)) as client:
        wait_ready(client)
        _, events = stream(client, "린넨 셔츠 추천해 주세요")
        assert events[0][1]["answer_mode"] == mode
        assert bool(llm.calls) is (mode == "generate")


def test_grounded_is_a_deprecated_alias_of_extractive(make_app, monkeypatch):
    from llm_server.config import Settings

    monkeypatch.setenv("ANSWER_MODE", "grounded")
    assert Settings().answer_mode == "extractive"
    llm = FakeLLM()
    with TestClient(make_app(llm=llm, answer_mode=Settings().answer_mode)) as client:
        wait_ready(client)
        _, events = stream(client, "린넨 셔츠 추천해 주세요")
        assert events[0][1]["answer_mode"] == "extractive" and llm.calls == []


@pytest.mark.parametrize(
    ("request_kwargs", "status"),
    [
        ({"json": {"message": " "}}, 422),
        ({"json": {"msg": "hi"}}, 422),
        ({"json": {"message": "hi", "session_id": "bad id!"}}, 400),
        ({"json": {"message": "가" * 2001}}, 413),
    ],
)
def test_error_messages_are_one_korean_sentence(client, request_kwargs, status):
    response = client.post("/chat", **request_kwargs)
    assert response.status_code == status
    message = response.json()["error"]["message"]
    assert " / " not in message and any("가" <= ch <= "힣" for ch in message)


def test_follow_ups_carry_the_conversation(client):
    """The issue's examples through /chat with one session: refinements merge into the state."""
    headers = {"X-Session-ID": "session-followups-1"}
    first = client.post("/chat", json={"message": "반바지 보여주세요"}, headers=headers).json()
    assert first["products"] and all("반바지" in p["category"] for p in first["products"])
    second = client.post("/chat", json={"message": "7만원 밑으로요"}, headers=headers).json()
    assert second["intent"] == "shop" and second["carried_over"] is True
    assert second["filters"] == {"price_max": 70000, "categories": ["반바지"]}
    assert all(p["price"] <= 70000 and "반바지" in p["category"] for p in second["products"])


def test_faq_answer_carries_no_product_cards_and_handoff_lists_contacts(client):
    faq = client.post("/chat", json={"message": "배송 오래 걸려요?"}).json()
    assert faq["products"] == [] and faq["faq"]
    handoff = client.post("/chat", json={"message": "상담원 연결해 주세요"}).json()
    assert handoff["intent"] == "handoff" and handoff["products"] == []
    assert {c["kind"] for c in handoff["contacts"]} >= {"phone", "email"}


def test_nfd_message_reads_like_nfc(client):
    import unicodedata

    body = client.post("/chat", json={"message": unicodedata.normalize("NFD", "3만원 이하 반팔 티셔츠 있어요?")}).json()
    assert body["filters"] == {"price_max": 30000, "categories": ["반팔"]}


def test_a_narrower_word_for_a_category_narrows_by_name(client):
    """ "에코백" is a 가방 in the catalog, and the shopper wants eco bags, not every bag."""
    body = client.post("/chat", json={"message": "에코백 보여주세요"}).json()
    assert body["filters"] == {"categories": ["가방"]}
    assert body["products"] and all("에코백" in p["name"] for p in body["products"])


def test_instead_drops_a_subcategory_and_keeps_the_rest(client):
    """ "반팔 말고 긴팔로요" after cheap T-shirts: T-shirts under 20,000 that are not 반팔."""
    headers = {"X-Session-ID": "session-instead-sleeves"}
    first = client.post("/chat", json={"message": "2만원 미만 티셔츠 추천"}, headers=headers).json()
    assert any("반팔" in p["category"] for p in first["products"])
    second = client.post("/chat", json={"message": "반팔 말고 긴팔로요"}, headers=headers).json()
    assert second["filters"] == {"price_max": 19999, "categories": ["티셔츠"], "exclude_categories": ["반팔"]}
    assert second["products"]
    assert all("반팔" not in p["category"] and p["price"] <= 19999 for p in second["products"])
    assert "긴팔" in second["products"][0]["name"]


def test_a_wash_method_wanted_filters_products_and_a_wash_question_gets_the_faq(client):
    """ "니트 세탁기 돌려도 되나요" asks the FAQ; "세탁기로 빨아도 되는 니트" wants such knits."""
    headers = {"X-Session-ID": "session-wash-knits"}
    faq = client.post("/chat", json={"message": "니트 세탁기 돌려도 되나요"}, headers=headers).json()
    assert faq["products"] == [] and faq["faq"]
    body = client.post("/chat", json={"message": "그럼 세탁기로 빨아도 되는 니트 있어요?"}, headers=headers).json()
    assert body["filters"] == {"categories": ["니트"], "wash": ["machine"]}
    assert body["products"]
    for product in body["products"]:
        assert "니트" in product["category"]
        assert "machine" in {method["value"] for method in product["washMethods"]}


def test_the_extractive_answer_names_the_wash_wish():
    from llm_server.chat.extractive import describe_filters
    from llm_server.protocol import Filters

    assert describe_filters(Filters(categories=("니트",), wash=("machine",))) == "세탁기 사용 가능한 니트"
    assert describe_filters(Filters(categories=("가방",), exclude_words=("백팩",))) == "가방 (백팩 제외)"


def test_a_style_word_nothing_within_the_filters_has_is_an_honest_none(client):
    """ "셔츠 2만원대" then "스트라이프는요?": no striped shirt costs 2만원대, so the answer
    says so and shows the striped shirts there are (alternatives), not plain 2만원대 shirts."""
    headers = {"X-Session-ID": "session-stripes-1"}
    client.post("/chat", json={"message": "셔츠 2만원대"}, headers=headers)
    body = client.post("/chat", json={"message": "스트라이프는요?"}, headers=headers).json()
    assert body["alternatives"] is True
    assert body["products"] and all("스트라이프" in p["name"] for p in body["products"])


def test_the_none_heading_names_the_missing_style():
    from llm_server.chat.extractive import extractive_answer
    from llm_server.protocol import Filters, Product
    from llm_server.rag.retriever import RetrievalResult

    result = RetrievalResult(
        products=[Product(sku="S-1", name="린넨 스트라이프 셔츠 (네이비)", price=49000)],
        filters=Filters(price_min=20000, price_max=29999, categories=("셔츠",)),
        alternatives=True,
        missing_words=["스트라이프"],
    )
    assert extractive_answer(result).startswith("2만원대 스트라이프 셔츠는 현재 없습니다.")


def test_a_colour_the_catalog_lacks_is_named_in_the_none_answer_and_the_prompt():
    """ "빨간 패딩 있어요?": "빨간 패딩은 현재 없습니다", never "패딩은 현재 없습니다" (there are
    paddings); a generating model is told the products are alternatives."""
    from llm_server.chat.extractive import extractive_answer
    from llm_server.chat.prompt import context_block
    from llm_server.protocol import Filters, Product
    from llm_server.rag.retriever import RetrievalResult

    result = RetrievalResult(
        products=[Product(sku="P-1", name="덕다운 패딩 (버건디)", price=155900)],
        filters=Filters(categories=("패딩",)),
        alternatives=True,
        missing_words=["빨간"],
    )
    assert extractive_answer(result).startswith("빨간 패딩은 현재 없습니다.")
    assert "요청하신 조건(빨간 패딩)에 맞는 상품은 없습니다" in context_block(result)


def test_a_kind_the_shop_does_not_sell_is_said_plainly_without_cards(client):
    """ "수영복 있어요?": not the nearest FAQ entries nor unrelated products."""
    body = client.post("/chat", json={"message": "수영복 있어요?"}).json()
    assert body["products"] == [] and body["faq"] == []
    assert body["unsold"] == "수영복"
    assert "취급하지 않" in body["answer"] and "셔츠" in body["answer"]


def test_a_kind_the_catalog_does_carry_is_searched_as_usual(client):
    """ "운동화" is unsold, but a policy question about it is still the FAQ's."""
    body = client.post("/chat", json={"message": "운동화도 반품 되나요?"}).json()
    assert body.get("unsold") is None
    assert body["faq"]


def test_a_narrower_kind_left_out_keeps_the_category(client):
    """ "가방 보여주세요" -> "백팩 말고 다른 거": bags without 백팩 in the name."""
    headers = {"X-Session-ID": "session-no-backpacks"}
    client.post("/chat", json={"message": "가방 보여주세요"}, headers=headers)
    body = client.post("/chat", json={"message": "백팩 말고 다른 거"}, headers=headers).json()
    assert body["filters"]["categories"] == ["가방"] and body["filters"]["exclude_words"] == ["백팩"]
    assert body["products"]
    assert all("가방" in p["category"] and "백팩" not in p["name"] for p in body["products"])
