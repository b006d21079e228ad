"""A real MongoDB wire-protocol server (nx-27017) driven by the real pymongo driver."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from embedding_pipeline.config import MongoSettings
from llm_server.config import PROJECT_ROOT
from tests.conftest import free_port, wait_for_port

VENV_BIN = Path(sys.executable).parent
_names = itertools.count()


@pytest.fixture(autouse=True)
def _clean_mongo_env(monkeypatch):
    for name in MongoSettings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture(scope="session")
def mongo_server(tmp_path_factory) -> str:
    """`nx-27017 --db memory` on a free port for the whole session; yields its URI."""
    workdir = tmp_path_factory.mktemp("nx27017")
    port = free_port()
    proc = subprocess.Popen(
        [
            str(VENV_BIN / "nx-27017"), "--db", "memory", "--host", "127.0.0.1", "-p", str(port),
            "--pid-file", str(workdir / "nx.pid"), "--log-file", str(workdir / "nx.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=30)
        yield f"mongodb://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def mongo(mongo_server, monkeypatch) -> MongoSettings:
    """Settings for a fresh, empty MongoDB collection, also exported as MONGO_* variables."""
    values = {
        "MONGO_URI": mongo_server,
        "MONGO_DB": f"test{os.getpid()}_{next(_names)}",
        "MONGO_COLLECTION": "products",
        "MONGO_TIMEOUT_S": "5",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return MongoSettings()


@pytest.fixture
def chroma_env(tmp_path, monkeypatch) -> Path:
    """An embedded Chroma directory, exported as CHROMA_PATH."""
    path = tmp_path / "chroma"
    monkeypatch.setenv("CHROMA_PATH", str(path))
    return path


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT
