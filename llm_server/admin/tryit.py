"""Try it: run one real chat turn and show what its answer was built from.

The turn goes through the chat service itself; only its LLM is wrapped by `PromptCapture`,
which records the messages the model was given (generate mode) and otherwise delegates.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

from llm_server.admin.models import PromptMessage, TryResult
from llm_server.chat.service import ChatService, StreamFailed
from llm_server.llm.base import BackendHealth, ChatMessage, GenerationOptions, LLMBackend, ModelInfo
from llm_server.protocol import DoneEvent, ErrorEvent, MetaEvent, TokenEvent
from llm_server.sessions import SessionStore


class PromptCapture(LLMBackend):
    """The real backend, recording what it was asked."""

    def __init__(self, inner: LLMBackend):
        self.inner = inner
        self.name = inner.name
        self.prompt_budget = inner.prompt_budget
        self.prompts: list[list[ChatMessage]] = []

    @property
    def model(self) -> str:
        return self.inner.model

    @property
    def model_info(self) -> ModelInfo:
        return self.inner.model_info

    def stream_chat(self, messages: list[ChatMessage], options: GenerationOptions) -> AsyncIterator[str]:
        self.prompts.append(list(messages))
        return self.inner.stream_chat(messages, options)

    async def health(self) -> BackendHealth:
        return await self.inner.health()


def capturing(chat: ChatService) -> tuple[ChatService, PromptCapture]:
    """A chat service identical to `chat` but for the prompt capture around its LLM."""
    deps = chat._deps  # noqa: SLF001 - the same dependencies, one wrapped
    capture = PromptCapture(deps.llm)
    return ChatService(replace(deps, llm=capture), chat._settings), capture  # noqa: SLF001


async def try_turn(chat: ChatService, sessions: SessionStore, message: str, session_id: str) -> TryResult:
    history = await sessions.history(session_id)
    service, capture = capturing(chat)
    meta, pieces, done = None, [], None
    async for event in service.stream(message, session_id):
        if isinstance(event, MetaEvent):
            meta = event
        elif isinstance(event, TokenEvent):
            pieces.append(event.text)
        elif isinstance(event, DoneEvent):
            done = event
        elif isinstance(event, ErrorEvent):
            raise StreamFailed(event)
    prompt = [PromptMessage(role=m.role, content=m.content) for m in capture.prompts[-1]] if capture.prompts else None
    return TryResult(
        session_id=session_id,
        question=message,
        answer="".join(pieces).strip(),
        turn_id=getattr(done, "turn_id", None),
        meta=meta.data if meta else {},
        history=[PromptMessage(role=m.role, content=m.content) for m in history],
        prompt=prompt,
        timings=done.timings.model_dump() if done else {},
    )
