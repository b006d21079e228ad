"""The live stack (real llm_server with llama.cpp + real Express proxy, one start for the module):
one request id in both JSON logs and in `done`, /metrics with the named series on both
processes, and the Locust load test at a smoke level (a few seconds, SSE and WebSocket)."""

from __future__ import annotations

import importlib.util
import json
import time
import urllib.request
from pathlib import Path

import pytest

from tests.observability.test_dashboard import proxy_series
from tests.observability.test_metrics import NAMED_SERIES

ROOT = Path(__file__).resolve().parents[2]


def _load_run():
    spec = importlib.util.spec_from_file_location("bench_load_run", ROOT / "bench" / "load" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _post_stream(url: str, message: str) -> tuple[str, list[tuple[str, dict]]]:
    body = json.dumps({"message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        request_id = response.headers["x-request-id"]
        text = response.read().decode()
    events, name = [], None
    for line in text.splitlines():
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: ") and name:
            events.append((name, json.loads(line[6:])))
    return request_id, events


def _json_lines(path: Path) -> list[dict]:
    lines = []
    for raw in path.read_text(errors="replace").splitlines():
        try:
            lines.append(json.loads(raw))
        except ValueError:
            continue  # a native library's own line (llama.cpp, onnxruntime)
    return lines


def _exposed(url: str) -> set[str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        text = response.read().decode()
    return {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    run = _load_run()
    logs = tmp_path_factory.mktemp("stack")
    with run.stack("embedded", "extractive", logs, log_level="info") as (proxy_url, llm_url):
        yield run, logs, proxy_url, llm_url


@pytest.mark.slow
def test_one_request_id_from_the_proxy_to_llm_server_logs_and_done(live):
    _, logs, proxy_url, _ = live
    request_id, events = _post_stream(f"{proxy_url}/api/llm/chat/stream", "배송비는 얼마인가요?")
    assert request_id and len(request_id) >= 16  # minted by the proxy: the client sent none
    done = next(data for name, data in events if name == "done")
    assert done["request_id"] == request_id
    time.sleep(0.5)  # the proxy logs on 'close'
    proxy_lines = [line for line in _json_lines(logs / "proxy.log") if line.get("request_id") == request_id]
    assert any(line["event"] == "request" and line["path"] == "/api/llm/chat/stream" for line in proxy_lines)
    llm_lines = [line for line in _json_lines(logs / "llm_server.log") if line.get("request_id") == request_id]
    assert any(line.get("route") == "/chat/stream" and line.get("status") == 200 for line in llm_lines), llm_lines


@pytest.mark.slow
def test_metrics_on_both_processes_expose_the_named_series(live):
    _, _, proxy_url, llm_url = live
    assert set(NAMED_SERIES) <= _exposed(f"{llm_url}/metrics")
    exposed = _exposed(f"{proxy_url}/metrics")
    assert {name.removesuffix("_total") for name in proxy_series()} <= {n.removesuffix("_total") for n in exposed}


@pytest.mark.slow
def test_locust_smoke_level_two_shoppers_over_sse_and_websocket(live, tmp_path):
    run, _, proxy_url, _ = live
    args = run.parse_args(["--levels", "2", "--duration", "6", "--ramp", "1", "--think", "0.2,0.5"])
    level = run.run_level(proxy_url, 2, args, tmp_path)
    assert (level["users"], level["via"]) == (2, "proxy")
    assert level["answers"] >= 2 and level["errors"] == {}, level
    assert 0 < level["ttft_ms"]["p50"] <= level["answer_ms"]["p50"]
    # two shoppers alternate transports: both were exercised
    assert level["by_transport"]["sse"]["answers"] >= 1 and level["by_transport"]["ws"]["answers"] >= 1
