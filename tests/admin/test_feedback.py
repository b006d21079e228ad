"""The feedback loop: a turn id on every answer, 👍/👎 stored with the turn, 👎 listed for
the operator, and a fix that the next shopper asking the same question gets at once."""

from __future__ import annotations

import pytest

from tests.admin.conftest import AUTH
from tests.fakes import FakeLLM
from tests.sse import sse_events

QUESTION = "포인트로 결제하면 영수증 나오나요?"
FIX = "네, 포인트로 결제하셔도 마이페이지 > 주문 내역에서 현금영수증을 발급받으실 수 있어요."


def stream_turn(client, message: str, session_id: str) -> tuple[dict, dict, str]:
    response = client.post("/chat/stream", json={"message": message}, headers={"X-Session-ID": session_id})
    events = sse_events(response)
    answer = "".join(data["text"] for name, data in events if name == "token")
    return events[0][1], events[-1][1], answer


def test_every_answer_carries_a_turn_id(admin):
    meta, done, _ = stream_turn(admin, "배송비 얼마예요?", "session-turn-id-1")
    assert done["turn_id"].startswith("t-")
    again = admin.post("/chat", json={"message": "배송비 얼마예요?"}).json()
    assert again["turn_id"].startswith("t-") and again["turn_id"] != done["turn_id"]


def test_ratings_validate_their_input(admin):
    _, done, _ = stream_turn(admin, "교환 가능한가요?", "session-rating-1")
    assert admin.post("/feedback", json={"turn_id": done["turn_id"], "rating": "up"}).status_code == 201
    unknown = admin.post("/feedback", json={"turn_id": "t-unknown", "rating": "down"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "turn_not_found"
    for body in ({"turn_id": done["turn_id"], "rating": "meh"}, {"rating": "up"}, {"turn_id": done["turn_id"], "rating": "down", "comment": "x" * 1001}):
        response = admin.post("/feedback", json=body)
        assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"


def fix_loop(client, session_prefix: str) -> None:
    _, done, first_answer = stream_turn(client, QUESTION, f"{session_prefix}-1")
    assert FIX not in first_answer
    rated = client.post("/feedback", json={"turn_id": done["turn_id"], "rating": "down", "comment": "영수증 얘기가 없어요"})
    assert rated.status_code == 201 and rated.json() == {"turn_id": done["turn_id"], "rating": "down"}
    _, other, _ = stream_turn(client, "배송비 얼마예요?", f"{session_prefix}-2")
    client.post("/feedback", json={"turn_id": other["turn_id"], "rating": "down"})

    listed = client.get("/admin/feedback", headers=AUTH).json()
    assert [i["turn"]["turn_id"] for i in listed["items"][:2]] == [other["turn_id"], done["turn_id"]]
    item = listed["items"][1]
    assert item["turn"]["question"] == QUESTION and item["turn"]["answer"] == first_answer
    assert item["turn"]["comment"] == "영수증 얘기가 없어요" and item["turn"]["rating"] == "down"
    assert item["explanation"]["query"] == QUESTION and item["explanation"]["results"]

    fixed = client.post(f"/admin/feedback/{done['turn_id']}/fix", json={"answer": FIX}, headers=AUTH)
    assert fixed.status_code == 200
    for asked in (QUESTION, "포인트로 결제하면  영수증 나오나요"):
        meta, _, answer = stream_turn(client, asked, f"{session_prefix}-3")
        assert answer == FIX
        assert meta["faq"][0]["id"] == fixed.json()["faq_id"]
    relisted = client.get("/admin/feedback", headers=AUTH).json()["items"]
    assert next(i for i in relisted if i["turn"]["turn_id"] == done["turn_id"])["turn"]["fixed_faq_id"] == fixed.json()["faq_id"]
    assert client.post("/admin/feedback/t-unknown/fix", json={"answer": FIX}, headers=AUTH).status_code == 404


def test_a_fix_answers_the_next_identical_question_at_once(admin):
    fix_loop(admin, "session-fix")


def test_a_fix_wins_over_generation_and_the_log_lives_in_redis(make_admin, redis_url):
    llm = FakeLLM("모델이 지어낸 답변입니다.")
    client = make_admin(llm=llm, redis_url=redis_url, answer_mode="generate")
    fix_loop(client, "session-redis")
    assert client.get("/admin/health", headers=AUTH).json()["engines"]["turn_log"] == "redis"
    calls = len(llm.calls)
    stream_turn(client, QUESTION, "session-redis-4")
    assert len(llm.calls) == calls, "an annotated question must not reach the LLM"


@pytest.mark.parametrize("rating", ["up", "down"])
def test_feedback_list_filters_by_rating(admin, rating):
    page = admin.get("/admin/feedback", params={"rating": rating, "explain": "false"}, headers=AUTH).json()
    assert page["items"] and page["total"] == len(page["items"])
    assert all(i["turn"]["rating"] == rating and i["explanation"] is None for i in page["items"])
