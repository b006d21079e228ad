"""Everything the app holds at run time, built in one place, and the background start-up
of its dependencies.

`Runtime` builds every service fully formed: speech at once, and the vector store, its
retriever and the chat service together as soon as the store answers (published at once,
so "collections ready" in /health/ready implies chat works). Until then `require_chat`
answers 503 not_ready.

A dependency that is down at startup (Chroma server not up yet, Redis restarting, Ollama
still loading) never crashes the server: it is retried with backoff and reported by
/health/ready until it answers.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import anyio

from llm_server.actions import ShopActions, build_shop_actions
from llm_server.admin.annotations import AnnotationIndex
from llm_server.admin.journal import TurnJournal
from llm_server.admin.service import AdminService
from llm_server.admin.turns import build_turn_log
from llm_server.chat.service import ChatDeps, ChatService
from llm_server.config import Settings
from llm_server.dialogue.gate import TopicGate
from llm_server.errors import AppError, NotReady
from llm_server.llm.base import LLMBackend
from llm_server.llm.registry import build_llm
from llm_server.rag import store as vector_store
from llm_server.rag.embeddings import Embedder, build_embedder
from llm_server.rag.factory import build_retriever
from llm_server.rag.ingest import seed_demo_data
from llm_server.rag.retriever import ShopRetriever
from llm_server.rag.store import ChromaStore, VectorStore
from llm_server.sessions import SessionStore, build_session_store
from llm_server.speech import SpeechService

log = logging.getLogger(__name__)


@dataclass
class DependencyStatus:
    ok: bool = False
    detail: str = "starting"
    attempts: int = 0
    since: float = field(default_factory=time.time)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "detail": self.detail, "attempts": self.attempts}


@dataclass
class StreamStats:
    active: int = 0
    completed: int = 0
    cancelled: int = 0
    failed: int = 0

    def to_dict(self) -> dict:
        return {"active": self.active, "completed": self.completed, "cancelled": self.cancelled, "failed": self.failed}


class Runtime:
    def __init__(
        self,
        settings: Settings,
        llm: LLMBackend | None = None,
        sessions: SessionStore | None = None,
        embedder: Embedder | None = None,
        client_factory: Callable[[Settings], object] = vector_store.connect,
        speech: SpeechService | None = None,
        actions: ShopActions | None = None,
    ):
        self.settings = settings
        self.llm = llm or build_llm(settings)
        self.sessions = sessions or build_session_store(settings)
        self.embedder = embedder or build_embedder(settings)
        self.speech = speech or SpeechService.from_settings(settings)
        self.actions = actions or build_shop_actions(settings)
        self.gate = TopicGate(threshold=settings.topic_gate_threshold)
        self.store: VectorStore | None = None
        self.retriever: ShopRetriever | None = None
        self.chat: ChatService | None = None
        self.turns = build_turn_log(settings)
        self.journal: TurnJournal | None = None
        self.admin = AdminService(self, self.turns)
        self.stats = StreamStats()
        self.status = {name: DependencyStatus() for name in ("llm", "vector_store", "sessions")}
        self._client_factory = client_factory
        self._tasks: list[asyncio.Task] = []
        #: Informational checks merged into /health/ready (voice); they never gate readiness.
        self.health_providers: list[Callable[[], dict]] = [self.speech.health]

    async def start(self) -> None:
        self._spawn("llm", self.llm.start)
        self._spawn("sessions", self.sessions.start)
        self._spawn("vector_store", self._open_store)
        # Voice never gates readiness: SpeechService.start records failures, never raises.
        self._tasks.append(asyncio.create_task(self.speech.start(), name="start-speech"))

    def _spawn(self, name: str, connect: Callable[[], Awaitable[None]]) -> None:
        self._tasks.append(asyncio.create_task(self._retry(name, connect), name=f"start-{name}"))

    async def _retry(self, name: str, connect: Callable[[], Awaitable[None]]) -> None:
        status, delay, last_error = self.status[name], 0.5, ""
        while True:
            status.attempts += 1
            status.detail = f"connecting (attempt {status.attempts})" + (f"; last error: {last_error}" if last_error else "")
            try:
                await connect()
            except Exception as exc:  # noqa: BLE001 - any failure is retried and reported
                last_error = status.detail = _describe(exc)
                log.warning("%s not available (attempt %d): %s; retrying in %.1fs", name, status.attempts, last_error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.settings.dependency_retry_max_s)
                continue
            status.ok, status.detail = True, "ok"
            log.info("%s ready", name)
            return

    async def _open_store(self) -> None:
        store = await anyio.to_thread.run_sync(self._connect_store)
        retriever = await anyio.to_thread.run_sync(build_retriever, self.settings, store)
        await anyio.to_thread.run_sync(self.gate.load)  # trained once, before the first shopper
        self.journal = TurnJournal(self.turns, AnnotationIndex(store, self.settings.faq_collection))
        chat = ChatService(ChatDeps(self.llm, retriever, self.sessions, self.journal, self.gate, self.actions), self.settings)
        # Published together, so "collections ready" in /health/ready implies chat works.
        self.store, self.retriever, self.chat = store, retriever, chat

    def _connect_store(self) -> VectorStore:
        store = ChromaStore(self._client_factory(self.settings), self.embedder, self.settings.chroma_min_free_mb)
        store.heartbeat()
        for name in (self.settings.products_collection, self.settings.faq_collection):
            store.collection(name)  # raises on an embedding-model mismatch
        if self.settings.load_demo_data:
            written = seed_demo_data(store, self.settings.products_collection, self.settings.faq_collection, self.settings.demo_data_dir)
            log.info("demo data seeded: %s", written)
        self.embedder.embed_query("warm-up")  # load the model before the first shopper waits on it
        return store

    def require_chat(self) -> ChatService:
        self._require_store()
        return self.chat  # type: ignore[return-value] - published with the store

    def require_retriever(self) -> ShopRetriever:
        self._require_store()
        return self.retriever  # type: ignore[return-value]

    def require_store(self) -> VectorStore:
        self._require_store()
        return self.store  # type: ignore[return-value]

    def _require_store(self) -> None:
        if self.store is None:
            raise NotReady(
                "상품 정보를 불러오는 중입니다. 잠시 후 다시 시도해 주세요.",
                detail=f"vector store not ready: {self.status['vector_store'].detail}",
            )

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.llm.close()
        await self.sessions.close()
        await self.turns.close()
        await self.actions.aclose()


def _describe(exc: Exception) -> str:
    if isinstance(exc, AppError):
        return exc.detail
    return f"{type(exc).__name__}: {exc}"[:300]
