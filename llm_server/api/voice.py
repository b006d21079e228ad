"""Voice routes: speech-to-text, text-to-speech and the spoken chat round trip."""

from __future__ import annotations

import time

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from llm_server.api.deps import ChatDep, RuntimeDep, resolve_session_id, session_headers
from llm_server.api.sse import sse_body, sse_response
from llm_server.speech import SpeechService
from llm_server.speech.voice_chat import VoiceTurn

router = APIRouter(tags=["voice"])


class TTSRequest(BaseModel):
    text: str = Field(..., description="What to say (at most MAX_TTS_CHARS characters)")
    language: str | None = Field(None, description="ko, en, ...; default: from the text")
    voice: str | None = Field(None, description="A voice id; an unknown one lists the installed")


def _speech(request: Request) -> SpeechService:
    return request.app.state.speech


@router.post("/stt")
async def speech_to_text(request: Request, audio: UploadFile = File(...),
                         language: str | None = Form(None)) -> dict:
    """Transcribe a recording (webm/opus, ogg, wav, mp3, m4a); `language` ko, en or auto."""
    speech = _speech(request)
    transcript = await speech.transcribe(await speech.read_audio(audio), language)
    return transcript.to_dict()


@router.post("/tts", response_class=StreamingResponse,
             responses={200: {"content": {"audio/wav": {}}}})
async def text_to_speech(request: Request, body: TTSRequest) -> StreamingResponse:
    """Speak text as audio/wav, streamed sentence by sentence."""
    stream = await _speech(request).open_tts(body.text, body.language, body.voice)
    headers = {"X-TTS-Engine": stream.voice.engine, "X-TTS-Voice": stream.voice.id}
    return StreamingResponse(stream.chunks(), media_type="audio/wav", headers=headers)


@router.post("/voice/chat", response_description="text/event-stream: transcript, meta, "
             "token..., audio..., done / error")
async def voice_chat(request: Request, chat: ChatDep, runtime: RuntimeDep,
                     audio: UploadFile = File(...), session_id: str | None = Form(None),
                     language: str | None = Form(None)) -> StreamingResponse:
    """Spoken question in; transcript, answer tokens and spoken answer sentences out (SSE)."""
    started = time.perf_counter()
    sid = resolve_session_id(request, session_id)
    runtime.require_retriever()
    speech = _speech(request)
    transcript = await speech.transcribe(await speech.read_audio(audio), language)
    if transcript.text:
        chat.validate(transcript.text)
    stt_ms = round((time.perf_counter() - started) * 1000, 1)
    turn = VoiceTurn(speech, chat, transcript, sid, started, stt_ms)
    body = sse_body(turn.events(), runtime.stats, runtime.settings.sse_ping_s)
    return sse_response(body, session_headers(sid))
