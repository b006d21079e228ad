"""espeak-ng (formant synthesis, Debian package) as a subprocess: the last resort that
speaks every language, Korean included, on any CPU-only machine."""

from __future__ import annotations

import shutil
import subprocess

from llm_server.speech.tts.base import Speech, TTSEngine, Voice
from llm_server.speech.wav import read_pcm

# Languages a shop assistant answers in -> espeak-ng voice names.
ESPEAK_VOICES = {"ko": "ko", "en": "en-us", "ja": "ja", "zh": "cmn"}
WORDS_PER_MINUTE = 165
TIMEOUT_S = 30


class EspeakTTS(TTSEngine):
    name = "espeak"

    def __init__(self, binary: str = "espeak-ng") -> None:
        self._binary = binary
        self._path: str | None = None
        self._voices: list[Voice] = []

    @classmethod
    def from_settings(cls, settings) -> EspeakTTS:
        return cls()

    def load(self) -> None:
        self._path = shutil.which(self._binary)
        if not self._path:
            raise FileNotFoundError(f"{self._binary} is not installed (apt-get install espeak-ng)")
        listed = subprocess.run([self._path, "--voices"], capture_output=True, text=True,
                                timeout=TIMEOUT_S, check=True).stdout.split()
        self._voices = [Voice(f"espeak-{code}", language, self.name)
                        for language, code in ESPEAK_VOICES.items() if code in listed]
        if not self._voices:
            raise RuntimeError("espeak-ng has none of the voices " + ", ".join(ESPEAK_VOICES))

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def synthesize(self, text: str, voice: Voice) -> Speech:
        # Text goes through stdin: as an argument, text starting with "-" would be an option.
        result = subprocess.run(
            [self._path or self._binary, "-v", ESPEAK_VOICES[voice.language],
             "-s", str(WORDS_PER_MINUTE), "--stdout"],
            input=text.encode(), capture_output=True, timeout=TIMEOUT_S, check=True,
        )
        pcm, sample_rate = read_pcm(result.stdout)
        return Speech(pcm, sample_rate)
