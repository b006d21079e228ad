"""The real shop backend (Express, `node backend/src/server.js`) on a real nx-27017 with the demo data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from embedding_pipeline.config import MongoSettings
from embedding_pipeline.shop_seed import seed_shop
from embedding_pipeline.source import seed_products
from llm_server.config import PROJECT_ROOT
from llm_server.rag.ingest import load_products_json
from tests.conftest import DATA_DIR, free_port, wait_for_port

VENV_BIN = Path(sys.executable).parent
TOKEN = "actions-test-token-0123456789"


@dataclass(frozen=True)
class ShopBackend:
    url: str
    token: str
    mongo: MongoSettings


def _spawn(argv: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=PROJECT_ROOT)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def shop_mongo(tmp_path_factory) -> MongoSettings:
    """nx-27017 on a free port, seeded by the same functions as `embedding-pipeline seed-mongo`."""
    work = tmp_path_factory.mktemp("shop-nx")
    port = free_port()
    argv = [str(VENV_BIN / "nx-27017"), "--db", "memory", "--host", "127.0.0.1", "-p", str(port),
            "--pid-file", str(work / "nx.pid"), "--log-file", str(work / "nx.log")]
    proc = _spawn(argv, work / "out.log")
    try:
        wait_for_port(port, timeout=30)
        mongo = MongoSettings(mongo_uri=f"mongodb://127.0.0.1:{port}", mongo_db="actions", mongo_collection="products")
        seed_products(mongo, load_products_json(DATA_DIR / "products.json"))
        seed_shop(mongo, DATA_DIR / "orders.json")
        yield mongo
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def shop_backend(shop_mongo, tmp_path_factory) -> ShopBackend:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the shop API is the Express backend")
    port = free_port()
    env = {
        **os.environ,
        "BACKEND_HOST": "127.0.0.1", "BACKEND_PORT": str(port),
        "LLM_API_URL": f"http://127.0.0.1:{free_port()}", "RATE_LIMIT_PER_MIN": "0",
        "MONGO_URI": shop_mongo.mongo_uri, "MONGO_DB": shop_mongo.mongo_db, "SHOP_API_TOKEN": TOKEN,
        "ORDER_LOOKUPS_PER_SESSION": "1000", "ORDER_LOOKUPS_PER_IP": "1000", "LOG_LEVEL": "warn",
    }
    proc = _spawn([node, "backend/src/server.js"], tmp_path_factory.mktemp("backend") / "backend.log", env)
    try:
        wait_for_port(port, timeout=30)
        yield ShopBackend(f"http://127.0.0.1:{port}", TOKEN, shop_mongo)
    finally:
        _stop(proc)
