"""The text-to-speech contract: an engine loads once, lists its voices, speaks one sentence."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    id: str  # unique across engines; what a client passes as "voice"
    language: str  # primary subtag: "ko", "en"
    engine: str


@dataclass(frozen=True)
class Speech:
    pcm: bytes  # 16-bit little-endian mono
    sample_rate: int

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / (2 * self.sample_rate)


def primary_language(code: str) -> str:
    """"ko-KR" / "en_US" / "EN" -> "ko" / "en"."""
    return code.replace("_", "-").split("-")[0].lower()


class TTSEngine(ABC):
    """Blocking engine: `load` and `synthesize` run in a worker thread."""

    name: str = "tts"

    @abstractmethod
    def load(self) -> None:
        """Get ready to speak; raise with a clear reason when this engine cannot."""

    @abstractmethod
    def voices(self) -> list[Voice]:
        """The voices this engine can speak with (after a successful load)."""

    @abstractmethod
    def synthesize(self, text: str, voice: Voice) -> Speech:
        """Speak one sentence."""

    def voice_for(self, language: str) -> Voice | None:
        return next((v for v in self.voices() if v.language == language), None)
