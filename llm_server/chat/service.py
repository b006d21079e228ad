"""One chat turn: retrieve, answer (grounded template or LLM stream), remember."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio

from llm_server.chat import events
from llm_server.chat.events import ChatEvent
from llm_server.chat.grounded import grounded_answer, split_for_streaming
from llm_server.chat.memory import conversational_reply
from llm_server.chat.prompt import build_messages, leaks_system_prompt
from llm_server.config import Settings
from llm_server.errors import AppError, EmptyMessage, NotReady, PayloadTooLarge, ServiceUnavailable
from llm_server.llm.base import ChatMessage, GenerationOptions, LLMBackend
from llm_server.rag.retriever import RetrievalResult, ShopRetriever
from llm_server.sessions.base import SessionStore

log = logging.getLogger(__name__)
LEAK_REPLACEMENT = "죄송하지만 그 요청에는 답변드릴 수 없어요. 상품이나 주문에 대해 물어봐 주세요."


@dataclass
class ChatDeps:
    llm: LLMBackend
    retriever: ShopRetriever | None
    sessions: SessionStore


class ChatService:
    def __init__(self, deps: ChatDeps, settings: Settings):
        self._deps = deps
        self._settings = settings

    def attach_retriever(self, retriever: ShopRetriever) -> None:
        self._deps.retriever = retriever

    def _retriever(self) -> ShopRetriever:
        if self._deps.retriever is None:
            raise NotReady("검색 저장소에 연결 중입니다. 잠시 후 다시 시도해 주세요. / Vector store not ready.")
        return self._deps.retriever

    def validate(self, message: str) -> str:
        if not message or not message.strip():
            raise EmptyMessage()
        if len(message) > self._settings.max_message_chars:
            raise PayloadTooLarge(
                f"메시지는 {self._settings.max_message_chars}자 이하로 입력해 주세요. / "
                f"Message exceeds {self._settings.max_message_chars} characters.",
                code="message_too_long",
            )
        return message.strip()

    def answer_mode(self, result: RetrievalResult) -> str:
        if result.intent != "shop":
            return "grounded"
        if self._settings.answer_mode != "auto":
            return self._settings.answer_mode
        return "generate" if self._deps.llm.trustworthy_prose else "grounded"

    async def stream(self, message: str, session_id: str) -> AsyncIterator[ChatEvent]:
        """The turn as events: meta, token..., done (or error). Validates first."""
        question = self.validate(message)
        retriever = self._retriever()
        started = time.perf_counter()
        history = await self._sessions(self._deps.sessions.history(session_id))
        result = await anyio.to_thread.run_sync(retriever.retrieve, question)
        retrieval_ms = _ms(started)
        mode = self.answer_mode(result)
        remembered = conversational_reply(question, history) if mode == "grounded" else None
        if remembered:
            result = RetrievalResult(intent="conversation", suggestions=result.suggestions)
        yield events.meta(session_id=session_id, answer_mode=mode, **_meta_fields(result))

        pieces: list[str] = []
        first_token_at = None
        try:
            async for piece in self._answer(question, history, result, mode, remembered):
                first_token_at = first_token_at or time.perf_counter()
                pieces.append(piece)
                yield events.token(piece)
        except AppError as exc:
            yield events.error(exc.code, exc.message)
            return
        except Exception:  # noqa: BLE001 - the stream has started: report as an event
            log.exception("generation failed")
            yield events.error("llm_failed", "답변 생성 중 오류가 발생했습니다. 다시 시도해 주세요.")
            return

        answer = "".join(pieces).strip()
        try:
            await self._sessions(
                self._deps.sessions.append(session_id, ChatMessage("user", question), ChatMessage("assistant", answer))
            )
        except AppError as exc:
            yield events.error(exc.code, exc.message)
            return
        yield events.done(
            session_id=session_id,
            timings={
                "retrieval_ms": retrieval_ms,
                "ttft_ms": _ms(started, first_token_at) if first_token_at else None,
                "total_ms": _ms(started),
                "tokens": len(pieces),
            },
        )

    async def _answer(
        self, question: str, history: list[ChatMessage], result: RetrievalResult, mode: str, remembered: str | None
    ) -> AsyncIterator[str]:
        if mode == "grounded":
            for piece in split_for_streaming(remembered or grounded_answer(result)):
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

    async def history(self, session_id: str) -> list[ChatMessage]:
        return await self._sessions(self._deps.sessions.history(session_id))

    async def forget(self, session_id: str) -> bool:
        return await self._sessions(self._deps.sessions.delete(session_id))

    @staticmethod
    async def _sessions(call):
        """Session-store outages become a 503 / error event, never a 500."""
        try:
            return await call
        except AppError:
            raise
        except Exception as exc:  # noqa: BLE001 - redis.ConnectionError, timeouts, ...
            log.warning("session store failed: %s", exc)
            raise ServiceUnavailable(
                "대화 기록 저장소에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요. / Session store unavailable.",
                code="sessions_unavailable",
            ) from None


def _meta_fields(result: RetrievalResult) -> dict:
    return {
        "products": result.products,
        "faq": result.faq,
        "filters": result.filters,
        "off_topic": result.off_topic,
        "intent": result.intent,
        "alternatives": result.alternatives,
        "suggestions": result.suggestions,
        "notes": result.notes,
    }


def _ms(start: float, end: float | None = None) -> float:
    return round(((end or time.perf_counter()) - start) * 1000, 1)


async def collect(stream: AsyncIterator[ChatEvent]) -> dict:
    """A whole turn as one JSON object (POST /chat)."""
    body: dict = {"answer": ""}
    async for event in stream:
        if event.event == "meta":
            body.update(event.data)
        elif event.event == "token":
            body["answer"] += event.data["text"]
        elif event.event == "done":
            body["timings"] = event.data["timings"]
        elif event.event == "error":
            raise _StreamFailed(event.data)
    body["answer"] = body["answer"].strip()
    return body


class _StreamFailed(AppError):
    """An error event of a turn collected as JSON: 503 when a dependency is down, else 502."""

    def __init__(self, data: dict):
        super().__init__(data["message"], code=data["code"])
        self.status_code = 503 if data["code"].endswith(("unavailable", "not_ready")) else 502
