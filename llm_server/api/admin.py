"""Admin console API: collections, browse, explained search, edit, FAQ CSV, try it,
feedback and health. Every route needs `Authorization: Bearer <ADMIN_API_KEY>`
(401 without a key, 403 with a wrong one, 503 admin_disabled when none is configured)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from starlette.requests import HTTPConnection

from llm_server.admin.auth import check_admin_key
from llm_server.admin.models import (
    ChangeResult,
    CollectionsOverview,
    CsvPlan,
    FaqInput,
    FeedbackPage,
    FixInput,
    FixResult,
    ItemPage,
    Kind,
    SearchExplanation,
    StoredItem,
    TryRequest,
    TryResult,
)
from llm_server.admin.service import AdminService
from llm_server.api.deps import RuntimeDep, validated_session_id
from llm_server.api.health import readiness_checks
from llm_server.api.openapi import error_responses
from llm_server.protocol import ErrorBody


def require_admin(request: Request) -> None:
    check_admin_key(request.headers.get("authorization"), request.app.state.settings.admin_api_key)


def get_admin(connection: HTTPConnection) -> AdminService:
    return connection.app.state.runtime.admin


AUTH_ERRORS = {
    401: {"model": ErrorBody, "description": "No admin key (admin_unauthorized)"},
    403: {"model": ErrorBody, "description": "Wrong admin key (admin_forbidden)"},
    **error_responses(422, 503),
}
router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=AUTH_ERRORS)
AdminDep = Annotated[AdminService, Depends(get_admin)]
NOT_FOUND = error_responses(404)
Offset = Query(0, ge=0)
PageSize = Query(20, ge=1, le=200)


@router.get("/auth")
async def auth() -> dict:
    """200 when the key is right (the console's login and the backend's handoff queue ask this)."""
    return {"ok": True}


@router.get("/collections", response_model=CollectionsOverview)
async def collections(admin: AdminDep):
    """Products and FAQ: counts, embedding model, sync watermark, the last pipeline run."""
    return await admin.overview()


@router.get("/collections/{kind}/items", response_model=ItemPage)
async def items(kind: Kind, admin: AdminDep, offset: int = Offset, limit: int = PageSize):
    """One page of a collection's stored items."""
    return await admin.page(kind, offset, limit)


@router.get("/collections/{kind}/items/{item_id}", response_model=StoredItem, responses=NOT_FOUND)
async def item(kind: Kind, item_id: str, admin: AdminDep):
    """An item's stored text (what is embedded and BM25-indexed) and metadata."""
    return await admin.item(kind, item_id)


@router.delete("/collections/{kind}/items/{item_id}", response_model=ChangeResult, responses=NOT_FOUND)
async def delete_item(kind: Kind, item_id: str, admin: AdminDep):
    """Remove an item from the index; the next chat turn no longer finds it."""
    return await admin.delete(kind, item_id)


@router.post("/products/{sku}/reembed", response_model=ChangeResult, responses=NOT_FOUND)
async def reembed(sku: str, admin: AdminDep):
    """Re-index one product from the shop's MongoDB (removed when it is gone or inactive there)."""
    return await admin.reembed(sku)


@router.post("/faq", response_model=ChangeResult)
async def add_faq(body: FaqInput, admin: AdminDep):
    """Add an FAQ entry (an existing one with the same question is updated)."""
    return await admin.put_faq(body)


@router.put("/faq/{item_id}", response_model=ChangeResult, responses=NOT_FOUND)
async def edit_faq(item_id: str, body: FaqInput, admin: AdminDep):
    """Edit an FAQ entry; a changed question moves it to the question's id."""
    return await admin.put_faq(body, replaces=item_id)


@router.post("/faq/import", response_model=CsvPlan, responses=error_responses(400))
async def import_faq(admin: AdminDep, file: UploadFile = File(...), dry_run: bool = Query(True)):
    """Upload a question,answer[,category] CSV: adds, updates and rejects (written unless dry_run)."""
    return await admin.import_faq_csv(await file.read(), dry_run)


@router.get("/search", response_model=SearchExplanation)
async def search(
    admin: AdminDep,
    q: str = Query(..., min_length=1, max_length=2000),
    kind: Kind = "products",
    limit: int = Query(10, ge=1, le=50),
):
    """Search with the chat's retriever, explained: dense rank, BM25 rank, fused score, parsed filters."""
    return await admin.explain(q, kind, limit)


@router.post("/try", response_model=TryResult, responses=error_responses(400, 502))
async def try_it(body: TryRequest, admin: AdminDep):
    """Run a chat turn and return what its answer was built from (state, filters, data, history, prompt)."""
    session_id = validated_session_id(body.session_id) if body.session_id else None
    return await admin.try_turn(body.message, session_id)


@router.get("/feedback", response_model=FeedbackPage)
async def feedback(
    admin: AdminDep,
    rating: Literal["up", "down"] | None = "down",
    offset: int = Offset,
    limit: int = PageSize,
    explain: bool = True,
):
    """Rated turns, newest first (👎 by default), each with how its question retrieves now."""
    return await admin.feedback(rating, offset, limit, explain)


@router.post("/feedback/{turn_id}/fix", response_model=FixResult, responses=NOT_FOUND)
async def fix(turn_id: str, body: FixInput, admin: AdminDep):
    """Write the right answer: it becomes an FAQ entry the next shopper asking the same gets at once."""
    return await admin.fix(turn_id, body)


@router.get("/health")
async def health(runtime: RuntimeDep, admin: AdminDep) -> dict:
    """Every dependency as in /health/ready, and the active LLM, STT and TTS engines and devices."""
    checks = await readiness_checks(runtime)
    return {"checks": checks, "engines": admin.engines().model_dump()}
