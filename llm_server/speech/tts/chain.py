"""The TTS registry and the per-language fallback chain built from TTS_ENGINES."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from llm_server.speech.errors import UnknownVoice
from llm_server.speech.tts.base import Speech, TTSEngine, Voice
from llm_server.speech.tts.coqui import CoquiTTS
from llm_server.speech.tts.espeak import EspeakTTS
from llm_server.speech.tts.piper import PiperTTS
from llm_server.speech.tts.sentences import audible_text

log = logging.getLogger(__name__)

# name in TTS_ENGINES -> factory(settings). Adding an engine is one line here.
TTS_ENGINES: dict[str, Callable[..., TTSEngine]] = {
    "piper": PiperTTS.from_settings,
    "coqui": CoquiTTS.from_settings,
    "espeak": EspeakTTS.from_settings,
}


class NoVoiceAvailable(Exception):
    """Every engine in the chain failed or has no voice for the language."""


@dataclass
class EngineStatus:
    engine: TTSEngine
    ok: bool = False
    detail: str = "not loaded yet"

    def to_dict(self) -> dict:
        voices = [v.id for v in self.engine.voices()] if self.ok else []
        return {"name": self.engine.name, "ok": self.ok, "detail": self.detail, "voices": voices}


class TTSChain:
    """Engines in priority order; each sentence goes to the first one that can speak it."""

    def __init__(self, engines: list[TTSEngine]) -> None:
        self.statuses = [EngineStatus(engine) for engine in engines]

    @classmethod
    def from_settings(cls, settings) -> TTSChain:
        names = [n.strip() for n in settings.tts_engines.split(",") if n.strip()]
        unknown = [n for n in names if n not in TTS_ENGINES]
        if unknown:
            log.warning("unknown TTS engines ignored: %s", ", ".join(unknown))
        return cls([TTS_ENGINES[n](settings) for n in names if n in TTS_ENGINES])

    def load(self) -> None:
        """Blocking: load every engine, recording (not raising) each failure."""
        for status in self.statuses:
            try:
                status.engine.load()
                status.ok, status.detail = True, "loaded"
            except Exception as exc:
                status.ok, status.detail = False, f"{type(exc).__name__}: {exc}"
                log.warning("TTS engine %s unavailable: %s", status.engine.name, status.detail)

    @property
    def engines(self) -> list[TTSEngine]:
        return [status.engine for status in self.statuses if status.ok]

    def voices(self) -> list[Voice]:
        return [voice for engine in self.engines for voice in engine.voices()]

    def candidates(self, language: str, voice_id: str | None = None) -> list[tuple[TTSEngine, Voice]]:
        """(engine, voice) pairs to try in order; a requested voice goes first."""
        chain = [(e, v) for e in self.engines if (v := e.voice_for(language))]
        if not voice_id:
            return chain
        requested = [(e, v) for e in self.engines for v in e.voices() if v.id == voice_id]
        if not requested:
            installed = ", ".join(v.id for v in self.voices()) or "(none)"
            raise UnknownVoice(
                f"알 수 없는 음성입니다: {voice_id}. 설치된 음성: {installed} / "
                f"Unknown voice {voice_id!r}; installed voices: {installed}"
            )
        return requested + [pair for pair in chain if pair[1].id != voice_id]

    def speak(self, text: str, candidates: list[tuple[TTSEngine, Voice]]) -> tuple[Speech, Voice]:
        """Blocking: the first candidate that speaks `text` wins; failures are logged.
        No engine ever sees an emoji, URL or markup symbol (Piper reads 👍 as "thumbs up")."""
        text = audible_text(text)
        if not text:
            raise NoVoiceAvailable("nothing audible to speak")
        for engine, voice in candidates:
            try:
                return engine.synthesize(text, voice), voice
            except Exception as exc:
                log.warning("TTS %s/%s failed, trying the next engine: %s",
                            engine.name, voice.id, exc)
        raise NoVoiceAvailable(f"no TTS engine could speak {text[:40]!r}")
