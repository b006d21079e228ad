"""Annotation replies: an operator's fix for a disliked answer, given at once to the next
shopper who asks the same question.

A fix is an ordinary FAQ entry (so retrieval, the Edit tab and CSV imports see it) whose
metadata carries `source=annotation` and `annotation_key`, the question normalised
(NFC, lower case, letters and digits only): "배송비 얼마예요?" and "배송비얼마예요" match.
The index mirrors the FAQ collection's annotations and reloads when the collection's
index version changes (any writer, any process), checked at most every `refresh_s`;
the admin service invalidates it after its own writes, so a fix applies to the very next turn.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Callable

from llm_server.protocol import FaqEntry
from llm_server.rag.documents import faq_from_metadata
from llm_server.rag.store import VectorStore

SOURCE_KEY = "source"
ANNOTATION = "annotation"
KEY_FIELD = "annotation_key"
_NOT_WORD = re.compile(r"[\W_]+")


def annotation_key(question: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFC", question).lower())


class AnnotationIndex:
    def __init__(
        self, store: VectorStore, collection: str, refresh_s: float = 2.0, clock: Callable[[], float] = time.monotonic
    ):
        self.store, self.collection = store, collection
        self.refresh_s, self._clock = refresh_s, clock
        self._entries: dict[str, FaqEntry] = {}
        self._version: str | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def match(self, question: str) -> FaqEntry | None:
        """The operator's answer for exactly this question, if there is one."""
        key = annotation_key(question)
        if not key:
            return None
        self._refresh()
        return self._entries.get(key)

    def invalidate(self) -> None:
        with self._lock:
            self._version, self._checked_at = None, float("-inf")

    def _refresh(self) -> None:
        now = self._clock()
        if now - self._checked_at < self.refresh_s:
            return
        with self._lock:
            self._checked_at = now
            version = self.store.version(self.collection)
            if version == self._version:
                return
            self._entries = self._load()
            self._version = version

    def _load(self) -> dict[str, FaqEntry]:
        entries = {}
        for hit in self.store.iter_all(self.collection, documents=False):
            if hit.metadata.get(SOURCE_KEY) == ANNOTATION and hit.metadata.get(KEY_FIELD):
                entries[str(hit.metadata[KEY_FIELD])] = faq_from_metadata(hit.id, hit.metadata, 1.0)
        return entries
