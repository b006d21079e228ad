"""The native stack started in the worst order converges to ready without a crash or restart.

llm_server starts first, pointed at a Chroma server and a Redis that do not exist yet; then
Redis, the MongoDB-wire server, Chroma and the backend come up (scripts/stack.sh). The
same llm_server process (same PID) must end up ready, with the demo catalog seeded into
the Chroma server and reachable through the backend. This is what docker-compose's
healthchecks and a Kubernetes rollout rely on.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from deploy_helpers import ROOT

STACK = ROOT / "scripts" / "stack.sh"
VENV_BIN = ROOT / ".venv" / "bin"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        not (shutil.which("redis-server") and shutil.which("node")),
        reason="needs redis-server and node",
    ),
    pytest.mark.skipif(
        not ((VENV_BIN / "chroma").exists() and (VENV_BIN / "nx-27017").exists()),
        reason="needs chroma and nx-27017 in .venv",
    ),
]


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def get(url: str) -> tuple[int | None, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except (OSError, ValueError):
        return None, {}


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class Stack:
    def __init__(self, directory):
        redis, mongo, chroma, llm, backend = free_ports(5)
        self.ports = {"llm": llm, "backend": backend, "redis": redis, "chroma": chroma}
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.endswith(("_PORT", "_URL", "_HOST"))},
            "STACK_DIR": str(directory),
            "STACK_ENV_FILE": str(directory / "no.env"),  # a developer's .env stays out
            "REDIS_PORT": str(redis),
            "MONGO_PORT": str(mongo),
            "CHROMA_PORT": str(chroma),
            "LLM_API_PORT": str(llm),
            "BACKEND_PORT": str(backend),
            "LOAD_DEMO_DATA": "true",
            "DEPENDENCY_RETRY_MAX_S": "4",  # keeps the test short; production uses 30
            "VOICE_ENABLED": "false",
        }
        self.directory = directory

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["bash", str(STACK), *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def pid(self, name: str) -> int:
        return int(self.run("pid", name))

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def log(self, name: str) -> str:
        return (self.directory / "logs" / f"{name}.log").read_text(errors="replace")


#: docker-compose.yml's healthcheck commands, re-pointed from the container ports to ours.
IN_CONTAINER = {
    "chroma_db_server": ("chroma", "/dev/tcp/127.0.0.1/8000", "/dev/tcp/127.0.0.1/{port}"),
    "redis": ("redis", "redis-cli ping", "redis-cli -p {port} ping"),
    "llm_api_server": ("llm", "127.0.0.1:8001", "127.0.0.1:{port}"),
    "backend": ("backend", "127.0.0.1:5000", "127.0.0.1:{port}"),
}


def compose_healthcheck(services: dict, service: str, stack: Stack) -> int:
    """Run the compose healthcheck of `service` against the native process; its exit code."""
    name, old, new = IN_CONTAINER[service]
    kind, *argv = services[service]["healthcheck"]["test"]
    argv = ["sh", "-c", argv[0]] if kind == "CMD-SHELL" else argv
    argv = [arg.replace("$$", "$").replace(old, new.format(port=stack.ports[name])) for arg in argv]
    argv[0] = sys.executable if argv[0] == "python" else argv[0]
    return subprocess.run(argv, capture_output=True, timeout=30).returncode


@pytest.fixture
def stack(tmp_path):
    stack = Stack(tmp_path / "stack")
    yield stack
    subprocess.run(["bash", str(STACK), "stop"], env=stack.env, capture_output=True, timeout=120)


def test_worst_order_start_converges_to_ready_without_restart(stack, services):
    started = time.monotonic()
    stack.run("start", "llm")
    llm_pid = stack.pid("llm")
    wait_until(lambda: get(stack.url("llm", "/health/live"))[0] == 200, 180, "llm /health/live")
    live_s = time.monotonic() - started

    status, body = get(stack.url("llm", "/health/ready"))
    assert status == 503 and body["status"] == "not_ready"
    assert body["checks"]["vector_store"]["ok"] is False
    assert body["checks"]["sessions"]["ok"] is False
    assert compose_healthcheck(services, "llm_api_server", stack) != 0
    time.sleep(5)  # several failed reconnect rounds while Chroma and Redis are absent
    assert stack.pid("llm") == llm_pid

    for name in ("redis", "mongo", "chroma", "backend"):
        stack.run("start", name)
    deps_started = time.monotonic()
    wait_until(lambda: get(stack.url("llm", "/health/ready"))[0] == 200, 300, "llm ready")
    print(f"llm live after {live_s:.1f}s; ready {time.monotonic() - deps_started:.1f}s after deps")

    assert stack.pid("llm") == llm_pid, "llm_server was restarted"
    assert "Traceback" not in stack.log("llm")
    status, body = get(stack.url("backend", "/api/health"))
    assert status == 200 and body["upstream"]["ok"] is True
    checks = get(stack.url("llm", "/health/ready"))[1]["checks"]
    assert checks["sessions"]["backend"] == "redis"
    assert checks["products"]["count"] > 0 and checks["faq"]["count"] > 0

    query = urllib.parse.urlencode({"q": "린넨 셔츠", "limit": 3})
    status, body = get(stack.url("backend", f"/api/llm/products/search?{query}"))
    assert status == 200 and len(body["results"]) == 3

    for service in IN_CONTAINER:  # the compose healthchecks pass against the real services
        assert compose_healthcheck(services, service, stack) == 0, service
    assert "llm" in stack.run("status")
    assert all(stack.pid(name) for name in ("redis", "mongo", "chroma", "llm", "backend"))


def test_stop_ends_every_service(stack):
    stack.run("start", "redis", "mongo")
    pids = [stack.pid("redis"), stack.pid("mongo")]
    stack.run("stop")
    for pid in pids:
        wait_until(lambda pid=pid: not _alive(pid), 15, f"pid {pid} to exit")
    result = subprocess.run(["bash", str(STACK), "status"], env=stack.env, capture_output=True)
    assert result.returncode == 1 and b"redis    stopped" in result.stdout


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
