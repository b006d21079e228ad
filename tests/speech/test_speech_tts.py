import importlib.util

import anyio
import pytest

from llm_server.errors import BadRequest, EmptyInput, PayloadTooLarge
from llm_server.speech import SpeechService
from llm_server.speech.errors import UnsupportedLanguage
from llm_server.speech.tts.base import Speech, TTSEngine, Voice
from llm_server.speech.tts.chain import TTSChain
from llm_server.speech.tts.coqui import CoquiTTS
from llm_server.speech.wav import duration_s, read_pcm

pytestmark = pytest.mark.anyio


async def speak_all(service, text, language=None, voice=None):
    stream = await service.open_tts(text, language, voice)
    body = b"".join([chunk async for chunk in stream.chunks()])
    return stream, body


def assert_plausible_wav(body, text):
    pcm, sample_rate = read_pcm(body)
    assert sample_rate in (16000, 22050, 24000) and len(pcm) % 2 == 0
    seconds = duration_s(body)
    assert 0.04 * len(text) < seconds < 0.25 * len(text), seconds


@pytest.mark.slow  # loads the Piper voice
async def test_english_is_spoken_by_the_embedded_piper_voice(tts_service):
    text = "Hello! This linen shirt is light and breathable."
    stream, body = await speak_all(tts_service, text, "en")
    assert (stream.voice.engine, stream.voice.id) == ("piper", "en_US-joe-medium")
    assert_plausible_wav(body, text)


@pytest.mark.slow  # loads the Piper voice
async def test_korean_falls_through_to_espeak_on_a_cpu_only_machine(tts_service):
    text = "안녕하세요. 이 셔츠는 39,000원이고 M 사이즈가 있습니다."
    stream, body = await speak_all(tts_service, text)  # language from the Hangul
    assert (stream.voice.engine, stream.voice.id) == ("espeak", "espeak-ko")
    assert_plausible_wav(body, text)


@pytest.mark.slow  # loads the Piper voice
async def test_missing_piper_voice_and_coqui_model_fall_back_to_espeak(tmp_path, voice_settings):
    settings = voice_settings(stt_models="", piper_voices_dir=str(tmp_path / "no-voices"),
                              coqui_model=str(tmp_path / "no-xtts"))
    service = SpeechService.from_settings(settings)
    await service.start()
    engines = {e["name"]: e for e in service.health()["tts"]["engines"]}
    assert not engines["piper"]["ok"] and "no-voices" in engines["piper"]["detail"]
    assert not engines["coqui"]["ok"] and engines["espeak"]["ok"]
    stream, body = await speak_all(service, "The shirt is in stock.", "en")
    assert stream.voice.engine == "espeak"
    assert_plausible_wav(body, "The shirt is in stock.")


@pytest.mark.slow  # loads the Piper voice
async def test_a_requested_voice_is_used(tts_service):
    stream, _ = await speak_all(tts_service, "Size medium is available.", voice="espeak-en-us")
    assert stream.voice.id == "espeak-en-us"


@pytest.mark.slow  # loads the Piper voice
async def test_unknown_voice_is_400_listing_installed_voices(tts_service):
    with pytest.raises(BadRequest) as caught:
        await tts_service.open_tts("hello", "en", "ko_KR-nobody-medium")
    assert caught.value.status_code == 400 and caught.value.code == "unknown_voice"
    assert "en_US-joe-medium" in caught.value.message and "espeak-ko" in caught.value.message


@pytest.mark.slow  # loads the Piper voice
async def test_a_language_no_voice_speaks_is_400_listing_languages(tts_service):
    with pytest.raises(UnsupportedLanguage) as caught:
        await tts_service.open_tts("Bonjour.", "fr")
    assert caught.value.status_code == 400 and "ko" in caught.value.message


@pytest.mark.slow  # loads the Piper voice
async def test_empty_and_too_long_text_are_refused(tts_service):
    with pytest.raises(EmptyInput):
        await tts_service.open_tts("  ** ", "ko")
    with pytest.raises(PayloadTooLarge) as caught:
        await tts_service.open_tts("가" * (tts_service.settings.max_tts_chars + 1))
    assert caught.value.status_code == 413


class RecordingTTS(TTSEngine):
    """Speaks 0.1 s of silence per sentence and remembers what it was asked to say."""

    name = "recording"

    def __init__(self):
        self.spoken: list[str] = []

    def load(self):
        pass

    def voices(self):
        return [Voice("rec-ko", "ko", self.name), Voice("rec-en", "en", self.name)]

    def synthesize(self, text, voice):
        self.spoken.append(text)
        return Speech(b"\x00\x00" * 1600, 16000)


async def make_recording_service(voice_settings):
    engine = RecordingTTS()
    service = SpeechService(voice_settings(stt_models=""), [], TTSChain([engine]))
    await service.start()
    return service, engine


async def test_first_sentence_is_sent_before_the_last_is_synthesized(voice_settings):
    service, engine = await make_recording_service(voice_settings)
    stream = await service.open_tts("첫 문장입니다. 둘째 문장입니다. 마지막 문장입니다.")
    chunks = stream.chunks()
    first = await chunks.__anext__()
    assert first[:4] == b"RIFF" and engine.spoken == ["첫 문장입니다."]
    rest = [chunk async for chunk in chunks]
    assert len(rest) == 2 and len(engine.spoken) == 3


async def test_korean_text_is_normalised_before_speaking(voice_settings):
    service, engine = await make_recording_service(voice_settings)
    await speak_all(service, "**BS-TS-001** 셔츠는 39,000원, 20% 할인 중입니다.")
    assert engine.spoken == ["비 에스 티 에스 공 공 일 셔츠는 삼만 구천 원, 이십 퍼센트 할인 중입니다."]


def test_coqui_fails_cleanly_without_model_or_package():
    with pytest.raises(ValueError, match="COQUI_MODEL"):
        CoquiTTS("").load()
    if importlib.util.find_spec("TTS") is None:
        with pytest.raises(ImportError, match="coqui-tts"):
            CoquiTTS("tts_models/multilingual/multi-dataset/xtts_v2").load()


def test_unknown_engine_names_are_ignored(voice_settings):
    chain = TTSChain.from_settings(voice_settings(tts_engines="festival, espeak"))
    assert [s.engine.name for s in chain.statuses] == ["espeak"]
    anyio.run(anyio.to_thread.run_sync, chain.load)
    assert chain.candidates("ko")[0][1].id == "espeak-ko"
