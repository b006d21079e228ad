"""Locust shoppers: multi-turn dialogues through the Express proxy, over SSE and WebSocket.

Each simulated shopper opens its own session per dialogue (X-Session-ID, so the proxy's
rate limit keys on the session, not on the one address every simulated shopper shares),
asks the dialogue's turns in order, and alternates transports between dialogues:
POST /api/llm/chat/stream (SSE) and /api/llm/ws/chat (WebSocket).

Every finished turn is one sample (TTFT, full answer, error kind); the samples are written
as JSON to $LOAD_SAMPLES_OUT when Locust stops, for bench/load/run.py to summarise.
Run through bench/load/run.py (it starts the stack and sweeps the concurrency levels), or:

    .venv/bin/locust -f bench/load/locustfile.py --headless -u 10 -r 5 -t 30s \\
        --host http://127.0.0.1:5000
"""

from __future__ import annotations

import itertools
import json
import os
import random
import secrets
import time
from functools import cache
from pathlib import Path

import websocket
from locust import User, between, events, task

THINK_S = tuple(float(x) for x in os.environ.get("LOAD_THINK_S", "1,3").split(","))
TURN_TIMEOUT_S = float(os.environ.get("LOAD_TURN_TIMEOUT_S", "120"))
TRANSPORTS = [t for t in os.environ.get("LOAD_TRANSPORTS", "sse,ws").split(",") if t]
CHAT_PREFIX = os.environ.get("LOAD_CHAT_PREFIX", "/api/llm")  # "" to hit llm_server directly

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "dialogues" / "dev.jsonl"
# Used only when the golden set is missing (a partial checkout).
FALLBACK_DIALOGUES = [
    {"id": "f1", "turns": [{"user": "반팔 티셔츠 보여주세요"}, {"user": "3만원 이하로요"}, {"user": "L 사이즈 있나요?"}]},
    {"id": "f2", "turns": [{"user": "배송비는 얼마인가요?"}, {"user": "제주도는요?"}]},
    {"id": "f3", "turns": [{"user": "겨울 코트 추천해 주세요"}, {"user": "더 저렴한 건요?"}]},
    {"id": "f4", "turns": [{"user": "교환은 어떻게 하나요?"}, {"user": "반품 배송비는요?"}]},
    {"id": "f5", "turns": [{"user": "린넨 셔츠 있나요?"}, {"user": "세탁은 어떻게 하나요?"}]},
]


@cache
def load_dialogues(path: str | None = None) -> list[dict]:
    """Dialogues {"id", "turns": [{"user", ...}]}: $LOAD_DIALOGUES, the golden dev set, or the fallback."""
    source = Path(path) if path else GOLDEN
    if not source.exists():
        return FALLBACK_DIALOGUES
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("turns") and all(t.get("user") for t in r["turns"])] or FALLBACK_DIALOGUES


SAMPLES: list[dict] = []
_transport_cycle = itertools.count()


class TurnFailed(Exception):
    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


class Shopper(User):
    """One shopper: a dialogue per task, a fresh session per dialogue, think time between turns."""

    wait_time = between(*THINK_S)

    def on_start(self) -> None:
        self.transport_index = next(_transport_cycle)

    @task
    def dialogue(self) -> None:
        dialogue = random.choice(load_dialogues(os.environ.get("LOAD_DIALOGUES")))
        transport = TRANSPORTS[self.transport_index % len(TRANSPORTS)]
        self.transport_index += 1
        session_id = secrets.token_urlsafe(18)
        if transport == "ws":
            self._ws_dialogue(dialogue, session_id)
        else:
            self._sse_dialogue(dialogue, session_id)

    # --- SSE ---
    def _sse_dialogue(self, dialogue: dict, session_id: str) -> None:
        import requests

        with requests.Session() as http:
            for index, turn in enumerate(dialogue["turns"]):
                if index:
                    time.sleep(random.uniform(*THINK_S))
                if not self._timed("sse", dialogue, index, lambda t=turn: _sse_turn(http, self.host, t["user"], session_id)):
                    return

    # --- WebSocket ---
    def _ws_dialogue(self, dialogue: dict, session_id: str) -> None:
        url = self.host.replace("http", "ws", 1) + f"{CHAT_PREFIX}/ws/chat"
        started = time.perf_counter()
        try:
            ws = websocket.create_connection(url, timeout=TURN_TIMEOUT_S, header=[f"X-Session-ID: {session_id}"])
        except Exception as exc:  # noqa: BLE001 - every failure is a sample with its kind
            _record("ws", dialogue, 0, started, None, _ws_error_kind(exc), str(exc))
            return
        try:
            for index, turn in enumerate(dialogue["turns"]):
                if index:
                    time.sleep(random.uniform(*THINK_S))
                if not self._timed("ws", dialogue, index, lambda t=turn: _ws_turn(ws, t["user"], session_id)):
                    return
        finally:
            ws.close()

    def _timed(self, transport: str, dialogue: dict, index: int, turn) -> bool:
        started = time.perf_counter()
        try:
            ttft = turn()
        except TurnFailed as exc:
            _record(transport, dialogue, index, started, None, exc.kind, str(exc))
            return False
        except Exception as exc:  # noqa: BLE001
            _record(transport, dialogue, index, started, None, _ws_error_kind(exc) if transport == "ws" else "connection", str(exc))
            return False
        _record(transport, dialogue, index, started, ttft, None, "")
        return True


def _sse_turn(http, host: str, message: str, session_id: str) -> float:
    """POST one message, read events until done; returns the first-token time (perf_counter)."""
    response = http.post(
        f"{host}{CHAT_PREFIX}/chat/stream", json={"message": message, "session_id": session_id},
        headers={"X-Session-ID": session_id, "Accept": "text/event-stream"}, stream=True, timeout=TURN_TIMEOUT_S,
    )
    with response:
        if response.status_code != 200:
            raise TurnFailed(f"http_{response.status_code}", response.text[:200])
        first_token, event = None, None
        for raw in response.iter_lines(decode_unicode=True):
            if raw.startswith("event: "):
                event = raw[7:]
            elif raw.startswith("data: "):
                if event == "token" and first_token is None:
                    first_token = time.perf_counter()
                elif event == "error":
                    raise TurnFailed(f"event_{json.loads(raw[6:]).get('code', 'error')}", raw[6:200])
                elif event == "done":
                    return first_token or time.perf_counter()
        raise TurnFailed("no_done", "stream ended without a done event")


def _ws_turn(ws, message: str, session_id: str) -> float:
    ws.send(json.dumps({"message": message, "session_id": session_id}, ensure_ascii=False))
    first_token = None
    while True:
        frame = json.loads(ws.recv())
        if frame["event"] == "token" and first_token is None:
            first_token = time.perf_counter()
        elif frame["event"] == "error":
            raise TurnFailed(f"event_{frame['data'].get('code', 'error')}", json.dumps(frame["data"], ensure_ascii=False)[:200])
        elif frame["event"] == "done":
            return first_token or time.perf_counter()


def _ws_error_kind(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    if status:
        return f"http_{status}"
    if isinstance(exc, websocket.WebSocketTimeoutException):
        return "timeout"
    if isinstance(exc, websocket.WebSocketConnectionClosedException):
        return "ws_closed"
    return "connection"


def _record(transport: str, dialogue: dict, turn: int, started: float, first_token: float | None,
            error: str | None, detail: str) -> None:
    ended = time.perf_counter()
    sample = {
        "transport": transport, "dialogue": dialogue["id"], "turn": turn, "t_start": time.time() - (ended - started),
        "ttft_s": None if first_token is None else first_token - started,
        "total_s": ended - started, "error": error, "detail": detail[:200],
    }
    SAMPLES.append(sample)
    events.request.fire(
        request_type=transport.upper(), name=f"turn {'1' if turn == 0 else '2+'}", response_time=sample["total_s"] * 1000,
        response_length=0, exception=TurnFailed(error, detail) if error else None, context={},
    )


@events.test_stop.add_listener
def _write_samples(environment=None, **_kwargs) -> None:
    """Written when the run time ends (and again on quitting), so a Locust that is slow to
    stop its users on a saturated machine still leaves its samples."""
    out = os.environ.get("LOAD_SAMPLES_OUT")
    if out:
        Path(out).write_text(json.dumps(list(SAMPLES), ensure_ascii=False))


events.quitting.add_listener(_write_samples)
