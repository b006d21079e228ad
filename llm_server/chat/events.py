"""What a chat turn emits, whatever the transport (SSE, JSON, WebSocket).

The payloads are the typed models of `llm_server.protocol`; each has `.event` (its name
on the wire) and `.data` (its JSON-ready payload). `ChatEvent` is the untyped envelope
for events built elsewhere (the voice turn's transcript and audio, test scripts): any
object with `.event` and `.data` can travel through a transport.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class WireEvent(Protocol):
    """What a transport needs from an event: its name and its JSON-ready payload."""

    @property
    def event(self) -> str: ...

    @property
    def data(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ChatEvent:
    event: str  # meta | token | done | error (voice adds transcript | audio)
    data: dict
