"""Shared fixtures: a clean environment, real Redis, demo data, app factories."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest

from llm_server.config import PROJECT_ROOT, Settings

DATA_DIR = PROJECT_ROOT / "data"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    """A developer's exported settings must not leak into tests."""
    for name in list(Settings.model_fields):
        monkeypatch.delenv(name.upper(), raising=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {port} after {timeout}s")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server (Debian package) on a free port, for the whole session."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: run `bash scripts/system_deps.sh`")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(chroma_path=str(tmp_path / "chroma"), demo_data_dir=str(DATA_DIR), load_demo_data=True)


def pytest_collection_modifyitems(config, items):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture
def make_app(settings):
    """App factory over a real embedded Chroma with the demo data, a fake LLM and a hash embedder."""
    from llm_server.main import create_app
    from llm_server.runtime import Runtime
    from tests.fakes import FakeLLM, HashEmbedder

    def factory(llm=None, **overrides):
        app_settings = settings.model_copy(update=overrides)
        runtime = Runtime(app_settings, llm=llm or FakeLLM(), embedder=HashEmbedder())
        return create_app(app_settings, runtime=runtime)

    return factory


@pytest.fixture
def client(make_app):
    """A TestClient whose lifespan has finished seeding (ready)."""
    from fastapi.testclient import TestClient

    with TestClient(make_app()) as test_client:
        wait_ready(test_client)
        yield test_client


def wait_ready(test_client, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test_client.get("/health/ready").status_code == 200:
            return
        time.sleep(0.05)
    raise TimeoutError(test_client.get("/health/ready").json())


_exit_status: list[int] = []


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """Leave before interpreter finalisation, keeping pytest's exit status.

    Native engines loaded by the slow tests (llama.cpp, CTranslate2, onnxruntime, Chroma's
    Rust core) intermittently crash while CPython tears down its modules after every
    test has already passed (seen: SIGSEGV in _PyIO_Fini), which would turn a green run red.
    """
    if _exit_status and os.environ.get("PYTEST_NO_HARD_EXIT") != "1":
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[0])
