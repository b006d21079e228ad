"""The real `embedding-pipeline` CLI in its own process (hash embedder: no model to load),
a long-lived reader of the embedded store it writes, and what a clean sync would write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass

from embedding_pipeline.source import iso, parse_time, plain_product
from llm_server.config import PROJECT_ROOT, Settings
from llm_server.rag.documents import content_hash, is_indexable, product_document
from llm_server.rag.store import ChromaStore, connect
from tests.fakes import HashEmbedder

PY = sys.executable
CLI = (
    "import sys\n"
    "from embedding_pipeline.cli import run\n"
    "from tests.pipeline.helpers import CountingEmbedder\n"
    "sys.exit(run(sys.argv[1:], make_embedder=lambda settings: CountingEmbedder()))\n"
)
@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def json(self) -> dict:
        return json.loads(self.stdout.strip().splitlines()[-1])


def base_env(**values: str) -> dict[str, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", **values}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    return env


def pipeline(env: dict[str, str], *argv: str, timeout: float = 120) -> Ran:
    started = time.monotonic()
    proc = subprocess.run(
        [PY, "-c", CLI, *argv], env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)


def start_pipeline(env: dict[str, str], *argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [PY, "-c", CLI, *argv], env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def expected(source) -> tuple[dict[str, list], str]:
    """What a clean sync writes: id -> [document, content hash] of every indexable product,
    and the watermark (the newest updatedAt read)."""
    docs = [plain_product(d) for d in source.find({})]
    items = {d["sku"]: [product_document(d), content_hash(d)] for d in docs if is_indexable(d)}
    return items, iso(max(parse_time(d["updatedAt"]) for d in docs))


class Reader:
    """A long-lived reader of the embedded store, as a running llm_server holds one."""

    def __init__(self, path):
        self.store = ChromaStore(connect(Settings(chroma_path=str(path))), HashEmbedder())
        self.name = Settings().products_collection

    def items(self) -> dict[str, list]:
        return {h.id: [h.document, h.metadata.get("content_hash")] for h in self.store.iter_all(self.name)}

    def top(self, text: str = "린넨 셔츠") -> list[str]:
        return [h.id for h in self.store.query(self.name, HashEmbedder().embed_query(text), 3)]

    def watermark(self) -> str | None:
        return self.store.get_meta(self.name, "sync_watermark")


def one_clear_line(ran: Ran, code: str, *words: str) -> str:
    """A failed --json run: exactly one stderr line holding `words`, and the error code."""
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in ran.stderr, ran.stderr[-2000:]
    assert all(word in lines[0] for word in words), lines[0]
    assert ran.json["error"]["code"] == code, ran.stdout
    return lines[0]
