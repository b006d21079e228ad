"""What the chat service asks of the admin side, in one object: an operator's annotation
reply for a question, and recording each answered turn under a new turn id."""

from __future__ import annotations

import logging

from llm_server.admin.annotations import AnnotationIndex
from llm_server.admin.turns import TurnFaq, TurnLog, TurnProduct, TurnRecord, new_turn_id
from llm_server.protocol import FaqEntry, MetaEvent

log = logging.getLogger(__name__)


class TurnJournal:
    def __init__(self, turns: TurnLog, annotations: AnnotationIndex):
        self.turns = turns
        self.annotations = annotations

    def annotation(self, question: str) -> FaqEntry | None:
        try:
            return self.annotations.match(question)
        except Exception as exc:  # noqa: BLE001 - a store hiccup must not fail the turn; retrieval answers
            log.warning("annotation lookup failed: %s", exc)
            return None

    async def record(self, meta: MetaEvent, question: str, answer: str, annotated: bool = False) -> str | None:
        """Store the turn; its id, or None when the log is unavailable (the turn still succeeds)."""
        turn = TurnRecord(
            turn_id=new_turn_id(),
            session_id=meta.session_id,
            question=question,
            answer=answer,
            answer_mode=meta.answer_mode,
            intent=meta.intent,
            products=[TurnProduct(sku=p.sku, name=p.name, score=p.score) for p in meta.products],
            faq=[TurnFaq(id=f.id, question=f.question, score=f.score) for f in meta.faq],
            filters=meta.filters.as_dict(),
            annotated=annotated,
        )
        try:
            await self.turns.record(turn)
        except Exception as exc:  # noqa: BLE001 - Redis down: the shopper still gets the answer
            log.warning("turn log unavailable: %s", exc)
            return None
        return turn.turn_id
