"""Property-based checks (hypothesis): the Korean price parser and SSE framing."""

from __future__ import annotations

import json

import httpx
from httpx_sse import EventSource
from hypothesis import given, settings
from hypothesis import strategies as st
from sse_starlette import ServerSentEvent

from llm_server.api.sse import SEP
from llm_server.dialogue.frames import interpret
from llm_server.dialogue.prices import MAX_SANE_PRICE, parse_prices
from llm_server.protocol import TokenEvent

KOREAN_PRICE_WORDS = st.sampled_from(
    ["만원", "천원", "원", "이하", "미만", "이상", "초과", "대", "~", "-", "예산", "밑으로", "안쪽", "₩", ",", " ", "１", "오만", "십만"]
)
PRICE_LIKE = st.lists(st.one_of(st.integers(-10, 10**9).map(str), KOREAN_PRICE_WORDS), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(PRICE_LIKE, st.text(max_size=80)))
def test_price_parser_never_raises_and_keeps_a_sane_band(text):
    band = parse_prices(text)
    for value in (band.low, band.high):
        assert value is None or 0 < value <= MAX_SANE_PRICE
    if band.low is not None and band.high is not None:
        assert band.low <= band.high


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_interpret_reads_any_text(text):
    frame = interpret(text)
    assert frame.intent in {"shop", "product_question", "handoff", "order_status", "cart_add"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_sse_framing_round_trips_any_token_text(text):
    """What the server frames (sse-starlette) the test parser (httpx-sse) reads back unchanged:
    newlines, carriage returns, 'data:' and unicode inside a token stay inside its JSON."""
    event = TokenEvent(text=text)
    frame = ServerSentEvent(data=json.dumps(event.data, ensure_ascii=False), event=event.event, sep=SEP).encode()
    response = httpx.Response(200, headers={"content-type": "text/event-stream"}, content=frame)
    parsed = [(e.event, json.loads(e.data)) for e in EventSource(response).iter_sse()]
    assert parsed == [("token", {"text": text})]
