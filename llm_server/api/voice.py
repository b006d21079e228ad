"""Voice routes: speech-to-text, text-to-speech and the spoken chat round trip."""

from __future__ import annotations

import time

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from llm_server.api.deps import ChatDep, RuntimeDep, SpeechDep, resolve_session_id, session_headers
from llm_server.api.openapi import error_responses, event_stream
from llm_server.api.sse import sse_response
from llm_server.observability import observed
from llm_server.protocol import VOICE_EVENTS
from llm_server.speech.voice_chat import VoiceTurn

router = APIRouter(tags=["voice"])
AUDIO_ERRORS = error_responses(400, 413, 415, 422, 503)


class TTSRequest(BaseModel):
    text: str = Field(..., description="What to say (at most MAX_TTS_CHARS characters)")
    language: str | None = Field(None, description="ko, en, ...; default: from the text")
    voice: str | None = Field(None, description="A voice id; an unknown one lists the installed")


@router.post("/stt", responses=AUDIO_ERRORS)
async def speech_to_text(speech: SpeechDep, audio: UploadFile = File(...),
                         language: str | None = Form(None)) -> dict:
    """Transcribe a recording (webm/opus, ogg, wav, mp3, m4a); `language` ko, en or auto."""
    transcript = await speech.transcribe(await speech.read_audio(audio), language)
    return transcript.to_dict()


@router.post("/tts", response_class=StreamingResponse,
             responses={200: {"content": {"audio/wav": {}}}, **error_responses(400, 413, 422, 503)})
async def text_to_speech(speech: SpeechDep, body: TTSRequest) -> StreamingResponse:
    """Speak text as audio/wav, streamed sentence by sentence."""
    stream = await speech.open_tts(body.text, body.language, body.voice)
    headers = {"X-TTS-Engine": stream.voice.engine, "X-TTS-Voice": stream.voice.id, **stream.headers()}
    return StreamingResponse(stream.chunks(), media_type="audio/wav", headers=headers)


@router.post("/voice/chat", response_class=Response, responses={
    **event_stream(VOICE_EVENTS, "Spoken question in; transcript, answer tokens and spoken sentences out."),
    **AUDIO_ERRORS,
})
async def voice_chat(request: Request, chat: ChatDep, speech: SpeechDep, runtime: RuntimeDep,
                     audio: UploadFile = File(...),
                     session_id: str | None = Form(None, json_schema_extra={"pattern": "^[A-Za-z0-9_-]{8,64}$"}),
                     language: str | None = Form(None)):
    """Spoken question in; transcript, answer tokens and spoken answer sentences out (SSE)."""
    started = time.perf_counter()
    sid = resolve_session_id(request, session_id)
    transcript = await speech.transcribe(await speech.read_audio(audio), language)
    if transcript.text:
        chat.validate(transcript.text)
    stt_ms = round((time.perf_counter() - started) * 1000, 1)
    turn = VoiceTurn(speech, chat, transcript, sid, started, stt_ms)
    headers = session_headers(sid, runtime.settings.session_ttl_s)
    return sse_response(observed(turn.events(), "voice"), runtime.stats, runtime.settings.sse_ping_s, headers)
