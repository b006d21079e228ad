"""WAV containers for 16-bit mono PCM: whole files, and open-ended headers for streaming."""

from __future__ import annotations

import struct

import numpy as np

SAMPLE_WIDTH = 2
# Largest data size a RIFF header can state; players treat it as "until the stream ends".
STREAMING_DATA_SIZE = 0xFFFFFFFF - 36


def streaming_header(sample_rate: int, data_size: int = STREAMING_DATA_SIZE) -> bytes:
    """A 44-byte PCM WAV header whose sizes are open-ended, for chunked responses."""
    byte_rate = sample_rate * SAMPLE_WIDTH
    return (
        b"RIFF" + struct.pack("<I", data_size + 36) + b"WAVE"
        + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, sample_rate, byte_rate, SAMPLE_WIDTH, 16)
        + b"data" + struct.pack("<I", data_size)
    )


def to_wav(pcm: bytes, sample_rate: int) -> bytes:
    """A complete WAV file for one piece of 16-bit mono PCM."""
    return streaming_header(sample_rate, len(pcm)) + pcm


def float_to_pcm16(samples) -> bytes:
    """Float samples in [-1, 1] -> little-endian int16 bytes."""
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    return (clipped * 32767).astype("<i2").tobytes()


def read_pcm(data: bytes) -> tuple[bytes, int]:
    """PCM bytes and sample rate of a 16-bit mono WAV, even one with open-ended sizes."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    offset, sample_rate = 12, 0
    while offset + 8 <= len(data):
        chunk, size = data[offset:offset + 4], struct.unpack("<I", data[offset + 4:offset + 8])[0]
        if chunk == b"fmt ":
            channels, sample_rate = struct.unpack("<HI", data[offset + 10:offset + 16])
            if channels != 1:
                raise ValueError("only mono WAV is supported")
        if chunk == b"data":
            return data[offset + 8:offset + 8 + min(size, len(data))], sample_rate
        offset += 8 + size + (size & 1)
    raise ValueError("WAV file has no data chunk")


def duration_s(wav_bytes: bytes) -> float:
    """Playable duration of a (possibly open-ended) 16-bit mono WAV."""
    pcm, sample_rate = read_pcm(wav_bytes)
    return len(pcm) / (SAMPLE_WIDTH * sample_rate)

