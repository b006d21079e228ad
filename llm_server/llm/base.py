"""The one contract every LLM backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str


@dataclass(frozen=True)
class GenerationOptions:
    temperature: float = 0.3
    max_tokens: int = 256
    num_ctx: int = 4096
    stop: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PromptBudget:
    """How much retrieved context a backend can prefill quickly (CPU prefill is the TTFT)."""

    products: int = 4
    faq: int = 3
    description_chars: int = 160
    answer_chars: int = 400
    history_turns: int = 6  # capped again by HISTORY_TURNS


@dataclass
class BackendHealth:
    ok: bool
    detail: str
    model: str = ""
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "detail": self.detail, "model": self.model, **self.extra}


class LLMBackend(ABC):
    """A chat model that streams text.

    Capabilities are class attributes; `stream_chat` is the only required generation
    method, `complete` is derived from it.
    """

    name: str = "base"
    #: True for instruction-tuned models of a size whose free prose can be trusted.
    instruction_tuned: bool = True
    #: Parameter count in billions when known (drives ANSWER_MODE=auto).
    params_b: float | None = None
    #: Retrieved context per prompt; GPU servers afford the default, a CPU model less.
    prompt_budget: PromptBudget = PromptBudget()

    @property
    @abstractmethod
    def model(self) -> str: ...

    async def start(self) -> None:  # noqa: B027 - optional hook
        """Load or connect to the model; may raise (the app retries with backoff)."""

    async def close(self) -> None:  # noqa: B027 - optional hook
        """Release the model."""

    @abstractmethod
    def stream_chat(
        self, messages: list[ChatMessage], options: GenerationOptions
    ) -> AsyncIterator[str]:
        """Yield the answer's text pieces as the model produces them."""

    @abstractmethod
    async def health(self) -> BackendHealth: ...

    async def complete(self, messages: list[ChatMessage], options: GenerationOptions) -> str:
        return "".join([piece async for piece in self.stream_chat(messages, options)])

    @property
    def trustworthy_prose(self) -> bool:
        """Whether free generation is good enough to show shoppers (else: grounded answers)."""
        small = self.params_b is not None and self.params_b < 1.0
        return self.instruction_tuned and not small
