"""Builds the one LLM backend the app uses, from settings, once at startup."""

from __future__ import annotations

from collections.abc import Callable

from llm_server.config import Settings
from llm_server.llm.base import LLMBackend

BackendFactory = Callable[[Settings], LLMBackend]


def _llamacpp(settings: Settings) -> LLMBackend:
    from llm_server.llm.llamacpp import LlamaCppBackend

    return LlamaCppBackend(settings)


def _ollama(settings: Settings) -> LLMBackend:
    from llm_server.llm.ollama import OllamaBackend

    return OllamaBackend(settings)


def _openai(settings: Settings) -> LLMBackend:
    from llm_server.llm.openai_compat import OpenAICompatBackend

    return OpenAICompatBackend(settings)


BACKENDS: dict[str, BackendFactory] = {
    "llamacpp": _llamacpp,
    "ollama": _ollama,
    "openai": _openai,
}


def resolve_backend_name(settings: Settings) -> str:
    if settings.llm_backend != "auto":
        return settings.llm_backend
    return "ollama" if settings.ollama_host else "llamacpp"


def build_llm(settings: Settings) -> LLMBackend:
    return BACKENDS[resolve_backend_name(settings)](settings)
