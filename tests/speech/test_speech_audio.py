import io

import numpy as np
import pytest
from starlette.datastructures import UploadFile

from llm_server.speech.audio import decode_audio, read_upload
from llm_server.speech.errors import AudioTooLarge, EmptyAudio, UnsupportedAudio


@pytest.mark.parametrize("extension", ["wav", "webm", "ogg", "mp3", "m4a"])
def test_browser_and_common_formats_decode_to_16k_mono(speak, encode, extension):
    wav = speak("The black linen shirt costs thirty dollars.")
    data = wav if extension == "wav" else encode(wav, extension)
    samples = decode_audio(data, max_s=60)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert 1.5 < samples.size / 16_000 < 5.0
    assert 0.1 < np.abs(samples).max() <= 1.0


@pytest.mark.parametrize("data", [b"definitely not audio" * 50, b"\x89PNG\r\n\x1a\n" + bytes(200)])
def test_undecodable_input_is_415_naming_the_accepted_formats(data):
    with pytest.raises(UnsupportedAudio) as caught:
        decode_audio(data, max_s=60)
    assert caught.value.status_code == 415
    assert "webm" in caught.value.message and "m4a" in caught.value.message


def test_audio_longer_than_the_limit_is_413(speak):
    with pytest.raises(AudioTooLarge) as caught:
        decode_audio(speak("one two three four five six seven eight"), max_s=1.0)
    assert caught.value.status_code == 413


@pytest.mark.anyio
async def test_read_upload_limits_size_and_refuses_empty_files():
    assert await read_upload(UploadFile(io.BytesIO(b"x" * 1000)), max_mb=0.01) == b"x" * 1000
    with pytest.raises(AudioTooLarge):
        await read_upload(UploadFile(io.BytesIO(b"x" * 20_000)), max_mb=0.01)
    with pytest.raises(EmptyAudio) as caught:
        await read_upload(UploadFile(io.BytesIO(b"")), max_mb=1)
    assert caught.value.status_code == 400
