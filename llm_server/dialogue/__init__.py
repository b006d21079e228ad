"""Conversation understanding: message -> frame (intent + slots), merged into dialogue state.

Sits between `chat/` (orchestration) and `rag/` (retrieval): `frames` interprets one
message, `state` keeps the per-session dialogue state and its merge rules, `gate` decides
whether a message belongs to the shop at all, `colors` and `prices` read slot values.
"""
