"""The one contract every LLM backend implements, and the one rule for trusting its prose."""

from __future__ import annotations

import re
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


TrustSetting = Literal["auto", "true", "false"]
#: Below this many parameters (billions) a model's free prose is not shown to shoppers.
MIN_TRUSTED_PARAMS_B = 1.0
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([bm])(?![a-z])")
_INSTRUCT = re.compile(r"(-it\b|:it\b|instruct|chat)")


@dataclass(frozen=True)
class ModelInfo:
    """What a backend reports about its model: size and whether it follows instructions."""

    params_b: float | None = None
    instruction_tuned: bool = True


def model_info_from_name(name: str) -> ModelInfo:
    """Read size and tuning from a model's name, the metadata every backend has:
    'gemma3:12b-it-qat' -> 12B instruct; 'gemma-3-270m-q4_k_m' -> 0.27B base;
    'Llama-3.1-8B-Instruct' -> 8B instruct. An empty name says nothing (trusted)."""
    lowered = name.lower()
    match = _SIZE.search(lowered)
    params_b = None
    if match:
        value = float(match.group(1))
        params_b = value if match.group(2) == "b" else value / 1000
    return ModelInfo(params_b=params_b, instruction_tuned=not name or bool(_INSTRUCT.search(lowered)))


def prose_trusted(setting: TrustSetting, info: ModelInfo) -> bool:
    """LLM_TRUSTED_PROSE: `true`/`false` decide; `auto` (the default) trusts an
    instruction-tuned model unless it is known to have fewer than 1B parameters."""
    if setting != "auto":
        return setting == "true"
    small = info.params_b is not None and info.params_b < MIN_TRUSTED_PARAMS_B
    return info.instruction_tuned and not small


class LLMBackend(ABC):
    """A chat model that streams text.

    `stream_chat` is the only required generation method (`complete` is derived from it);
    `model_info` reports what the trust rule (`prose_trusted`) decides on.
    """

    name: str = "base"
    #: Reported model metadata (set from the served model's name unless a backend knows better).
    instruction_tuned: bool = True
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
    def model_info(self) -> ModelInfo:
        return ModelInfo(params_b=self.params_b, instruction_tuned=self.instruction_tuned)

    def describe_model(self, name: str) -> None:
        """Record what `name` says about the model (size, instruction tuning)."""
        info = model_info_from_name(name)
        self.params_b, self.instruction_tuned = info.params_b, info.instruction_tuned
