"""Admin apps over a real embedded Chroma with the demo data (fake LLM, hash embedder)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from llm_server.config import Settings
from tests.conftest import DATA_DIR, wait_ready
from tests.fakes import FakeLLM, HashEmbedder
from tests.pipeline.conftest import mongo, mongo_server  # noqa: F401 - fixtures re-exported

ADMIN_KEY = "test-admin-key-0123456789"
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}


def build_client(path, llm=None, **overrides) -> TestClient:
    from llm_server.main import create_app
    from llm_server.runtime import Runtime

    values = {"chroma_path": str(path / "chroma"), "demo_data_dir": str(DATA_DIR), "load_demo_data": True, "voice_enabled": False}
    settings = Settings(**{**values, "admin_api_key": ADMIN_KEY, **overrides})
    runtime = Runtime(settings, llm=llm or FakeLLM(trustworthy=False), embedder=HashEmbedder())
    return TestClient(create_app(settings, runtime=runtime))


@pytest.fixture(scope="module")
def admin(tmp_path_factory):
    """One extractive-mode app per test module (seeding and BM25 take seconds)."""
    with build_client(tmp_path_factory.mktemp("admin")) as client:
        wait_ready(client)
        yield client


@pytest.fixture
def make_admin(tmp_path):
    """A fresh app with its own store, for tests that need their own settings or LLM."""
    clients = []

    def factory(llm=None, **overrides) -> TestClient:
        client = build_client(tmp_path / f"app{len(clients)}", llm, **overrides)
        clients.append(client.__enter__())
        wait_ready(client)
        return client

    yield factory
    for client in clients:
        client.__exit__(None, None, None)
