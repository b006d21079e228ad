"""Real speech engines for the speech tests: espeak-ng makes the audio, Whisper hears it."""

from __future__ import annotations

import subprocess

import pytest

from llm_server.config import Settings
from llm_server.speech import SpeechService


def _speak(text: str, voice: str = "en-us", words_per_minute: int = 150) -> bytes:
    """WAV bytes of `text` spoken by espeak-ng: test speech that needs no recordings."""
    return subprocess.run(["espeak-ng", "-v", voice, "-s", str(words_per_minute), "--stdout"],
                          input=text.encode(), capture_output=True, check=True).stdout


def _encode(wav: bytes, extension: str, tmp_path) -> bytes:
    """Re-encode WAV with ffmpeg into the container a browser would upload."""
    source, target = tmp_path / "in.wav", tmp_path / f"out.{extension}"
    source.write_bytes(wav)
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(source), str(target)],
                   check=True)
    return target.read_bytes()


def make_settings(**overrides) -> Settings:
    defaults = {"stt_models": "base", "stt_device": "cpu", "stt_language": "ko",
                "tts_engines": "piper,coqui,espeak", "piper_voices_dir": "", "coqui_model": ""}
    return Settings(**{**defaults, **overrides})


@pytest.fixture(scope="session")
def speech_service() -> SpeechService:
    """The default offline engines (Whisper base int8 on CPU, Piper Joe, espeak-ng), loaded once."""
    import anyio

    service = SpeechService.from_settings(make_settings())
    anyio.run(service.start)
    return service


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def tts_service() -> SpeechService:
    """TTS engines only (no STT model configured): quick to start."""
    import anyio

    service = SpeechService.from_settings(make_settings(stt_models=""))
    anyio.run(service.start)
    return service


@pytest.fixture(scope="session")
def speak():
    """speak(text, voice="en-us") -> WAV bytes from espeak-ng."""
    return _speak


@pytest.fixture
def encode(tmp_path):
    """encode(wav, "webm") -> the same speech in another container, via ffmpeg."""
    return lambda wav, extension: _encode(wav, extension, tmp_path)


@pytest.fixture(scope="session")
def voice_settings():
    """voice_settings(**overrides) -> Settings with the offline voice defaults."""
    return make_settings
