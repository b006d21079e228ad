"""Coqui TTS (e.g. XTTS-v2, which speaks Korean). Imported lazily: the `coqui-tts`
package is optional and heavy; when it or the model is missing, load() fails with a
clear reason and the chain moves on.

Licence: XTTS-v2 weights are under the Coqui Public Model License (non-commercial).
"""

from __future__ import annotations

import logging
from pathlib import Path

from llm_server.speech.tts.base import Speech, TTSEngine, Voice, primary_language
from llm_server.speech.wav import float_to_pcm16

log = logging.getLogger(__name__)


class CoquiTTS(TTSEngine):
    name = "coqui"

    def __init__(self, model: str, device: str = "cpu") -> None:
        self._model = model
        self._device = device
        self._tts = None
        self._voices: list[Voice] = []

    @classmethod
    def from_settings(cls, settings) -> CoquiTTS:
        return cls(settings.coqui_model, settings.tts_device)

    def load(self) -> None:
        if not self._model:
            raise ValueError("COQUI_MODEL is not set")
        try:
            from TTS.api import TTS
        except ImportError as exc:
            raise ImportError("the coqui-tts package is not installed") from exc
        self._tts = TTS(**_model_arguments(self._model), progress_bar=False).to(self._device)
        self._voices = [Voice(f"coqui-{lang}", lang, self.name) for lang in self._languages()]

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def synthesize(self, text: str, voice: Voice) -> Speech:
        samples = self._tts.tts(text=text, **self._speech_arguments(voice.language))
        return Speech(float_to_pcm16(samples), int(self._tts.synthesizer.output_sample_rate))

    def _languages(self) -> list[str]:
        if self._tts.is_multi_lingual:
            return sorted({primary_language(code) for code in self._tts.languages})
        # Single-language models are named tts_models/<lang>/<dataset>/<model>.
        parts = self._model.split("/")
        return [primary_language(parts[1])] if len(parts) > 2 else ["en"]

    def _speech_arguments(self, language: str) -> dict:
        """Model-type specific arguments: XTTS and other multi-speaker/lingual models."""
        arguments: dict = {}
        if self._tts.is_multi_speaker and self._tts.speakers:
            arguments["speaker"] = self._tts.speakers[0]
        if self._tts.is_multi_lingual:
            arguments["language"] = _closest_language(language, self._tts.languages)
        return arguments


def _model_arguments(model: str) -> dict:
    path = Path(model).expanduser()
    if path.is_dir():
        return {"model_path": str(path), "config_path": str(path / "config.json")}
    return {"model_name": model}


def _closest_language(language: str, offered: list[str]) -> str:
    """XTTS says "ko" and "zh-cn": map our primary subtag onto what the model lists."""
    return next((code for code in offered if primary_language(code) == language), language)
