"""AdminService: everything the console does, over the runtime's own services.

Built once by the Runtime (before the vector store is up); each call reaches the store,
retriever and chat through the runtime, so it answers 503 not_ready until they exist.
"""

from __future__ import annotations

import time

import anyio

from llm_server.admin import faq_csv
from llm_server.admin.catalog import Catalog, nfc
from llm_server.admin.errors import TurnNotFound
from llm_server.admin.explain import Rankers, explain
from llm_server.admin.models import (
    ChangeResult,
    CollectionsOverview,
    CsvPlan,
    EngineInfo,
    FaqInput,
    FeedbackItem,
    FeedbackPage,
    FixInput,
    FixResult,
    ItemPage,
    Kind,
    SearchExplanation,
    StoredItem,
    TryResult,
)
from llm_server.admin.shop_source import ProductSource, mongo_product
from llm_server.admin.tryit import try_turn
from llm_server.admin.turns import Rating, TurnLog, TurnRecord
from llm_server.config import Settings
from llm_server.rag.factory import collections_for
from llm_server.rag.hybrid import HybridSearcher
from llm_server.rag.retriever import DenseSearcher
from llm_server.sessions import new_session_id


class AdminService:
    def __init__(self, runtime, turns: TurnLog, product_source: ProductSource = mongo_product):
        self.runtime = runtime
        self.settings: Settings = runtime.settings
        self.turns = turns
        self.product_source = product_source

    # --- building blocks, available once the store is up ---
    def catalog(self) -> Catalog:
        return Catalog(self.runtime.require_store(), collections_for(self.settings), self._changed)

    def _changed(self, kind: Kind) -> None:
        """Make a write visible to the next chat turn now, not after the refresh throttle."""
        retriever = self.runtime.require_retriever()
        if retriever.lexical is not None:
            retriever.lexical.refresh(force=True)
        retriever.refresh(force=True)
        if kind == "faq" and self.runtime.journal is not None:
            self.runtime.journal.annotations.invalidate()

    def rankers(self) -> Rankers:
        retriever = self.runtime.require_retriever()
        dense = getattr(retriever.searcher, "dense", None) or DenseSearcher(
            self.runtime.require_store(), collections_for(self.settings)
        )
        hybrid = retriever.searcher if isinstance(retriever.searcher, HybridSearcher) else None
        return Rankers(dense, retriever.lexical, self.settings.retrieval_mode, self.settings.hybrid_dense_weight, hybrid=hybrid)

    # --- collections, browse, edit ---
    async def overview(self) -> CollectionsOverview:
        catalog = self.catalog()
        infos = [await anyio.to_thread.run_sync(catalog.info, kind) for kind in ("products", "faq")]
        return CollectionsOverview(
            embedder=self.runtime.embedder.name, retrieval_mode=self.settings.retrieval_mode, collections=infos
        )

    async def page(self, kind: Kind, offset: int, limit: int) -> ItemPage:
        return await anyio.to_thread.run_sync(self.catalog().page, kind, offset, limit)

    async def item(self, kind: Kind, item_id: str) -> StoredItem:
        return await anyio.to_thread.run_sync(self.catalog().item, kind, item_id)

    async def delete(self, kind: Kind, item_id: str) -> ChangeResult:
        return await anyio.to_thread.run_sync(self.catalog().delete, kind, item_id)

    async def reembed(self, sku: str) -> ChangeResult:
        catalog = self.catalog()
        product = await anyio.to_thread.run_sync(self.product_source, sku)
        return await anyio.to_thread.run_sync(catalog.put_product, sku, product)

    async def put_faq(self, entry: FaqInput, replaces: str | None = None) -> ChangeResult:
        return await anyio.to_thread.run_sync(lambda: self.catalog().put_faq(entry, replaces))

    async def import_faq_csv(self, data: bytes, dry_run: bool) -> CsvPlan:
        return await anyio.to_thread.run_sync(faq_csv.import_csv, self.catalog(), data, dry_run)

    async def explain(self, query: str, kind: Kind, limit: int) -> SearchExplanation:
        return await anyio.to_thread.run_sync(explain, self.rankers(), query, kind, limit)

    # --- try it ---
    async def try_turn(self, message: str, session_id: str | None) -> TryResult:
        chat = self.runtime.require_chat()
        return await try_turn(chat, self.runtime.sessions, message, session_id or "admin-try-" + new_session_id())

    # --- feedback ---
    async def rate(self, turn_id: str, rating: Rating, comment: str | None) -> TurnRecord:
        turn = await self._turn(turn_id)
        comment = nfc(comment or "") or None
        rated = turn.model_copy(update={"rating": rating, "comment": comment, "rated_at": time.time()})
        await self.turns.save_rated(rated)
        return rated

    async def feedback(self, rating: Rating | None, offset: int, limit: int, explained: bool) -> FeedbackPage:
        turns, total = await self.turns.rated(rating, limit, offset)
        items = [FeedbackItem(turn=t, explanation=await self._explained(t) if explained else None) for t in turns]
        return FeedbackPage(total=total, items=items)

    async def _explained(self, turn: TurnRecord) -> SearchExplanation | None:
        kind: Kind = "products" if turn.products or not turn.faq else "faq"
        return await self.explain(turn.question, kind, 5)

    async def fix(self, turn_id: str, fix: FixInput) -> FixResult:
        """The operator's right answer becomes an annotated FAQ entry for the shopper's question."""
        turn = await self._turn(turn_id)
        entry = FaqInput(question=fix.question or turn.question, answer=fix.answer, category=fix.category)
        change = await anyio.to_thread.run_sync(lambda: self.catalog().put_faq(entry, annotation=True))
        await self.turns.save_rated(
            turn.model_copy(update={"fixed_faq_id": change.id, "rated_at": turn.rated_at or time.time()})
        )
        return FixResult(turn_id=turn_id, faq_id=change.id, index_version=change.index_version)

    async def _turn(self, turn_id: str) -> TurnRecord:
        turn = await self.turns.get(turn_id)
        if turn is None:
            raise TurnNotFound()
        return turn

    # --- health ---
    def engines(self) -> EngineInfo:
        llm = self.runtime.llm
        speech = self.runtime.speech.health()
        return EngineInfo(
            llm={"backend": llm.name, "model": llm.model, "device": llm_device(self.settings, llm.name)},
            stt=speech["stt"],
            tts=speech["tts"],
            embedder=self.runtime.embedder.name,
            answer_mode=self.settings.answer_mode,
            turn_log=self.turns.name,
        )


def llm_device(settings: Settings, backend: str) -> str:
    if backend == "llamacpp":
        return "gpu" if settings.llamacpp_n_gpu_layers else "cpu"
    if backend == "ollama":
        return f"ollama at {settings.ollama_url}"
    return f"remote ({settings.openai_base_url or backend})"
