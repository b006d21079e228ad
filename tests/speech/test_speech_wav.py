import io
import wave

import numpy as np
import pytest

from llm_server.speech.wav import (
    duration_s,
    float_to_pcm16,
    read_pcm,
    streaming_header,
    to_wav,
)


def test_to_wav_is_a_wav_the_standard_library_reads():
    pcm = float_to_pcm16(np.sin(np.linspace(0, 440 * 2 * np.pi, 22050)))
    with wave.open(io.BytesIO(to_wav(pcm, 22050))) as parsed:
        assert (parsed.getframerate(), parsed.getnchannels(), parsed.getsampwidth()) == (22050, 1, 2)
        assert parsed.readframes(parsed.getnframes()) == pcm


def test_streaming_header_is_open_ended_and_reads_back_what_follows():
    body = streaming_header(16000) + b"\x01\x00" * 16000
    assert len(streaming_header(16000)) == 44
    assert read_pcm(body) == (b"\x01\x00" * 16000, 16000)
    assert duration_s(body) == pytest.approx(1.0)


def test_float_to_pcm16_clips():
    assert np.frombuffer(float_to_pcm16([2.0, -2.0, 0.0]), "<i2").tolist() == [32767, -32767, 0]


def test_read_pcm_rejects_non_wav():
    with pytest.raises(ValueError):
        read_pcm(b"ID3\x04 not a wav")


def test_read_pcm_of_espeak_stdout_whose_sizes_are_unknown(speak):
    pcm, sample_rate = read_pcm(speak("hello"))
    assert sample_rate == 22050 and 0.2 < len(pcm) / 2 / sample_rate < 2.0
