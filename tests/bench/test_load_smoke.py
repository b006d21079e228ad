"""The Locust load test runs end to end at a smoke level: real llm_server + real proxy + Locust."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_two_shoppers_for_a_few_seconds_over_sse_and_websocket(tmp_path):
    if shutil.which("node") is None:
        pytest.fail("node is required for the proxy (scripts/install.sh)")
    out = tmp_path / "load.json"
    completed = subprocess.run(
        [sys.executable, "bench/load/run.py", "--levels", "2", "--duration", "6", "--ramp", "1", "--think", "0.2,0.5",
         "--direct-levels", "2", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["machine"]["cores"] >= 1 and result["date"]
    proxied, direct = result["levels"]
    assert (proxied["users"], proxied["via"], direct["via"]) == (2, "proxy", "direct")
    for level in (proxied, direct):
        assert level["answers"] >= 2, level
        assert level["errors"] == {}, level
        assert 0 < level["ttft_ms"]["p50"] <= level["answer_ms"]["p50"]
    # two shoppers alternate transports: both were exercised
    assert proxied["by_transport"]["sse"]["answers"] >= 1 and proxied["by_transport"]["ws"]["answers"] >= 1
