"""The speech-to-text contract: one small abstract class, results as plain dataclasses."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field

import numpy as np

SAMPLE_RATE = 16_000  # what Whisper consumes: mono float32 at 16 kHz


@dataclass
class Segment:
    start: float
    end: float
    text: str
    no_speech_prob: float = 0.0
    avg_logprob: float = 0.0
    compression_ratio: float = 1.0  # gzip ratio of the text: high means a repetition loop


@dataclass
class Transcript:
    text: str
    language: str
    duration_s: float
    segments: list[Segment] = field(default_factory=list)
    engine: str = ""
    device: str = ""

    def to_dict(self) -> dict:
        segments = [{"start": s.start, "end": s.end, "text": s.text} for s in self.segments]
        return {**asdict(self), "segments": segments}


class STTEngine(ABC):
    """Loads once (blocking, in a worker thread), then transcribes 16 kHz mono audio."""

    name: str = "stt"
    model: str = ""
    device: str = ""

    @abstractmethod
    def load(self) -> None:
        """Load the model; raise on failure so the next candidate can be tried."""

    @abstractmethod
    def transcribe(self, audio: np.ndarray, language: str | None) -> Transcript:
        """Transcribe; `language` None lets the engine detect it."""
