"""Schemathesis against the app's own /openapi.json: generated requests to every documented
route (real embedded Chroma with the demo data, fake LLM and hash embedder, in-process ASGI).
Promise: no 5xx, every response matches the documented schema (status code, content type,
body), every error is {"error": {"code", "message"}}. Bounded to stay under 2 minutes in CI
(FUZZ_EXAMPLES per operation, default 25)."""

from __future__ import annotations

import os
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance, response_schema_conformance

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


@pytest.fixture(scope="module")
def live_url(tmp_path_factory):
    """The app served by uvicorn on a free port (one event loop, lifespan run once)."""
    import threading

    import httpx
    import uvicorn

    from llm_server.config import Settings
    from llm_server.main import create_app
    from llm_server.runtime import Runtime
    from tests.conftest import DATA_DIR, free_port
    from tests.fakes import FakeLLM, HashEmbedder

    app_settings = Settings(
        chroma_path=str(tmp_path_factory.mktemp("fuzz") / "chroma"),
        demo_data_dir=str(DATA_DIR),
        load_demo_data=True,
        voice_enabled=False,  # no speech models: /stt, /tts answer their documented 503
        admin_api_key="fuzz-admin-key-not-sent",  # the fuzzer has no key: admin routes must say 401
    )
    app = create_app(app_settings, runtime=Runtime(app_settings, llm=FakeLLM(), embedder=HashEmbedder()))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/health/ready", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError("fuzz server not ready")
        time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def api_schema(live_url):
    return schemathesis.openapi.from_url(f"{live_url}/openapi.json")


def excluded_checks(case, response) -> list:
    """Known, documented gaps (docs/reliability.md) kept out so every other check can hold:
    - a documented 5xx (503 voice/admin disabled) is fine; any 500 fails below;
    - SSE bodies: the OpenAPI document lists each event's *payload* schema (x-sse-events),
      while schemathesis validates the whole SSE item {event, data: string}; the payloads are
      checked by tests/api against the same models;
    - /voice/chat multipart: schemathesis adds form fields with empty names, which the
      multipart parser reads as an invalid session id."""
    excluded = [not_a_server_error]
    if response.headers.get("content-type", [""])[0].startswith("text/event-stream"):
        excluded.append(response_schema_conformance)
    if case.operation.path == "/voice/chat":
        excluded.append(positive_data_acceptance)
    return excluded


def fuzz_operation(operation, counter: list[int]) -> None:
    """Hypothesis-generated cases for one operation; raises on the first failing case."""

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        counter[0] += 1
        # every 5xx a route documents (503 voice/admin disabled, ...) is allowed by
        # status_code_conformance; an undocumented one, or any 500, fails
        response = case.call(timeout=30)
        case.validate_response(response, excluded_checks=excluded_checks(case, response))
        assert response.status_code != 500, response.text
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body

    run()


@pytest.mark.slow
def test_no_server_error_and_every_response_as_documented(api_schema):
    counter, failures, operations = [0], [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        try:
            fuzz_operation(operation, counter)
        except BaseException as exc:  # noqa: BLE001 - ExceptionGroup; collect every operation's failure, then fail once
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:1500]}")
    print(f"fuzzed {operations} operations with {counter[0]} requests")
    assert operations >= 10
    assert not failures, "\n\n".join(failures)
