"""The voice branch of the app's error hierarchy (llm_server/errors.py renders them all).

    BadRequest (400)             EmptyAudio, UnsupportedLanguage, UnknownVoice
    PayloadTooLarge (413)        AudioTooLarge, TextTooLong
    UnsupportedMediaType (415)   UnsupportedAudio
    ServiceUnavailable (503)     VoiceUnavailable
"""

from __future__ import annotations

from llm_server.errors import BadRequest, PayloadTooLarge, ServiceUnavailable, UnsupportedMediaType

ACCEPTED_FORMATS = "webm(opus), ogg(opus/vorbis), wav, mp3, m4a(aac)"


class EmptyAudio(BadRequest):
    code = "empty_audio"
    default_message = "오디오 파일이 비어 있습니다. / The audio file is empty."


class UnsupportedLanguage(BadRequest):
    code = "unsupported_language"


class UnknownVoice(BadRequest):
    code = "unknown_voice"


class AudioTooLarge(PayloadTooLarge):
    code = "audio_too_large"


class TextTooLong(PayloadTooLarge):
    code = "text_too_long"


class UnsupportedAudio(UnsupportedMediaType):
    code = "unsupported_audio"
    default_message = (
        f"오디오를 해석할 수 없습니다. 지원 형식: {ACCEPTED_FORMATS} / "
        f"Could not decode the audio. Accepted formats: {ACCEPTED_FORMATS}."
    )


class VoiceUnavailable(ServiceUnavailable):
    code = "voice_unavailable"
