"""Sentence splitting for speech: whole texts for /tts, token streams for /voice/chat."""

from __future__ import annotations

import re
import unicodedata

# A sentence ends at terminal punctuation followed by whitespace, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?…。！？~])\s+|\n+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]+|^\s*[-•]\s+", re.MULTILINE)
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]")
MIN_SPEAKABLE_CHARS = 2  # "1." from a numbered list is not a sentence of its own
MAX_SENTENCE_CHARS = 220  # speak long unpunctuated runs in pieces


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Characters that carry meaning a normaliser can read ("₩", "%", "°C", "1+1", "S/M", "2~3").
_READABLE_SYMBOLS = frozenset("₩￦$€%°℃+&/~～-")
# Unicode categories never meant to be heard: emoji and other pictographs (So), emoji skin-tone
# and other modifiers (Sk), arrows and math signs (Sm), joiners and tags (Cf), private use,
# surrogates, unassigned.
_SILENT_CATEGORIES = frozenset({"So", "Sk", "Sm", "Cf", "Co", "Cs", "Cn"})
_SILENT_PUNCTUATION = frozenset("*#_`|\\^=<>{}[]@※•◦▪‣†‡§¶")


def _audible(ch: str) -> bool:
    if ch in _READABLE_SYMBOLS:
        return True
    if ch in _SILENT_PUNCTUATION or unicodedata.category(ch) in _SILENT_CATEGORIES:
        return False
    return not 0xFE00 <= ord(ch) <= 0xFE0F  # emoji variation selectors


def audible_text(text: str) -> str:
    """Only what is meant to be heard: no emoji, pictographs, markup symbols, URLs or e-mails.
    Every TTS engine is given text through this (TTSChain.speak), whatever the caller."""
    text = _EMAIL.sub("", _URL.sub("", _TAG.sub("", text)))
    text = "".join(ch if _audible(ch) else " " for ch in text)
    text = re.sub(r"[ \t]+(?=[.,!?…])", "", text)  # "choice 👍." reads as "choice."
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def clean_for_speech(text: str) -> str:
    """Drop markdown markup, URLs, emoji and symbols that no voice should read aloud."""
    text = _MARKUP.sub("", _URL.sub("", _LINK.sub(r"\1", _TAG.sub("", text))))
    return audible_text(text)


def language_of(text: str) -> str:
    """The TTS language an answer calls for: any Hangul -> "ko", else "en"."""
    return "ko" if _HANGUL.search(text) else "en"


def _speakable(sentence: str) -> bool:
    letters = [ch for ch in sentence if ch.isalpha()]
    return len(letters) >= MIN_SPEAKABLE_CHARS


class SentenceSplitter:
    """Feed streamed text; get back each sentence as soon as it is complete."""

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, text: str) -> list[str]:
        self._buffer += text
        parts = _BOUNDARY.split(self._buffer)
        self._buffer = parts.pop()
        return self._merge(parts) + self._cut_long_buffer()

    def _cut_long_buffer(self) -> list[str]:
        pieces = []
        while len(self._buffer) > MAX_SENTENCE_CHARS:
            cut = self._buffer.rfind(" ", 0, MAX_SENTENCE_CHARS)
            cut = cut if cut > 0 else MAX_SENTENCE_CHARS
            pieces.append(self._buffer[:cut].strip())
            self._buffer = self._buffer[cut:].lstrip()
        return pieces

    def flush(self) -> list[str]:
        rest, self._buffer = self._buffer, ""
        return self._merge([rest], final=True)

    def _merge(self, parts: list[str], final: bool = False) -> list[str]:
        sentences: list[str] = []
        carry = ""
        for part in parts:
            candidate = f"{carry} {part}".strip() if carry else part.strip()
            if _speakable(clean_for_speech(candidate)):
                sentences.append(candidate)
                carry = ""
            else:
                carry = candidate
        if carry and not final:
            self._buffer = f"{carry} {self._buffer.lstrip()}"
        elif _speakable(carry):
            sentences.append(carry)
        return sentences


def split_sentences(text: str) -> list[str]:
    """Split a complete text into speakable sentences."""
    splitter = SentenceSplitter()
    return splitter.feed(text) + splitter.flush()
