"""Text-to-speech: the TTSEngine contract, its engines and the fallback chain."""

from llm_server.speech.tts.base import Speech, TTSEngine, Voice
from llm_server.speech.tts.chain import TTS_ENGINES, TTSChain

__all__ = ["Speech", "TTSEngine", "Voice", "TTS_ENGINES", "TTSChain"]
