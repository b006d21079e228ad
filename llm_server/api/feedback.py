"""Shoppers' 👍/👎 on an answer, from the widget."""

from __future__ import annotations

from fastapi import APIRouter

from llm_server.admin.models import FeedbackInput, FeedbackSaved
from llm_server.api.admin import AdminDep
from llm_server.api.openapi import error_responses

router = APIRouter(tags=["feedback"])


@router.post("/feedback", status_code=201, response_model=FeedbackSaved, responses=error_responses(404, 422, 503))
async def rate_answer(body: FeedbackInput, admin: AdminDep):
    """Rate an answer by the `turn_id` of its done event: up or down, with an optional comment."""
    turn = await admin.rate(body.turn_id, body.rating, body.comment)
    return FeedbackSaved(turn_id=turn.turn_id, rating=turn.rating)
