"""SpeechService: the one object routes talk to for STT and TTS (on app.state.speech)."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio

from llm_server.errors import EmptyInput
from llm_server.observability import observe_stt, observe_tts
from llm_server.speech.audio import decode_audio, read_upload
from llm_server.speech.errors import TextTooLong, UnsupportedLanguage, VoiceUnavailable
from llm_server.speech.stt import STTEngine, Transcript, build_stt_candidates
from llm_server.speech.tts.base import TTSEngine, Voice, primary_language
from llm_server.speech.tts.chain import NoVoiceAvailable, TTSChain
from llm_server.speech.tts.normalize import normalize_korean
from llm_server.speech.tts.sentences import clean_for_speech, language_of, split_sentences
from llm_server.speech.wav import streaming_header, to_wav

log = logging.getLogger(__name__)


def speakable(sentence: str, language: str) -> str:
    """What the engine is given: markup removed, Korean numbers/sizes/SKUs spelled out."""
    text = clean_for_speech(sentence)
    return normalize_korean(text) if language == "ko" else text


@dataclass
class SpokenSentence:
    text: str
    wav: bytes
    voice: Voice


@dataclass
class TTSStream:
    """A /tts answer: the first sentence is already spoken, the rest on iteration."""

    voice: Voice
    sample_rate: int
    first_pcm: bytes
    rest: list[str]
    engine: TTSEngine
    chain: TTSChain

    @property
    def complete(self) -> bool:
        """True when the whole clip is already synthesized (a single sentence)."""
        return not self.rest

    def headers(self) -> dict[str, str]:
        """Content-Length when the whole clip is known; streamed answers have none."""
        return {"Content-Length": str(44 + len(self.first_pcm))} if self.complete else {}

    async def chunks(self) -> AsyncIterator[bytes]:
        if self.complete:  # exact sizes: Python's wave, sox and seek bars read it right
            yield to_wav(self.first_pcm, self.sample_rate)
            return
        # more sentences are still to be synthesized: the open-ended header (docs/voice.md)
        yield streaming_header(self.sample_rate) + self.first_pcm
        for sentence in self.rest:
            try:
                speech, _ = await anyio.to_thread.run_sync(
                    self.chain.speak, sentence, [(self.engine, self.voice)])
            except NoVoiceAvailable:
                continue  # logged by the chain; the header fixed the voice, so skip it
            yield speech.pcm


class SpeechService:
    def __init__(self, settings, stt_candidates: list[STTEngine], tts: TTSChain) -> None:
        self.settings = settings
        self.stt: STTEngine | None = None
        self.tts = tts
        self._stt_candidates = stt_candidates
        self._stt_detail = "loading" if settings.voice_enabled else "disabled (VOICE_ENABLED=false)"

    @classmethod
    def from_settings(cls, settings) -> SpeechService:
        return cls(settings, build_stt_candidates(settings), TTSChain.from_settings(settings))

    # --- lifecycle ---
    async def start(self) -> None:
        """Load STT and TTS engines in a worker thread. Never raises: failures are recorded."""
        if not self.settings.voice_enabled:
            return
        try:
            # abandon_on_cancel: a shutdown during loading must not wait for it to finish
            await anyio.to_thread.run_sync(self._load, abandon_on_cancel=True)
        except Exception as exc:  # a bug here must not take the chat server down
            log.exception("speech engines failed to start")
            self._stt_detail = f"start failed: {exc}"

    def _load(self) -> None:
        self._load_stt()
        self.tts.load()

    def _load_stt(self) -> None:
        failures = []
        for engine in self._stt_candidates:
            try:
                engine.load()
            except Exception as exc:
                failures.append(f"{engine.model}@{engine.device}: {type(exc).__name__}: {exc}")
                log.warning("STT model %s on %s unavailable: %s", engine.model, engine.device, exc)
                continue
            self.stt = engine
            self._stt_detail = f"{engine.model} on {engine.device}" + (
                f" (skipped: {'; '.join(failures)})" if failures else "")
            return
        self._stt_detail = "no STT model could be loaded: " + "; ".join(failures or ["none configured"])

    def health(self) -> dict:
        engines = [status.to_dict() for status in self.tts.statuses]
        usable = [e["name"] for e in engines if e["ok"]]
        return {
            "stt": {"ok": self.stt is not None, "detail": self._stt_detail,
                    "model": self.stt.model if self.stt else None,
                    "device": self.stt.device if self.stt else None},
            "tts": {"ok": bool(usable), "engines": engines,
                    "detail": ", ".join(usable) if usable else "no TTS engine available"},
        }

    # --- speech to text ---
    async def read_audio(self, upload) -> bytes:
        self._require_voice()
        return await read_upload(upload, self.settings.max_audio_mb)

    async def transcribe(self, data: bytes, language: str | None = None) -> Transcript:
        stt = self._require_stt()
        audio = await anyio.to_thread.run_sync(decode_audio, data, self.settings.max_audio_s)
        started = time.perf_counter()
        transcript = await anyio.to_thread.run_sync(stt.transcribe, audio, self._stt_language(language))
        observe_stt(time.perf_counter() - started, transcript.duration_s, stt.model)
        return transcript

    def _stt_language(self, requested: str | None) -> str | None:
        language = (requested or self.settings.stt_language or "auto").strip()
        return None if language.lower() == "auto" else primary_language(language)

    def _require_stt(self) -> STTEngine:
        self._require_voice()
        if self.stt is None:
            raise VoiceUnavailable(
                f"음성 인식을 사용할 수 없습니다. / Speech recognition unavailable: {self._stt_detail}")
        return self.stt

    def _require_voice(self) -> None:
        if not self.settings.voice_enabled:
            raise VoiceUnavailable("음성 기능이 꺼져 있습니다. / Voice is disabled on this server.")

    # --- text to speech ---
    async def open_tts(self, text: str, language: str | None = None,
                       voice: str | None = None) -> TTSStream:
        """Validate, then speak the first sentence (so engine and voice are known)."""
        self._require_voice()
        language = primary_language(language) if language else language_of(text)
        sentences = self._sentences(text, language)
        candidates = self._tts_candidates(language, voice)
        speech, chosen = await self._speak(sentences[0], candidates)
        engine = next(e for e, v in candidates if v == chosen)
        return TTSStream(chosen, speech.sample_rate, speech.pcm, sentences[1:], engine, self.tts)

    async def speak_sentence(self, sentence: str) -> SpokenSentence | None:
        """One sentence of a chat answer -> a complete WAV, language chosen from its text."""
        language = language_of(sentence)
        text = speakable(sentence, language)
        candidates = self.tts.candidates(language)
        if not text or not candidates:
            return None
        speech, voice = await self._speak(text, candidates)
        return SpokenSentence(sentence, to_wav(speech.pcm, speech.sample_rate), voice)

    def _tts_candidates(self, language: str, voice: str | None):
        candidates = self.tts.candidates(language, voice)
        languages = sorted({v.language for v in self.tts.voices()})
        if not candidates and languages:
            raise UnsupportedLanguage(
                f"이 언어로 말할 수 있는 음성이 없습니다: {language}. 가능한 언어: {', '.join(languages)} / "
                f"No voice speaks {language!r}; available languages: {', '.join(languages)}")
        return candidates

    def _sentences(self, text: str, language: str) -> list[str]:
        if len(text) > self.settings.max_tts_chars:
            raise TextTooLong(
                f"텍스트가 너무 깁니다 (최대 {self.settings.max_tts_chars}자). / "
                f"Text longer than {self.settings.max_tts_chars} characters.")
        sentences = [s for s in (speakable(x, language) for x in split_sentences(text)) if s]
        if not sentences:
            raise EmptyInput("읽을 텍스트가 없습니다. / There is no text to speak.")
        return sentences

    async def _speak(self, text: str, candidates):
        try:
            started = time.perf_counter()
            speech, voice = await anyio.to_thread.run_sync(self.tts.speak, text, candidates)
            observe_tts(time.perf_counter() - started, speech.duration_s, voice.engine)
            return speech, voice
        except NoVoiceAvailable as exc:
            raise VoiceUnavailable(
                f"음성 합성을 사용할 수 없습니다. / No TTS engine could speak: {exc}") from None
