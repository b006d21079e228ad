import pytest

from llm_server.speech.stt.base import Segment
from llm_server.speech.stt.hallucinations import drop_hallucinations, is_hallucination


def segment(text, no_speech_prob=0.0, avg_logprob=-0.2, compression_ratio=1.1):
    return Segment(0.0, 1.0, text, no_speech_prob=no_speech_prob, avg_logprob=avg_logprob,
                   compression_ratio=compression_ratio)


@pytest.mark.parametrize("text", [
    "시청해주셔서 감사합니다.", "시청해 주셔서 감사합니다", "구독과 좋아요 부탁드립니다",
    "MBC 뉴스 이덕영입니다.", "자막 제공 배달의민족", "Thanks for watching!",
])
def test_broadcast_outros_are_always_dropped(text):
    assert is_hallucination(segment(text))


@pytest.mark.parametrize("text", ["감사합니다.", "수고하셨습니다.", "수고하십시오", "Thank you."])
def test_polite_closings_are_dropped_only_when_the_model_doubts_speech(text):
    assert is_hallucination(segment(text, no_speech_prob=0.6))
    assert is_hallucination(segment(text, avg_logprob=-1.1))
    assert not is_hallucination(segment(text, no_speech_prob=0.01, avg_logprob=-0.1))


def test_real_questions_are_kept():
    kept = [segment("이 셔츠 M 사이즈 있나요?"), segment("배송은 얼마나 걸려요? 감사합니다")]
    assert drop_hallucinations([*kept, segment("시청해주셔서 감사합니다")]) == kept


def test_repetition_loops_are_dropped():
    assert is_hallucination(segment("흑흑 흑흑 흑흑 흑흑 흑흑 흑흑 흑흑 흑흑", compression_ratio=3.1))
    assert not is_hallucination(segment("검정 셔츠 있어요?", compression_ratio=0.9))
