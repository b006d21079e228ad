"""faster-whisper (CTranslate2) speech-to-text. The library is imported here only."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np

from llm_server.speech.errors import UnsupportedLanguage
from llm_server.speech.stt.base import Segment, STTEngine, Transcript
from llm_server.speech.stt.hallucinations import drop_hallucinations
from llm_server.speech.stt.models import resolve_model

log = logging.getLogger(__name__)

BEAM_SIZE = 5
# No temperature fallback: on unclear audio it re-decodes up to 5 more times (3x the
# latency measured on 2 cores) to turn garbage into other garbage; repetition loops that
# the fallback would retry are dropped by the hallucination filter instead.
TEMPERATURE = 0.0


def cuda_available() -> bool:
    try:
        import ctranslate2

        return ctranslate2.get_cuda_device_count() > 0
    except Exception:  # a broken CUDA runtime means: no CUDA
        return False


def resolve_device(device: str) -> str:
    if device != "auto":
        return device
    return "cuda" if cuda_available() else "cpu"


def resolve_compute_type(compute_type: str, device: str) -> str:
    if compute_type != "auto":
        return compute_type
    return "float16" if device == "cuda" else "int8"


class FasterWhisperSTT(STTEngine):
    name = "faster-whisper"

    def __init__(self, model: str, device: str = "auto", compute_type: str = "auto",
                 cache_dir: Path | None = None, beam_size: int = BEAM_SIZE) -> None:
        self.model = model
        self.beam_size = beam_size
        self.device = resolve_device(device)
        self.compute_type = resolve_compute_type(compute_type, self.device)
        self._cache_dir = cache_dir
        self._whisper = None

    def load(self) -> None:
        from faster_whisper import WhisperModel

        path = resolve_model(self.model, self._cache_dir)
        # local_files_only: a hub name that is not cached fails at once instead of
        # waiting on a network that this deployment may not have.
        self._whisper = WhisperModel(
            path, device=self.device, compute_type=self.compute_type,
            cpu_threads=os.cpu_count() or 0, local_files_only=True,
        )
        log.info("STT model %s loaded on %s (%s)", self.model, self.device, self.compute_type)

    def transcribe(self, audio: np.ndarray, language: str | None) -> Transcript:
        if self._whisper is None:
            raise RuntimeError("STT model is not loaded")
        if language and language not in self._whisper.supported_languages:
            raise UnsupportedLanguage(
                f"지원하지 않는 언어입니다: {language} (예: ko, en, auto) / "
                f"Unsupported language {language!r}; use e.g. ko, en or auto.")
        raw, info = self._whisper.transcribe(
            audio, language=language, vad_filter=True, beam_size=self.beam_size,
            condition_on_previous_text=False, temperature=TEMPERATURE,
        )
        segments = drop_hallucinations([_segment(s) for s in raw])
        return Transcript(
            text=" ".join(s.text for s in segments if s.text).strip(),
            language=info.language or (language or ""),
            duration_s=round(float(info.duration), 3),
            segments=segments, engine=f"{self.name}:{self.model}", device=self.device,
        )


def _segment(raw) -> Segment:
    return Segment(
        start=round(float(raw.start), 2), end=round(float(raw.end), 2), text=raw.text.strip(),
        no_speech_prob=float(raw.no_speech_prob), avg_logprob=float(raw.avg_logprob),
        compression_ratio=float(raw.compression_ratio),
    )
