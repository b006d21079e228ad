"""The shopper's name, extracted from the conversation: the one conversational fact an
extractive answer (no LLM) can remember.

A free-generating model reads the history in its prompt; an extractive answer cannot, so
"제 이름은 민수예요" ... "제 이름이 뭐였죠?" is answered here from the session's own messages.
"""

from __future__ import annotations

import re

from llm_server.llm.base import ChatMessage

_NAME_INTRO = re.compile(
    r"(?:제|내|저의|나의)\s*이름은\s*([가-힣A-Za-z]{1,12}?)\s*(?:이에요|예요|입니다|이야|야|이라고\s*해요|라고\s*해요|요)?\s*[.!~]*$"
)
_NAME_QUESTION = re.compile(r"(?:제|내)\s*이름(?:이|은)?\s*(?:뭐|무엇|기억)")


def introduced_name(text: str) -> str | None:
    match = _NAME_INTRO.search(text.strip())
    return match.group(1) if match else None


def name_reply(question: str, history: list[ChatMessage]) -> str | None:
    """A reply about the shopper's name, or None when the message is a shop question."""
    if name := introduced_name(question):
        return f"반가워요, {name}님! 찾으시는 상품이나 궁금한 점을 말씀해 주세요."
    if not _NAME_QUESTION.search(question):
        return None
    for message in reversed(history):
        if message.role == "user" and (name := introduced_name(message.content)):
            return f"{name}님이라고 하셨어요. 무엇을 도와드릴까요?"
    return "아직 이름을 알려주지 않으셨어요. 알려주시면 이 대화 동안 기억해 둘게요."
