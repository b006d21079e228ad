"""Optional LLM query rewriting for follow-ups (generate mode, trusted models only).

The rules in `frames`/`state` already carry slots (category, price, size, colour, wash)
from turn to turn. What they cannot carry is free wording: "그거 말고 좀 더 캐주얼한 거",
"카드로 결제했으면요?". With `QUERY_REWRITE=true` and an LLM whose prose is trusted
(`LLM_TRUSTED_PROSE`), such a follow-up is rewritten into one standalone Korean search
query before retrieval. The rewrite only changes the retrieval text (ranking words and
the FAQ query); filters still come from the merged dialogue state, so a wrong rewrite
cannot show a product outside the shopper's conditions. Any failure, timeout or odd
output falls back to the message itself.

Off by default: on a GPU the extra call costs roughly one short generation (prefill of
the recent turns + ~20 tokens) before the answer starts, which counts against TTFT.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence

import anyio

from llm_server.dialogue.frames import Frame
from llm_server.dialogue.state import DialogueState
from llm_server.llm.base import ChatMessage, GenerationOptions, LLMBackend

log = logging.getLogger(__name__)

REWRITE_INSTRUCTIONS = (
    "당신은 온라인 의류 쇼핑몰 검색 도우미입니다. 대화의 마지막 고객 메시지를 앞 대화 없이도 "
    "이해되는 한국어 검색 문장 하나로 바꿔 쓰세요. 앞 대화에서 이어지는 상품 종류, 조건, 질문 "
    "주제를 넣고, 새로운 조건을 지어내지 마세요. 검색 문장만 한 줄로 쓰세요."
)
#: How much of the conversation the rewrite sees (most recent turns).
HISTORY_MESSAGES = 4
MAX_QUERY_CHARS = 100
OPTIONS = GenerationOptions(temperature=0.0, max_tokens=48, stop=("\n",))
_LABEL = re.compile(r"^\s*(?:검색\s*(?:문장|어|쿼리)?|query|rewritten(?: query)?)\s*[:：]\s*", re.I)


def should_rewrite(frame: Frame, state: DialogueState) -> bool:
    """Only a follow-up inside an active shop conversation: not a new complete request,
    not a reset, not an action or a product question (those have their own paths)."""
    return (
        state.active
        and frame.intent == "shop"
        and not frame.new_request
        and not frame.reset
        and len(frame.text) <= 60
    )


def rewrite_prompt(message: str, history: Sequence[ChatMessage]) -> list[ChatMessage]:
    recent = [m for m in history if m.role in ("user", "assistant")][-HISTORY_MESSAGES:]
    lines = [f"{'고객' if m.role == 'user' else '점원'}: {m.content[:300]}" for m in recent]
    lines.append(f"고객(마지막 메시지): {message}")
    return [
        ChatMessage("system", REWRITE_INSTRUCTIONS),
        ChatMessage("user", "\n".join(lines) + "\n\n검색 문장:"),
    ]


def clean_rewrite(text: str) -> str | None:
    """The model's output as a query, or None when it is not one line of 2-100 characters
    with letters in it."""
    first = unicodedata.normalize("NFC", text).strip().splitlines()[0] if text.strip() else ""
    query = _LABEL.sub("", first).strip().strip("\"'“”‘’`").strip()
    if not 2 <= len(query) <= MAX_QUERY_CHARS or not re.search(r"[가-힣A-Za-z]", query):
        return None
    return query


class QueryRewriter:
    """Rewrites a follow-up into a standalone query with the chat model."""

    def __init__(self, llm: LLMBackend, timeout_s: float = 3.0):
        self.llm = llm
        self.timeout_s = timeout_s

    async def rewrite(self, message: str, history: Sequence[ChatMessage]) -> str | None:
        """The standalone query, or None (model error, timeout after `timeout_s`, odd output)."""
        try:
            with anyio.fail_after(self.timeout_s):
                text = await self.llm.complete(rewrite_prompt(message, history), OPTIONS)
        except Exception as exc:  # noqa: BLE001 - any failure falls back to the message itself
            log.info("query rewrite skipped: %s", type(exc).__name__)
            return None
        return clean_rewrite(text)
