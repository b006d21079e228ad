"""A real small disk that the tests fill up: a tmpfs mounted for the test (root only).

Writes to a full tmpfs fail with ENOSPC exactly as on a full partition (SQLite reports
SQLITE_FULL, "database or disk is full"). Where mounting is not permitted the test cannot
run: it fails under CI=true (the fault would go untested) and is skipped elsewhere.
"""

from __future__ import annotations

import errno
import faulthandler
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHUNK = b"\0" * (256 * 1024)


def require(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason)
    pytest.skip(reason)


class SmallDisk:
    """`with SmallDisk(path, size_mb) as disk`: a tmpfs at `path`; `fill()` takes every free
    byte (a filler file), `free()` gives them back; unmounted on exit."""

    def __init__(self, path: Path, size_mb: int):
        self.path, self.size_mb = Path(path), size_mb
        self.filler = self.path / "filler.bin"

    def __enter__(self) -> SmallDisk:
        self.path.mkdir(parents=True, exist_ok=True)
        mount = shutil.which("mount")
        if mount is None:
            require("`mount` is not installed: the disk-full test needs a tmpfs")
        proc = subprocess.run(
            [mount, "-t", "tmpfs", "-o", f"size={self.size_mb}m,mode=0755", "tmpfs", str(self.path)],
            capture_output=True, text=True,
        )
        if proc.returncode != 0:
            require(f"cannot mount a tmpfs (needs root / CAP_SYS_ADMIN): {proc.stderr.strip()}")
        return self

    def __exit__(self, *exc) -> None:
        # lazy: a process of the test that still holds a file must not leave the mount behind
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True)

    def free_bytes(self) -> int:
        return shutil.disk_usage(self.path).free

    def fill(self) -> int:
        """Write until ENOSPC; returns the bytes taken. The disk then has 0 bytes free."""
        written, chunk = 0, CHUNK
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            while chunk:
                try:
                    written += os.write(fd, chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    chunk = chunk[: len(chunk) // 2]  # top up the last partial page
        finally:
            os.close(fd)
        assert self.free_bytes() == 0, f"{self.free_bytes()} bytes still free"
        return written

    def free_some(self, nbytes: int) -> None:
        """Give `nbytes` back (the filler shrinks): the next writes fit, later ones do not."""
        size = self.filler.stat().st_size
        os.truncate(self.filler, max(0, size - nbytes))

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@contextmanager
def hang_watchdog(seconds: float) -> Iterator[None]:
    """A hang inside Chroma's embedded engine can hold the GIL: no Python timeout (pytest's
    included) fires. faulthandler's C-level timer still does: it prints every thread's stack
    and ends the run, so CI fails instead of hanging."""
    faulthandler.dump_traceback_later(seconds, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
