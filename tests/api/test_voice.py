"""The voice HTTP contract through the real app: real Whisper, Piper, espeak-ng, Chroma."""

from __future__ import annotations

import json
import re
import subprocess
import time

import numpy as np
import pytest
from fastapi.testclient import TestClient

from llm_server.config import PROJECT_ROOT, Settings
from llm_server.speech.tts.piper import embedded_voice_files
from llm_server.speech.wav import duration_s, float_to_pcm16, read_pcm, to_wav
from tests.conftest import free_port
from tests.sse import sse_events

pytestmark = pytest.mark.slow


def espeak(text: str, voice: str = "en-us") -> bytes:
    return subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "--stdout"],
                          input=text.encode(), capture_output=True, check=True).stdout


def silence_wav(seconds: float) -> bytes:
    return to_wav(float_to_pcm16(np.zeros(int(16000 * seconds))), 16000)


def voices_dir(tmp_path):
    """The embedded English Piper voice plus a broken Korean one that fails to load."""
    directory = tmp_path / "piper-voices"
    directory.mkdir()
    model, config = embedded_voice_files()[0]
    (directory / model.name).symlink_to(model)
    (directory / config.name).symlink_to(config)
    (directory / "ko_KR-broken-medium.onnx").write_bytes(b"not an onnx model")
    ko_config = json.loads(config.read_text())
    ko_config["language"] = {"code": "ko_KR"}
    (directory / "ko_KR-broken-medium.onnx.json").write_text(json.dumps(ko_config))
    return directory


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """One real app for the module: real retrieval over the demo data; extractive answers
    (no LLM needed: the voice tests are about speech, the chat tests cover the LLM)."""
    from llm_server.main import create_app

    tmp_path = tmp_path_factory.mktemp("voice-app")
    settings = Settings(
        chroma_path=str(tmp_path / "chroma"), demo_data_dir=str(PROJECT_ROOT / "data"),
        load_demo_data=True, answer_mode="extractive", llm_backend="ollama",
        ollama_host="127.0.0.1", ollama_port=free_port(), redis_url="",
        stt_models="base", stt_device="auto", stt_language="ko",
        tts_engines="piper,coqui,espeak", piper_voices_dir=str(voices_dir(tmp_path)),
        coqui_model=str(tmp_path / "missing-xtts-v2"),
    )
    with TestClient(create_app(settings)) as test_client:
        wait_for_voice(test_client)
        yield test_client


def wait_for_voice(client, timeout: float = 240.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        checks = client.get("/health/ready").json()["checks"]
        if checks.get("stt", {}).get("ok") and checks["tts"]["ok"] and checks["products"]["ok"]:
            return checks
        time.sleep(0.5)
    raise TimeoutError(client.get("/health/ready").json())


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text[:300]
    error = response.json()["error"]
    assert error["message"] and (code is None or error["code"] == code)
    return error


# --- health ---
def test_ready_reports_stt_model_device_and_tts_engines(client):
    checks = client.get("/health/ready").json()["checks"]
    assert checks["stt"] == {**checks["stt"], "ok": True, "model": "base", "device": "cpu"}
    engines = {e["name"]: e for e in checks["tts"]["engines"]}
    assert engines["piper"]["ok"] and engines["piper"]["voices"] == ["en_US-joe-medium"]
    assert not engines["coqui"]["ok"] and engines["espeak"]["ok"]


# --- /stt ---
def test_stt_transcribes_english_speech(client):
    sentence = "I would like a black shirt in size medium"
    response = client.post("/stt", files={"audio": ("q.wav", espeak(sentence), "audio/wav")},
                           data={"language": "en"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"text", "language", "duration_s", "segments", "engine", "device"}
    heard = set(re.findall(r"[a-z]+", body["text"].lower()))
    # Whisper base hears "inside medium" on every CPU tried; int8 kernels differ by CPU, so
    # allow one more slip (test_speech_stt has the details).
    assert len(heard & {"would", "like", "black", "shirt", "size", "medium"}) >= 4, body["text"]
    assert body["language"] == "en" and body["device"] == "cpu"
    assert {"start", "end", "text"} == set(body["segments"][0])


def test_stt_silence_is_empty_text_in_korean_by_default(client):
    response = client.post("/stt", files={"audio": ("s.wav", silence_wav(3), "audio/wav")})
    assert response.status_code == 200
    assert response.json()["text"] == "" and response.json()["language"] == "ko"


def test_stt_unknown_language_is_400(client):
    response = client.post("/stt", files={"audio": ("q.wav", espeak("hello"), "audio/wav")},
                           data={"language": "klingon"})
    assert_error(response, 400, "unsupported_language")


def test_stt_without_a_file_is_422(client):
    assert_error(client.post("/stt", data={"language": "ko"}), 422)


def test_stt_empty_file_is_400(client):
    assert_error(client.post("/stt", files={"audio": ("e.webm", b"", "audio/webm")}), 400, "empty_audio")


def test_stt_undecodable_file_is_415_naming_formats(client):
    error = assert_error(client.post("/stt", files={"audio": ("x.webm", b"nope" * 100, "audio/webm")}),
                         415, "unsupported_audio")
    assert "webm" in error["message"] and "mp3" in error["message"]


def test_stt_over_max_audio_s_is_413(client):
    response = client.post("/stt", files={"audio": ("long.wav", silence_wav(61), "audio/wav")})
    assert_error(response, 413, "audio_too_large")


def test_stt_over_max_audio_mb_is_413(client):
    response = client.post("/stt", files={"audio": ("big.wav", b"\0" * (11 * 1024 * 1024), "audio/wav")})
    assert_error(response, 413, "audio_too_large")


# --- /tts ---
def test_tts_english_uses_piper_and_is_plausible_wav(client):
    text = "Hello! This linen shirt is light and breathable."
    response = client.post("/tts", json={"text": text})
    assert response.status_code == 200 and response.headers["content-type"] == "audio/wav"
    assert response.headers["x-tts-engine"] == "piper"
    assert response.headers["x-tts-voice"] == "en_US-joe-medium"
    assert 1.5 < duration_s(response.content) < 8.0


def test_tts_korean_falls_back_past_broken_piper_voice_and_missing_coqui(client):
    text = "안녕하세요. 이 셔츠는 39,000원이고 M 사이즈가 있습니다."
    response = client.post("/tts", json={"text": text, "language": "ko"})
    assert response.status_code == 200
    assert (response.headers["x-tts-engine"], response.headers["x-tts-voice"]) == ("espeak", "espeak-ko")
    pcm, sample_rate = read_pcm(response.content)
    assert sample_rate == 22050 and 2.0 < duration_s(response.content) < 15.0


def test_tts_bad_input(client):
    assert_error(client.post("/tts", json={"text": "   "}), 400, "empty_input")
    assert_error(client.post("/tts", json={"text": "가" * 1001}), 413, "text_too_long")
    error = assert_error(client.post("/tts", json={"text": "hi", "voice": "nobody"}), 400, "unknown_voice")
    assert "en_US-joe-medium" in error["message"] and "espeak-ko" in error["message"]
    assert_error(client.post("/tts", json={"text": "Bonjour.", "language": "fr"}), 400,
                 "unsupported_language")
    assert_error(client.post("/tts", json={}), 422)


# --- /voice/chat ---
def test_voice_chat_round_trip_from_piper_speech(client):
    client.cookies.clear()  # the session id must come from the form field
    # Piper samples noise, so its speech (and what Whisper hears) varies slightly per run.
    question = client.post("/tts", json={"text": "Do you have a black linen shirt in size medium?",
                                         "language": "en"})
    response = client.post(
        "/voice/chat", files={"audio": ("q.wav", question.content, "audio/wav")},
        data={"session_id": "voice-session-01", "language": "en"},
    )
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["x-session-id"] == "voice-session-01"
    events = sse_events(response)
    names = [name for name, _ in events]
    assert names[:2] == ["transcript", "meta"] and names[-1] == "done", names
    heard = set(re.findall(r"[a-z]+", events[0][1]["text"].lower()))
    assert len(heard & {"black", "linen", "shirt", "size", "medium"}) >= 3, events[0][1]
    assert events[0][1]["language"] == "en"
    audio = [data for name, data in events if name == "audio"]
    assert audio and [a["index"] for a in audio] == list(range(len(audio)))
    assert all(a["text"] and a["wav_base64"] for a in audio)
    timings = events[-1][1]["timings"]
    assert {"stt_ms", "ttft_ms", "first_audio_ms", "retrieval_ms"} <= set(timings)
    assert timings["stt_ms"] <= timings["ttft_ms"] <= timings["first_audio_ms"]


def test_voice_chat_with_no_speech_is_an_error_event(client):
    response = client.post("/voice/chat", files={"audio": ("s.wav", silence_wav(2), "audio/wav")},
                           data={"session_id": "voice-session-02"})
    events = sse_events(response)
    assert [name for name, _ in events] == ["transcript", "error"]
    assert events[1][1]["message"].startswith("음성을 인식하지 못했습니다")


def test_voice_chat_rejects_a_malformed_session_id(client):
    response = client.post("/voice/chat", files={"audio": ("q.wav", espeak("hello"), "audio/wav")},
                           headers={"X-Session-ID": "bad id!"})
    assert_error(response, 400, "invalid_session_id")
