"""Voice: faster-whisper speech-to-text and Piper/Coqui/espeak text-to-speech.

Heavy libraries (faster_whisper, piper, TTS) are imported inside their adapters only.
"""

from llm_server.speech.service import SpeechService

__all__ = ["SpeechService"]
