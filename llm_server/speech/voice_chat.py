"""The voice round trip: transcript -> chat stream -> each finished sentence spoken at once.

Tokens and audio interleave: a TTS worker speaks sentence N while the LLM writes N+1, and
both feed one outgoing queue, so the first audio can leave before the answer is complete.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import AsyncIterator

from llm_server.chat.events import ChatEvent
from llm_server.errors import AppError
from llm_server.speech.service import SpeechService
from llm_server.speech.stt.base import Transcript
from llm_server.speech.tts.sentences import SentenceSplitter

log = logging.getLogger(__name__)

EMPTY_TRANSCRIPT = {
    "code": "empty_transcript",
    "message": "음성을 인식하지 못했습니다. 조금 더 크게, 또렷하게 다시 말씀해 주세요.",
}
_FINISHED = object()


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


class VoiceTurn:
    """One /voice/chat turn; `events()` yields ChatEvents (plus "transcript" and "audio")."""

    def __init__(self, speech: SpeechService, chat, transcript: Transcript, session_id: str,
                 started: float, stt_ms: float) -> None:
        self.speech, self.chat, self.transcript = speech, chat, transcript
        self.session_id, self.started = session_id, started
        self.timings: dict = {"stt_ms": stt_ms}
        self._out: asyncio.Queue = asyncio.Queue()
        self._sentences: asyncio.Queue = asyncio.Queue()
        self._done: dict | None = None
        self._failed = False

    async def events(self) -> AsyncIterator[ChatEvent]:
        transcript = {"text": self.transcript.text, "language": self.transcript.language}
        yield ChatEvent("transcript", transcript)
        if not self.transcript.text:
            yield ChatEvent("error", EMPTY_TRANSCRIPT)
            return
        workers = [asyncio.create_task(self._run_chat()), asyncio.create_task(self._run_tts())]
        try:
            async for item in self._drain(len(workers)):
                yield item
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        if self._done is not None:
            yield ChatEvent("done", {**self._done, "timings": self._merged_timings()})

    async def _drain(self, workers: int) -> AsyncIterator[ChatEvent]:
        while workers:
            item = await self._out.get()
            if item is _FINISHED:
                workers -= 1
            else:
                yield item

    async def _run_chat(self) -> None:
        splitter = SentenceSplitter()
        try:
            async for event in self.chat.stream(self.transcript.text, self.session_id):
                if not self._forward(event, splitter):
                    break
            for sentence in [] if self._failed else splitter.flush():
                self._sentences.put_nowait(sentence)
        except AppError as exc:
            self._fail(exc.to_dict())
        except Exception:
            log.exception("chat stream failed during a voice turn")
            self._fail({"code": "internal_error",
                        "message": "답변 중 오류가 발생했습니다. 다시 시도해 주세요."})
        finally:
            self._sentences.put_nowait(None)
            self._out.put_nowait(_FINISHED)

    def _forward(self, event, splitter: SentenceSplitter) -> bool:
        """Pass a chat event on; False when the chat stream has ended."""
        if event.event == "done":
            self._done = dict(event.data)
            return False
        if event.event == "token":
            self.timings.setdefault("ttft_ms", _ms(self.started))
            for sentence in splitter.feed(event.data.get("text", "")):
                self._sentences.put_nowait(sentence)
        if event.event == "error":
            self._fail(event.data)
            return False
        self._out.put_nowait(event)
        return True

    def _fail(self, error: dict) -> None:
        """The answer broke off: report it and speak no further sentence."""
        self._failed = True
        self._out.put_nowait(ChatEvent("error", error))

    async def _run_tts(self) -> None:
        index = 0
        try:
            while (sentence := await self._sentences.get()) is not None and not self._failed:
                spoken = await self._speak(sentence)
                if spoken is None or self._failed:
                    continue
                self.timings.setdefault("first_audio_ms", _ms(self.started))
                self._out.put_nowait(ChatEvent("audio", {
                    "index": index, "text": spoken.text, "voice": spoken.voice.id,
                    "wav_base64": base64.b64encode(spoken.wav).decode("ascii"),
                }))
                index += 1
        finally:
            self.timings["audio_sentences"] = index
            self._out.put_nowait(_FINISHED)

    async def _speak(self, sentence: str):
        try:
            return await self.speech.speak_sentence(sentence)
        except Exception as exc:  # a sentence we cannot speak is still shown as text
            log.warning("voice chat: could not speak %r: %s", sentence[:40], exc)
            return None

    def _merged_timings(self) -> dict:
        chat_timings = dict((self._done or {}).get("timings") or {})
        for key in ("ttft_ms", "total_ms"):  # the chat's own, measured from its start
            if key in chat_timings:
                chat_timings[f"chat_{key}"] = chat_timings.pop(key)
        return {**chat_timings, **self.timings, "total_ms": _ms(self.started)}
