"""Through the real proxy to the real llm_server: one request id in both JSON logs and in `done`,
and /metrics with the named series on both processes."""

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


@pytest.mark.slow
def test_one_request_id_from_the_proxy_to_llm_server_logs_and_done(tmp_path):
    run = _load_run()
    with run.stack("embedded", "extractive", tmp_path, log_level="info") as (proxy_url, llm_url):
        request_id, events = _post_stream(f"{proxy_url}/api/llm/chat/stream", "배송비는 얼마인가요?")
        assert request_id and len(request_id) >= 16  # minted by the proxy: the client sent none
        done = next(data for name, data in events if name == "done")
        assert done["request_id"] == request_id
        time.sleep(0.5)  # the proxy logs on 'close'
        proxy_lines = [line for line in _json_lines(tmp_path / "proxy.log") if line.get("request_id") == request_id]
        assert any(line["event"] == "request" and line["path"] == "/api/llm/chat/stream" for line in proxy_lines)
        llm_lines = [line for line in _json_lines(tmp_path / "llm_server.log") if line.get("request_id") == request_id]
        assert any(line.get("route") == "/chat/stream" and line.get("status") == 200 for line in llm_lines), llm_lines
        assert set(NAMED_SERIES) <= _exposed(f"{llm_url}/metrics")
        exposed = _exposed(f"{proxy_url}/metrics")
        assert {name.removesuffix("_total") for name in proxy_series()} <= {n.removesuffix("_total") for n in exposed}
