"""Bounded generations on a real uvicorn server: MAX_CONCURRENT_GENERATIONS slots, a MAX_QUEUE
wait queue, 503 + Retry-After + Korean message beyond it, and a slot freed within 200 ms of
the client going away (HTTP stream or WebSocket turn)."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import StreamingResponse
from starlette.routing import Route, WebSocketRoute

from llm_server.concurrency import GenerationLimitMiddleware, GenerationSlots
from tests.conftest import free_port, wait_for_port


async def slow_stream(request):
    async def tokens():
        for i in range(600):  # 60 s unless the client leaves
            yield f"event: token\ndata: {i}\n\n"
            await asyncio.sleep(0.1)

    return StreamingResponse(tokens(), media_type="text/event-stream")


async def ws_chat(websocket):
    await websocket.accept()
    while True:
        text = await websocket.receive_text()
        await asyncio.sleep(float(json.loads(text).get("hold", 0)))
        await websocket.send_text(json.dumps({"event": "done", "data": {}}))


def serve(slots: GenerationSlots):
    app = Starlette(routes=[Route("/chat/stream", slow_stream, methods=["POST"]), WebSocketRoute("/ws/chat", ws_chat)])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(GenerationLimitMiddleware(app, slots), port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for_port(port)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture
def server():
    started = []

    def start(limit, queue, max_wait_s=30.0):
        slots = GenerationSlots(limit, queue, max_wait_s=max_wait_s)
        srv, thread, url = serve(slots)
        started.append((srv, thread))
        return slots, url

    yield start
    for srv, thread in started:
        srv.should_exit = True
        thread.join(timeout=10)


def wait_until(predicate, timeout=5.0):
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise TimeoutError
        time.sleep(0.005)
    return time.monotonic() - started


def open_stream(url):
    client = httpx.Client(timeout=30)
    response = client.send(client.build_request("POST", f"{url}/chat/stream", json={"message": "x"}), stream=True)
    lines = response.iter_lines()
    next(lines)  # the first token arrived: the turn holds its slot
    response.lines = lines  # keep the iterator: collecting it would close the stream
    return client, response


def test_beyond_slots_and_queue_a_503_with_retry_after_and_a_korean_message(server):
    slots, url = server(limit=1, queue=1)
    first = open_stream(url)
    queued_streams = []
    queued = threading.Thread(target=lambda: queued_streams.append(open_stream(url)), daemon=True)
    queued.start()
    wait_until(lambda: slots.waiting == 1)
    refused = httpx.post(f"{url}/chat/stream", json={"message": "z"}, timeout=5)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "5"
    assert refused.json()["error"]["code"] == "overloaded"
    assert "다시 시도해 주세요" in refused.json()["error"]["message"]
    assert slots.stats() == {"limit": 1, "queue": 1, "active": 1, "waiting": 1, "refused": 1}
    first[1].close()
    first[0].close()
    wait_until(lambda: slots.active == 1 and slots.waiting == 0 and queued_streams)  # the queued turn got the slot
    queued_streams[0][1].close()
    queued_streams[0][0].close()


def test_a_client_that_disconnects_frees_its_slot_within_200_ms(server):
    slots, url = server(limit=1, queue=0)
    freed = []
    for _ in range(5):
        client, response = open_stream(url)
        assert slots.active == 1
        response.close()
        client.close()
        freed.append(wait_until(lambda: slots.active == 0))
    assert max(freed) < 0.2, freed
    print(f"slot freed after disconnect: max {max(freed) * 1000:.0f} ms over {len(freed)} runs")


def test_a_queued_turn_waits_at_most_max_wait(server):
    slots, url = server(limit=1, queue=1, max_wait_s=0.3)
    client, response = open_stream(url)
    started = time.monotonic()
    refused = httpx.post(f"{url}/chat/stream", json={"message": "late"}, timeout=5)
    assert refused.status_code == 503 and 0.3 <= time.monotonic() - started < 2
    response.close()
    client.close()


def test_websocket_turns_hold_a_slot_per_turn_and_refusals_are_error_frames(server):
    from websockets.sync.client import connect

    slots, url = server(limit=1, queue=0)
    ws_url = url.replace("http", "ws") + "/ws/chat"
    with connect(ws_url) as busy, connect(ws_url) as other:
        busy.send(json.dumps({"message": "a", "hold": 1.0}))
        wait_until(lambda: slots.active == 1)
        other.send(json.dumps({"message": "b"}))
        frame = json.loads(other.recv(timeout=5))
        assert frame["event"] == "error" and frame["data"]["code"] == "overloaded"
        assert frame["data"]["retry_after_s"] == 5
        assert json.loads(busy.recv(timeout=5))["event"] == "done"
        wait_until(lambda: slots.active == 0)
        other.send(json.dumps({"message": "b again"}))
        assert json.loads(other.recv(timeout=5))["event"] == "done"  # the same socket goes on
    wait_until(lambda: slots.active == 0)



def test_extractive_turns_are_counted_but_never_refused():
    """Template answers use no LLM: the generation bound does not apply to them."""
    from llm_server.concurrency import Overloaded

    async def scenario():
        generating = [False]
        slots = GenerationSlots(1, 0, applies=lambda: generating[0])
        for _ in range(5):
            await slots.acquire()
        assert slots.active == 5 and slots.refused == 0
        generating[0] = True
        with pytest.raises(Overloaded):
            await slots.acquire()

    asyncio.run(scenario())
