"""Which FAQ topic a question asks about, when it names a store policy.

"옷 빨았는데 반품 가능해요?" mentions washing, but what it asks is a return: the policy word
carries the question, the care word its condition. When a message names exactly one policy
topic (returns/exchanges, payment, delivery) and the FAQ's top entry belongs to another
category while one of the next entries belongs to the named one, that entry goes first.
Only FAQ entries that carry a category (the demo shop's `category` column) are moved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from llm_server.protocol import FaqEntry

Entry = TypeVar("Entry", FaqEntry, dict)

#: FAQ category -> the words that ask about it (the question's predicate, not a condition).
POLICY_TOPICS: dict[str, re.Pattern] = {
    "교환/반품": re.compile(r"반품|환불|교환|취소|돌려\s*받|돌려\s*보내|되돌려|\b(?:return|refund|exchange|cancel)", re.I),
    "결제": re.compile(r"결제|할부|입금|영수증|\b(?:pay|payment|card)\b", re.I),
    "배송": re.compile(r"배송|택배|출고|발송|도착|\b(?:ship|shipping|deliver|delivery)", re.I),
}
#: A delivery word that only names the fee: "교환하면 배송비", "return shipping cost" ask
#: about the return or exchange, whose fee it is.
FEE_ONLY = re.compile(r"배송비|택배비|배송료|왕복|shipping (?:fee|cost)|return shipping", re.I)
#: How many entries below the top one may be promoted.
PROMOTE_WITHIN = 3


def policy_topic(text: str) -> str | None:
    """The one policy topic `text` names, or None (none, or several: "반품하면 언제 배송돼요").
    A return or exchange with only a fee word for delivery ("교환하면 배송비") is a return."""
    named = [topic for topic, pattern in POLICY_TOPICS.items() if pattern.search(text)]
    if set(named) == {"교환/반품", "배송"} and _fee_only(text):
        return "교환/반품"
    return named[0] if len(named) == 1 else None


def _fee_only(text: str) -> bool:
    """True when every delivery word in `text` is part of a fee word ("교환 배송비")."""
    return bool(FEE_ONLY.search(text)) and not POLICY_TOPICS["배송"].search(FEE_ONLY.sub(" ", text))


def topic_first(faq: Sequence[Entry], text: str) -> list[Entry]:
    """`faq` (FaqEntry or the same as dicts) with the best entry of the question's policy
    topic first (see module doc)."""
    entries = list(faq)
    topic = policy_topic(text)
    if topic is None or not entries or not _category(entries[0]) or _category(entries[0]) == topic:
        return entries
    for index, entry in enumerate(entries[1:PROMOTE_WITHIN], start=1):
        if _category(entry) == topic:
            return [entry, *entries[:index], *entries[index + 1 :]]
    return entries


def _category(entry: Entry) -> str | None:
    return entry.get("category") if isinstance(entry, dict) else entry.category
