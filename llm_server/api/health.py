"""Liveness, readiness and stream counters."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from llm_server.api.deps import RuntimeDep
from llm_server.runtime import Runtime

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live():
    """200 while the process runs."""
    return {"status": "ok"}


@router.get("/ready")
async def ready(runtime: RuntimeDep):
    """200 only when the LLM, the vector store, both collections and sessions are usable; else 503."""
    checks = await readiness_checks(runtime)
    gating = ("llm", "vector_store", "products", "faq", "sessions")
    ok = all(checks[name]["ok"] for name in gating)
    body = {"status": "ready" if ok else "not_ready", "checks": checks}
    return JSONResponse(body, status_code=200 if ok else 503)


@router.get("/stats")
async def stats(runtime: RuntimeDep, request: Request):
    """Counters of chat streams (cancelled grows when a client disconnects mid-answer) and of
    generation slots (MAX_CONCURRENT_GENERATIONS: active, waiting, refused)."""
    return {"streams": runtime.stats.to_dict(), "generations": request.app.state.generation_slots.stats()}


async def readiness_checks(runtime: Runtime) -> dict:
    llm = (await runtime.llm.health()).to_dict()
    checks = {
        "llm": llm,
        "vector_store": runtime.status["vector_store"].to_dict(),
        "sessions": {**runtime.status["sessions"].to_dict(), "backend": runtime.sessions.name},
    }
    checks.update(await anyio.to_thread.run_sync(_collection_checks, runtime))
    if checks["sessions"]["ok"]:
        checks["sessions"]["ok"] = await runtime.sessions.ping()
    for provider in runtime.health_providers:
        checks.update(provider())
    return checks


def _collection_checks(runtime: Runtime) -> dict:
    names = {"products": runtime.settings.products_collection, "faq": runtime.settings.faq_collection}
    if runtime.store is None:
        return {key: {"ok": False, "detail": "vector store not connected", "count": 0} for key in names}
    checks = {}
    for key, name in names.items():
        try:
            count = runtime.store.count(name)
            checks[key] = {"ok": count > 0, "detail": "ok" if count else "empty collection", "count": count}
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            checks[key] = {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:200], "count": 0}
    return checks
