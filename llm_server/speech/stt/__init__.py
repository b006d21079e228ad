"""Speech-to-text: the STTEngine contract and the STT_MODELS fallback chain."""

from __future__ import annotations

from llm_server.speech.stt.base import Segment, STTEngine, Transcript
from llm_server.speech.stt.faster_whisper import FasterWhisperSTT, cuda_available

__all__ = ["STTEngine", "Segment", "Transcript", "FasterWhisperSTT", "build_stt_candidates"]


def build_stt_candidates(settings) -> list[STTEngine]:
    """One engine per (model, device) to try in order; the first that loads wins.

    With STT_DEVICE=auto on a CUDA machine every model is tried on the GPU, then on the CPU.
    """
    models = [m.strip() for m in settings.stt_models.split(",") if m.strip()]
    devices = [settings.stt_device]
    if settings.stt_device == "auto":
        devices = ["cuda", "cpu"] if cuda_available() else ["cpu"]
    return [FasterWhisperSTT(model, device, settings.stt_compute_type)
            for model in models for device in devices]
