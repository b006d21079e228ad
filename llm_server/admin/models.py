"""Typed shapes of the admin API (they document /openapi.json under the `admin` tag)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from llm_server.admin.turns import Rating, TurnRecord
from llm_server.protocol import Filters

Kind = Literal["products", "faq"]


class CollectionInfo(BaseModel):
    kind: Kind
    name: str
    count: int
    embedding_model: str | None = None
    index_version: str = ""
    sync_watermark: str | None = Field(None, description="Newest updatedAt the pipeline has written (products)")
    last_run: dict[str, Any] | None = Field(None, description="The last embedding-pipeline run's result")


class CollectionsOverview(BaseModel):
    embedder: str
    retrieval_mode: str
    collections: list[CollectionInfo]


class ItemSummary(BaseModel):
    id: str
    title: str = Field(..., description="Product name or FAQ question")
    detail: str = Field("", description="Price and stock, or the FAQ category")
    source: str | None = Field(None, description="`annotation` for an operator's fix")


class ItemPage(BaseModel):
    kind: Kind
    total: int
    offset: int
    items: list[ItemSummary]


class StoredItem(BaseModel):
    kind: Kind
    id: str
    document: str = Field(..., description="The text that is embedded and BM25-indexed")
    metadata: dict[str, Any]


class ExplainedResult(BaseModel):
    id: str
    title: str
    dense_rank: int | None = None
    dense_score: float | None = None
    bm25_rank: int | None = None
    bm25_score: float | None = None
    fused_score: float = Field(..., description="Reciprocal rank fusion of both ranks, 0..1")


class SearchExplanation(BaseModel):
    query: str
    kind: Kind
    retrieval_mode: str = Field(..., description="The ranking the chat uses (RETRIEVAL_MODE)")
    dense_weight: float
    rrf_k: int
    filters: Filters = Field(default_factory=Filters, description="Parsed from the query (products only)")
    notes: list[str] = Field(default_factory=list)
    results: list[ExplainedResult]


class FaqInput(BaseModel):
    question: str = Field(..., min_length=1, max_length=1000)
    answer: str = Field(..., min_length=1, max_length=4000)
    category: str = Field("", max_length=100)


class ChangeResult(BaseModel):
    kind: Kind
    id: str
    action: Literal["added", "updated", "deleted", "removed", "unchanged"]
    index_version: str


class CsvRow(BaseModel):
    line: int
    question: str = ""
    id: str | None = None
    action: Literal["add", "update", "unchanged", "reject"]
    reason: str | None = None


class CsvPlan(BaseModel):
    dry_run: bool
    adds: int
    updates: int
    unchanged: int
    rejects: int
    rows: list[CsvRow]
    index_version: str | None = None


class TryRequest(BaseModel):
    message: str = Field(..., min_length=1, max_length=2000)
    session_id: str | None = Field(None, description="Reuse to try a multi-turn conversation")


class PromptMessage(BaseModel):
    role: str
    content: str


class TryResult(BaseModel):
    session_id: str
    question: str
    answer: str
    turn_id: str | None = None
    meta: dict[str, Any] = Field(..., description="The turn's meta event: filters, products, FAQ, intent, state")
    history: list[PromptMessage] = Field(default_factory=list, description="History turns before this one")
    prompt: list[PromptMessage] | None = Field(None, description="Messages sent to the LLM (generate mode)")
    timings: dict[str, Any] = Field(default_factory=dict)


class FeedbackInput(BaseModel):
    turn_id: str = Field(..., min_length=1, max_length=64)
    rating: Rating
    comment: str | None = Field(None, max_length=1000)


class FeedbackSaved(BaseModel):
    turn_id: str
    rating: Rating


class FeedbackItem(BaseModel):
    turn: TurnRecord
    explanation: SearchExplanation | None = Field(None, description="How the question retrieves now")


class FeedbackPage(BaseModel):
    total: int
    items: list[FeedbackItem]


class FixInput(BaseModel):
    answer: str = Field(..., min_length=1, max_length=4000)
    question: str | None = Field(None, max_length=1000, description="Defaults to the shopper's question")
    category: str = Field("", max_length=100)


class FixResult(BaseModel):
    turn_id: str
    faq_id: str
    index_version: str


class EngineInfo(BaseModel):
    llm: dict[str, Any]
    stt: dict[str, Any]
    tts: dict[str, Any]
    embedder: str
    answer_mode: str
    turn_log: str
