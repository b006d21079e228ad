"""QUERY_REWRITE: follow-ups rewritten by a trusted LLM before retrieval (generate mode)."""

import anyio
import pytest
from fastapi.testclient import TestClient

from llm_server.dialogue.frames import interpret
from llm_server.dialogue.rewrite import (
    REWRITE_INSTRUCTIONS,
    QueryRewriter,
    clean_rewrite,
    should_rewrite,
)
from llm_server.dialogue.state import DialogueState, ProductQuery
from tests.conftest import wait_ready
from tests.fakes import FakeLLM


@pytest.mark.parametrize(
    ("output", "query"),
    [
        ("캐주얼한 셔츠", "캐주얼한 셔츠"),
        ("검색 문장: 반품 환불 기간 카드 결제", "반품 환불 기간 카드 결제"),
        ('"흰색 린넨 셔츠"\n설명: 앞 대화에서...', "흰색 린넨 셔츠"),
        ("", None),
        ("?", None),
        ("1234", None),
        ("가" * 101, None),
    ],
)
def test_clean_rewrite(output, query):
    assert clean_rewrite(output) == query


def test_only_follow_ups_inside_a_shop_conversation_are_rewritten():
    active = DialogueState(query=ProductQuery(categories=("셔츠",)))
    assert should_rewrite(interpret("좀 더 캐주얼한 거요"), active)
    assert not should_rewrite(interpret("좀 더 캐주얼한 거요"), DialogueState())
    assert not should_rewrite(interpret("청바지 보여주세요"), active)  # a new complete request
    assert not should_rewrite(interpret("상담원 연결해 주세요"), active)


def test_a_failing_or_slow_model_falls_back_to_the_message():
    failing = QueryRewriter(FakeLLM("캐주얼 셔츠", fail_after=0))
    assert anyio.run(failing.rewrite, "좀 더 캐주얼한 거요", []) is None
    slow = QueryRewriter(FakeLLM("캐주얼 셔츠", delay_s=0.5), timeout_s=0.05)
    assert anyio.run(slow.rewrite, "좀 더 캐주얼한 거요", []) is None


def _conversation(make_app, llm, **settings):
    with TestClient(make_app(llm=llm, **settings)) as client:
        wait_ready(client)
        headers = {"X-Session-ID": "session-rewrite-1"}
        client.post("/chat", json={"message": "셔츠 추천해 주세요"}, headers=headers)
        return client.post("/chat", json={"message": "좀 더 캐주얼한 거요"}, headers=headers).json()


def test_a_trusted_model_rewrites_the_follow_up_and_the_filters_stay(make_app):
    llm = FakeLLM("첫 답변입니다.", "캐주얼한 셔츠", "캐주얼한 셔츠를 골라 봤어요.")
    body = _conversation(make_app, llm, query_rewrite=True, answer_mode="generate")
    rewrite_call = llm.calls[1]
    assert rewrite_call[0].content == REWRITE_INSTRUCTIONS
    assert "셔츠 추천해 주세요" in rewrite_call[-1].content and "좀 더 캐주얼한 거요" in rewrite_call[-1].content
    assert body["filters"] == {"categories": ["셔츠"]}  # the state's conditions, not the model's
    assert body["products"] and all("셔츠" in p["category"] for p in body["products"])
    assert body["answer"] == "캐주얼한 셔츠를 골라 봤어요."


def test_no_rewrite_without_the_setting_or_without_trusted_prose(make_app):
    off = FakeLLM()
    _conversation(make_app, off, answer_mode="generate")
    assert all(call[0].content != REWRITE_INSTRUCTIONS for call in off.calls)
    untrusted = FakeLLM(trustworthy=False)
    _conversation(make_app, untrusted, query_rewrite=True)
    assert untrusted.calls == []  # extractive answers and no rewrite: the model is never asked
