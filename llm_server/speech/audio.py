"""Uploaded audio -> 16 kHz mono float32, with the size/duration/format checks of /stt."""

from __future__ import annotations

import io
from itertools import chain

import numpy as np

from llm_server.speech.errors import AudioTooLarge, EmptyAudio, UnsupportedAudio
from llm_server.speech.stt.base import SAMPLE_RATE

_READ_CHUNK = 256 * 1024


async def read_upload(upload, max_mb: float) -> bytes:
    """Read an UploadFile, refusing it as soon as it passes `max_mb` (413)."""
    limit = int(max_mb * 1024 * 1024)
    data = bytearray()
    while chunk := await upload.read(_READ_CHUNK):
        data += chunk
        if len(data) > limit:
            raise AudioTooLarge(
                f"오디오 파일이 너무 큽니다 (최대 {max_mb:g}MB). / "
                f"Audio file larger than {max_mb:g} MB."
            )
    if not data:
        raise EmptyAudio()
    return bytes(data)


def decode_audio(data: bytes, max_s: float) -> np.ndarray:
    """Blocking: decode any container PyAV understands; 415 if it is not audio."""
    import av

    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.audio:
                raise UnsupportedAudio()
            samples = _decode_stream(container, container.streams.audio[0], max_s)
    except (av.FFmpegError, ValueError, EOFError) as exc:
        raise UnsupportedAudio() from exc
    if samples.size == 0:
        raise UnsupportedAudio()
    return samples


def _decode_stream(container, stream, max_s: float) -> np.ndarray:
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    pieces: list[np.ndarray] = []
    total, limit = 0, int(max_s * SAMPLE_RATE)
    for frame in chain(container.decode(stream), [None]):  # None flushes the resampler
        for resampled in resampler.resample(frame):
            pieces.append(resampled.to_ndarray().reshape(-1))
            total += pieces[-1].size
        if total > limit:
            raise AudioTooLarge(
                f"오디오가 너무 깁니다 (최대 {max_s:g}초). / Audio longer than {max_s:g} s."
            )
    joined = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)
    return joined.astype(np.float32) / 32768.0
