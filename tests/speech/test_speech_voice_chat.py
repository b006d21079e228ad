import asyncio
import base64
import time

import pytest

from llm_server.chat.events import ChatEvent
from llm_server.speech.stt.base import Transcript
from llm_server.speech.voice_chat import VoiceTurn
from llm_server.speech.wav import duration_s

pytestmark = [pytest.mark.anyio, pytest.mark.slow]  # real Piper and espeak-ng


class ScriptedChat:
    """A chat that streams a fixed answer token by token, like ChatService.stream."""

    def __init__(self, tokens, delay_s=0.0, fail_after=None):
        self.tokens, self.delay_s, self.fail_after = tokens, delay_s, fail_after
        self.asked: list[tuple[str, str]] = []

    async def stream(self, message, session_id):
        self.asked.append((message, session_id))
        yield ChatEvent("meta", {"session_id": session_id, "products": []})
        for number, token in enumerate(self.tokens):
            if number == self.fail_after:
                yield ChatEvent("error", {"code": "llm_unavailable", "message": "LLM 오류"})
                return
            await asyncio.sleep(self.delay_s)
            yield ChatEvent("token", {"text": token})
        yield ChatEvent("done", {"session_id": session_id,
                                 "timings": {"retrieval_ms": 3.0, "ttft_ms": 9.0, "total_ms": 50.0}})


def turn(service, chat, text="do you have black shirts", language="en"):
    transcript = Transcript(text=text, language=language, duration_s=2.0)
    return VoiceTurn(service, chat, transcript, "session-1234", time.perf_counter(), 120.0)


async def collect(events):
    return [event async for event in events]


async def test_audio_of_the_first_sentence_arrives_while_the_answer_is_still_written(tts_service):
    tokens = ["Yes, we do.", " The", " black", " linen", " shirt", " is", " in", " stock",
              " in", " all", " sizes."]
    chat = ScriptedChat(tokens, delay_s=0.3)
    events = await collect(turn(tts_service, chat).events())
    names = [e.event for e in events]
    assert names[:2] == ["transcript", "meta"] and names[-1] == "done"
    last_token = max(i for i, name in enumerate(names) if name == "token")
    assert names.index("audio") < last_token
    audio = [e.data for e in events if e.event == "audio"]
    assert [a["text"] for a in audio] == ["Yes, we do.", "The black linen shirt is in stock in all sizes."]
    assert [a["index"] for a in audio] == [0, 1]
    assert all(duration_s(base64.b64decode(a["wav_base64"])) > 0.3 for a in audio)
    assert audio[0]["voice"] == "en_US-joe-medium"
    assert chat.asked == [("do you have black shirts", "session-1234")]


async def test_done_carries_chat_and_voice_timings(tts_service):
    events = await collect(turn(tts_service, ScriptedChat(["Hello there."])).events())
    done = events[-1]
    assert done.event == "done" and done.data["session_id"] == "session-1234"
    timings = done.data["timings"]
    assert timings["stt_ms"] == 120.0 and timings["retrieval_ms"] == 3.0
    assert timings["chat_ttft_ms"] == 9.0 and timings["audio_sentences"] == 1
    assert 0 <= timings["ttft_ms"] <= timings["first_audio_ms"] <= timings["total_ms"]


async def test_korean_answers_are_spoken_in_korean(tts_service):
    chat = ScriptedChat(["네, 검정 셔츠는 39,000원입니다.", " 사이즈는 M과 L이 있어요."])
    events = await collect(turn(tts_service, chat, "검정 셔츠 있어요", "ko").events())
    voices = [e.data["voice"] for e in events if e.event == "audio"]
    assert voices == ["espeak-ko", "espeak-ko"]


async def test_empty_transcript_is_an_error_event_in_korean(tts_service):
    chat = ScriptedChat(["unused"])
    events = await collect(turn(tts_service, chat, text="").events())
    assert [e.event for e in events] == ["transcript", "error"]
    assert events[1].data["message"].startswith("음성을 인식하지 못했습니다")
    assert chat.asked == []


async def test_a_chat_error_ends_the_turn_without_done(tts_service):
    chat = ScriptedChat(["First sentence here.", " second", " part."], fail_after=2)
    events = await collect(turn(tts_service, chat).events())
    names = [e.event for e in events]
    assert "error" in names and "done" not in names
    assert events[names.index("error")].data["code"] == "llm_unavailable"
    assert "audio" not in names[names.index("error"):]  # nothing is spoken after the failure
