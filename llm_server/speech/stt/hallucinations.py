"""Whisper's known "silence hallucinations": phrases it invents for silence or noise.

Whisper learnt from subtitled broadcasts and videos, so on non-speech it tends to emit
their closing lines. Broadcast/video outros are never a shopper's question and are always
dropped; polite closings that a customer could really say are dropped only when the
model itself doubts there was speech. Repetition loops ("흑흑 흑흑 흑흑 ...") are dropped
by their compression ratio, the same signal Whisper itself uses to reject a decoding.
"""

from __future__ import annotations

import re

from llm_server.speech.stt.base import Segment

_ALWAYS = [
    r"시청(해|하여)? ?주셔서 감사(합니다|드립니다)",
    r"구독(과|이랑|하고)? ?좋아요",
    r"좋아요(와|랑)? ?구독",
    r"(MBC|KBS|SBS|YTN|JTBC) ?뉴스",
    r"자막 ?(제공|제작|by)",
    r"다음 ?영상에서 ?만나요",
    r"thanks? (you )?for watching",
    r"subtitles? by",
    r"please subscribe",
]
_IF_UNSURE = [
    r"^감사합니다[.!]?$",
    r"^수고(하셨습니다|하십시오|하세요)[.!]?$",
    r"^고맙습니다[.!]?$",
    r"^thank you[.!]?$",
    r"^you$",
    r"^\.+$",
]
_ALWAYS_RE = re.compile("|".join(_ALWAYS), re.IGNORECASE)
_IF_UNSURE_RE = re.compile("|".join(_IF_UNSURE), re.IGNORECASE)
NO_SPEECH_DOUBT = 0.3
LOGPROB_DOUBT = -0.7
REPETITION_RATIO = 2.4  # faster-whisper's compression_ratio_threshold


def is_hallucination(segment: Segment) -> bool:
    text = segment.text.strip()
    if _ALWAYS_RE.search(text) or segment.compression_ratio > REPETITION_RATIO:
        return True
    unsure = segment.no_speech_prob >= NO_SPEECH_DOUBT or segment.avg_logprob <= LOGPROB_DOUBT
    return unsure and bool(_IF_UNSURE_RE.search(text))


def drop_hallucinations(segments: list[Segment]) -> list[Segment]:
    return [segment for segment in segments if not is_hallucination(segment)]
