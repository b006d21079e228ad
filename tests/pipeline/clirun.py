"""The real `embedding-pipeline` CLI in its own process (hash embedder: no model to load),
and a reader process that dumps what an embedded Chroma serves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass

from llm_server.config import PROJECT_ROOT

PY = sys.executable
CLI = (
    "import sys\n"
    "from embedding_pipeline.cli import run\n"
    "from tests.pipeline.helpers import CountingEmbedder\n"
    "sys.exit(run(sys.argv[1:], make_embedder=lambda settings: CountingEmbedder()))\n"
)
# every id with its document and content hash, the watermark, and a vector query's top 3
READER = (
    "import json, sys\n"
    "from llm_server.config import Settings\n"
    "from llm_server.rag.store import ChromaStore, connect\n"
    "from tests.fakes import HashEmbedder\n"
    "settings = Settings()\n"
    "store = ChromaStore(connect(settings), HashEmbedder())\n"
    "name = settings.products_collection\n"
    "items = {h.id: [h.document, h.metadata.get('content_hash')] for h in store.iter_all(name)}\n"
    "top = [h.id for h in store.query(name, HashEmbedder().embed_query(sys.argv[1]), 3)]\n"
    "print(json.dumps({'items': items, 'watermark': store.get_meta(name, 'sync_watermark'), 'top': top}))\n"
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


def read_index(env: dict[str, str], query: str = "린넨 셔츠", timeout: float = 60) -> dict:
    """What a reader process (a fresh embedded client, as llm_server opens one) is served."""
    proc = subprocess.run(
        [PY, "-c", READER, query], env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, f"the reader failed: {proc.stderr[-2000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])
