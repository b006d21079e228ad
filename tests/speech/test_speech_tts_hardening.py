"""What reaches a TTS engine, and the WAV /tts sends: exact sizes whenever the whole clip is
known, the open-ended streaming header only while sentences are still being synthesized."""

import io
import wave

import pytest

from llm_server.speech import SpeechService
from llm_server.speech.tts.base import Speech, TTSEngine, Voice
from llm_server.speech.tts.chain import NoVoiceAvailable, TTSChain
from llm_server.speech.wav import STREAMING_DATA_SIZE, read_pcm

pytestmark = pytest.mark.anyio


class RecordingTTS(TTSEngine):
    """Speaks 0.1 s of silence per sentence and records the text it was given."""

    name = "recording"

    def __init__(self):
        self.spoken = []

    def load(self):
        pass

    def voices(self):
        return [Voice("rec-ko", "ko", self.name), Voice("rec-en", "en", self.name)]

    def synthesize(self, text, voice):
        self.spoken.append(text)
        return Speech(b"\x01\x00" * 1600, 16000)


async def recording_service(voice_settings):
    engine = RecordingTTS()
    service = SpeechService(voice_settings(stt_models=""), [], TTSChain([engine]))
    await service.start()
    return service, engine


async def body_of(stream):
    return b"".join([chunk async for chunk in stream.chunks()])


async def test_a_single_sentence_is_a_wav_with_exact_sizes_and_content_length(voice_settings):
    service, _ = await recording_service(voice_settings)
    stream = await service.open_tts("린넨 셔츠는 39,000원입니다.")
    body = await body_of(stream)
    assert stream.complete and stream.headers() == {"Content-Length": str(len(body))}
    with wave.open(io.BytesIO(body)) as wav:
        assert wav.getnframes() == 1600 and wav.getframerate() == 16000
        assert wav.getnframes() / wav.getframerate() == pytest.approx(0.1)


async def test_several_sentences_stream_with_the_open_ended_header_and_no_length(voice_settings):
    service, _ = await recording_service(voice_settings)
    stream = await service.open_tts("첫 문장입니다. 둘째 문장입니다.")
    body = await body_of(stream)
    assert not stream.complete and stream.headers() == {}
    assert int.from_bytes(body[40:44], "little") == STREAMING_DATA_SIZE
    assert len(body) == 44 + 2 * 3200


async def test_no_engine_is_given_emoji_urls_or_markup(voice_settings):
    service, engine = await recording_service(voice_settings)
    await body_of(await service.open_tts("Great choice 👍! See https://shop.example/p/1 **now** 😀", "en"))
    await service.speak_sentence("추천해요 ❤️ <b>2개</b> 남았어요 ★")
    assert engine.spoken == ["Great choice!", "See now", "추천해요 두 개 남았어요"]


def test_the_chain_itself_strips_what_is_not_meant_to_be_heard():
    engine = RecordingTTS()
    chain = TTSChain([engine])
    chain.load()
    chain.speak("Thanks 👍🏻 🇰🇷", chain.candidates("en"))
    assert engine.spoken == ["Thanks"]
    with pytest.raises(NoVoiceAvailable):
        chain.speak("👍 😀", chain.candidates("en"))


@pytest.mark.slow  # loads the Piper voice
async def test_piper_speaks_no_emoji_name(tts_service):
    """Piper read "👍" as "thumbs up": four emoji would more than double this clip's length.
    (Piper's noise makes two runs differ by a few percent, so lengths are compared loosely.)"""
    plain = await body_of(await tts_service.open_tts("Great choice.", "en"))
    with_emoji = await body_of(await tts_service.open_tts("Great choice 👍👍 😀 ❤️.", "en"))
    frames = [len(read_pcm(body)[0]) // 2 for body in (plain, with_emoji)]
    assert frames[1] < frames[0] * 1.25, frames
