"""Real Whisper base (int8, CPU) hearing real synthetic speech: no mocks."""

import re
import time

import numpy as np
import pytest

from llm_server.speech import SpeechService
from llm_server.speech.errors import UnsupportedLanguage, VoiceUnavailable
from llm_server.speech.wav import float_to_pcm16, to_wav

pytestmark = [pytest.mark.slow, pytest.mark.anyio]

SENTENCE = "I am looking for a black shirt in size medium"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def word_error_rate(reference: str, hypothesis: str) -> float:
    ref, hyp = words(reference), words(hypothesis)
    distance = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        previous, distance[0] = distance[0], i
        for j, hyp_word in enumerate(hyp, start=1):
            previous, distance[j] = distance[j], min(
                distance[j] + 1, distance[j - 1] + 1, previous + (ref_word != hyp_word))
    return distance[-1] / len(ref)


def test_word_error_rate_helper():
    assert word_error_rate("a black shirt", "a black shirt") == 0
    assert word_error_rate("a black shirt", "a shirt") == pytest.approx(1 / 3)


async def test_english_speech_is_transcribed(speech_service, speak):
    transcript = await speech_service.transcribe(speak(SENTENCE), "en")
    assert word_error_rate(SENTENCE, transcript.text) <= 0.25, transcript.text
    assert transcript.language == "en" and transcript.device == "cpu"
    assert transcript.engine == "faster-whisper:base"
    assert 2.0 < transcript.duration_s < 6.0
    assert transcript.segments and transcript.segments[0].start < transcript.segments[-1].end


async def test_browser_webm_opus_is_transcribed(speech_service, speak, encode):
    transcript = await speech_service.transcribe(encode(speak(SENTENCE), "webm"), "en")
    assert word_error_rate(SENTENCE, transcript.text) <= 0.25, transcript.text


async def test_language_auto_detects_english(speech_service, speak):
    transcript = await speech_service.transcribe(speak(SENTENCE), "auto")
    assert transcript.language == "en"


async def test_requested_korean_is_honoured(speech_service, speak):
    transcript = await speech_service.transcribe(speak("안녕하세요. 셔츠 있어요?", "ko"), "ko")
    assert transcript.language == "ko"
    # espeak's Korean is robotic and base is small: only check Whisper wrote Hangul.
    assert re.search(r"[\uac00-\ud7a3]", transcript.text), transcript.text


async def test_default_language_is_korean(speech_service, speak):
    assert speech_service.settings.stt_language == "ko"
    transcript = await speech_service.transcribe(speak("네 감사합니다", "ko"))
    assert transcript.language == "ko"


@pytest.mark.parametrize("kind", ["silence", "noise"])
async def test_no_speech_gives_empty_text_without_hallucinations(speech_service, kind):
    rng = np.random.default_rng(7)
    samples = np.zeros(16000 * 4) if kind == "silence" else rng.normal(0, 0.05, 16000 * 4)
    transcript = await speech_service.transcribe(to_wav(float_to_pcm16(samples), 16000), "ko")
    assert transcript.text == ""
    assert transcript.segments == []


async def test_stt_chain_skips_unavailable_models_fast(voice_settings, tmp_path):
    settings = voice_settings(stt_models=f"large-v3-turbo,{tmp_path}/missing,base")
    service = SpeechService.from_settings(settings)
    started = time.perf_counter()
    await service.start()
    assert time.perf_counter() - started < 30  # offline: no network waits
    health = service.health()["stt"]
    assert health["ok"] and (health["model"], health["device"]) == ("base", "cpu")
    assert "large-v3-turbo" in health["detail"] and "missing" in health["detail"]


async def test_no_model_loads_then_stt_is_503(voice_settings, speak):
    service = SpeechService.from_settings(voice_settings(stt_models="no-such-model"))
    await service.start()
    assert service.health()["stt"]["ok"] is False
    with pytest.raises(VoiceUnavailable) as caught:
        await service.transcribe(speak("hello"))
    assert caught.value.status_code == 503


async def test_unknown_language_is_400(speech_service, speak):
    with pytest.raises(UnsupportedLanguage) as caught:
        await speech_service.transcribe(speak("hello"), "xx")
    assert caught.value.status_code == 400 and "ko" in caught.value.message
