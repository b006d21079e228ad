"""One chat turn: retrieve, answer (extractive template or LLM stream), remember."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from typing import TypeVar

from llm_server.actions.base import ShopActions
from llm_server.admin.journal import TurnJournal
from llm_server.chat.extractive import extractive_answer, split_for_streaming
from llm_server.chat.prompt import build_messages, leaks_system_prompt
from llm_server.chat.turn import Turn, TurnBuilder
from llm_server.config import Settings
from llm_server.dialogue.frames import nfc
from llm_server.dialogue.gate import TopicGate
from llm_server.dialogue.rewrite import QueryRewriter
from llm_server.dialogue.state import DialogueState
from llm_server.errors import AppError, EmptyMessage, PayloadTooLarge, ServiceUnavailable
from llm_server.llm.base import ChatMessage, GenerationOptions, LLMBackend, prose_trusted
from llm_server.protocol import (
    AnswerMode,
    ChatResponse,
    DoneEvent,
    ErrorEvent,
    MetaEvent,
    StreamEvent,
    Timings,
    TokenEvent,
)
from llm_server.rag.retriever import RetrievalResult, ShopRetriever
from llm_server.request_id import current_request_id
from llm_server.sessions.base import SessionStore

log = logging.getLogger(__name__)
LEAK_REPLACEMENT = "죄송하지만 그 요청에는 답변드릴 수 없어요. 상품이나 주문에 대해 물어봐 주세요."
LLM_FAILED = ErrorEvent(code="llm_failed", message="답변 생성 중 오류가 발생했습니다. 다시 시도해 주세요.")
T = TypeVar("T")


@dataclass(frozen=True)
class ChatDeps:
    llm: LLMBackend
    retriever: ShopRetriever
    sessions: SessionStore
    journal: TurnJournal | None = None  # annotation replies + the turn log (admin console)
    gate: TopicGate | None = None  # None: every message is a shop message
    actions: ShopActions | None = None  # None: action requests get the contact channels


class ChatService:
    def __init__(self, deps: ChatDeps, settings: Settings):
        self._deps = deps
        self._settings = settings
        rewriter = QueryRewriter(deps.llm, settings.query_rewrite_timeout_s) if settings.query_rewrite else None
        self._turns = TurnBuilder(
            deps.retriever, deps.gate, deps.actions, settings, generates=self.generates, rewriter=rewriter
        )

    def generates(self) -> bool:
        """True when shop answers are written by the LLM (generate mode), not templates."""
        return self.answer_mode(RetrievalResult()) == "generate"

    def validate(self, message: str) -> str:
        if not message or not message.strip():
            raise EmptyMessage()
        limit = self._settings.max_message_chars
        if len(message) > limit:
            raise PayloadTooLarge(
                f"메시지는 {limit}자 이하로 입력해 주세요.",
                code="message_too_long",
                detail=f"message exceeds {limit} characters",
            )
        return message.strip()

    def answer_mode(self, result: RetrievalResult) -> AnswerMode:
        if result.intent != "shop":
            return "extractive"
        if self._settings.answer_mode != "auto":
            return self._settings.answer_mode
        trusted = prose_trusted(self._settings.llm_trusted_prose, self._deps.llm.model_info)
        return "generate" if trusted else "extractive"

    async def stream(self, message: str, session_id: str) -> AsyncIterator[StreamEvent]:
        """The turn as events: meta, token..., done (or error). Validates first.

        interpret (frame + dialogue state) -> act or retrieve -> answer -> remember.
        """
        question = nfc(self.validate(message))
        started = time.perf_counter()
        history = await guarded_sessions(self._deps.sessions.history(session_id))
        state = DialogueState.from_json(await guarded_sessions(self._deps.sessions.state(session_id)))
        turn = await self._turns.build(question, history, state, session_id)
        result, remembered = turn.result, turn.reply
        retrieval_ms = _ms(started)
        mode = self.answer_mode(result) if remembered is None else "extractive"
        if annotated := self._deps.journal and self._deps.journal.annotation(question):
            mode, remembered = "extractive", annotated.answer
            result = RetrievalResult(faq=[annotated], suggestions=result.suggestions, wants_products=False)
        meta = meta_event(session_id, mode, result, turn)
        yield meta

        pieces: list[str] = []
        first_token_at = None
        try:
            async for piece in self._answer(question, history, result, mode, remembered):
                first_token_at = first_token_at or time.perf_counter()
                pieces.append(piece)
                yield TokenEvent(text=piece)
        except AppError as exc:
            log.warning("generation failed: %s (%s)", exc.code, exc.detail)
            yield ErrorEvent(code=exc.code, message=exc.message)
            return
        except Exception:  # noqa: BLE001 - the stream has started: report as an event
            log.exception("generation failed")
            yield LLM_FAILED
            return

        answer = "".join(pieces).strip()
        try:
            await guarded_sessions(
                self._deps.sessions.append(session_id, ChatMessage("user", question), ChatMessage("assistant", answer))
            )
            await guarded_sessions(self._deps.sessions.save_state(session_id, turn.state.to_json()))
        except AppError as exc:
            yield ErrorEvent(code=exc.code, message=exc.message)
            return
        timings = Timings(
            retrieval_ms=retrieval_ms,
            ttft_ms=_ms(started, first_token_at) if first_token_at else None,
            total_ms=_ms(started),
            tokens=len(pieces),
        )
        turn_id = await self._deps.journal.record(meta, question, answer, bool(annotated)) if self._deps.journal else None
        yield DoneEvent(session_id=session_id, timings=timings, request_id=current_request_id(), turn_id=turn_id)

    async def _answer(
        self, question: str, history: list[ChatMessage], result: RetrievalResult, mode: AnswerMode, remembered: str | None
    ) -> AsyncIterator[str]:
        if mode == "extractive":
            text = remembered or extractive_answer(result, self._settings.faq_confident_score)
            for piece in split_for_streaming(text):
                yield piece
                await asyncio.sleep(0)
            return
        messages = build_messages(question, history, result, self._settings.history_turns, self._deps.llm.prompt_budget)
        async for piece in self._guarded(self._deps.llm.stream_chat(messages, self._options())):
            yield piece

    async def _guarded(self, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        """Stop a generation that starts reciting the system prompt."""
        so_far = ""
        async for piece in pieces:
            so_far += piece
            if leaks_system_prompt(so_far):
                yield "\n" + LEAK_REPLACEMENT
                return
            yield piece

    def _options(self) -> GenerationOptions:
        s = self._settings
        return GenerationOptions(temperature=s.llm_temperature, max_tokens=s.llm_max_tokens, num_ctx=s.llm_num_ctx)


def meta_event(session_id: str, mode: AnswerMode, result: RetrievalResult, turn: Turn | None = None) -> MetaEvent:
    extra = dict(turn.extra_meta) if turn else {}
    return MetaEvent(
        **extra,
        carried_over=bool(turn and turn.carried_over),
        state=_public_state(turn.state) if turn else None,
        session_id=session_id,
        answer_mode=mode,
        products=result.products,
        faq=result.faq,
        filters=result.filters,
        off_topic=result.off_topic,
        intent=result.intent,
        alternatives=result.alternatives,
        suggestions=result.suggestions,
        notes=result.notes,
    )


def _public_state(state: DialogueState) -> dict:
    """The dialogue state as clients see it: the active query and the SKUs shown."""
    return {
        "query": state.query.filters(),
        "shown": [p.sku for p in state.shown],
        "last_faq": state.last_faq,
    }


async def guarded_sessions(call: Awaitable[T]) -> T:
    """Session-store outages become a 503 / error event, never a 500."""
    try:
        return await call
    except AppError:
        raise
    except Exception as exc:  # noqa: BLE001 - redis.ConnectionError, timeouts, ...
        log.warning("session store failed: %s", exc)
        raise ServiceUnavailable(
            "대화 기록 저장소에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
            code="sessions_unavailable",
            detail=f"session store unavailable: {exc}",
        ) from None


def _ms(start: float, end: float | None = None) -> float:
    return round(((end or time.perf_counter()) - start) * 1000, 1)


async def collect(stream: AsyncIterator[StreamEvent]) -> ChatResponse:
    """A whole turn as one object (POST /chat)."""
    meta: MetaEvent | None = None
    pieces: list[str] = []
    async for event in stream:
        if isinstance(event, MetaEvent):
            meta = event
        elif isinstance(event, TokenEvent):
            pieces.append(event.text)
        elif isinstance(event, DoneEvent):
            assert meta is not None, "a turn's first event is meta"
            return ChatResponse(
                **dict(meta),
                answer="".join(pieces).strip(),
                timings=event.timings,
                request_id=event.request_id,
                turn_id=event.turn_id,
            )
        elif isinstance(event, ErrorEvent):
            raise StreamFailed(event)
    raise StreamFailed(LLM_FAILED)


class StreamFailed(AppError):
    """An error event of a turn collected as JSON: 503 when a dependency is down, else 502."""

    def __init__(self, event: ErrorEvent):
        super().__init__(event.message, code=event.code)
        self.status_code = 503 if event.code.endswith(("unavailable", "not_ready")) else 502
