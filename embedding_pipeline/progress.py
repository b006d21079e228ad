"""What a person sees: a rich progress bar with running counts, then one summary line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from embedding_pipeline.sync import Counts, OnBatch


def format_counts(counts: Counts) -> str:
    text = (
        f"{counts.added} added · {counts.updated} updated · "
        f"{counts.unchanged} unchanged · {counts.deleted} deleted"
    )
    return text + (f" · {counts.skipped} skipped (no sku)" if counts.skipped else "")


@contextmanager
def sync_progress(total: int, enabled: bool = True) -> Iterator[OnBatch]:
    """Yields the `on_batch` callback that advances the bar and its counts."""
    running = Counts()
    progress = Progress(
        TextColumn("[bold]sync"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )
    task = progress.add_task("sync", total=total, counts=format_counts(running))

    def on_batch(done: int, counts: Counts) -> None:
        nonlocal running
        running += counts
        progress.update(task, advance=done, counts=format_counts(running))

    with progress:
        yield on_batch


@contextmanager
def count_progress(label: str, total: int, enabled: bool = True) -> Iterator:
    """Yields `advance(n)` for a bar of `total` items (reindex)."""
    progress = Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )
    task = progress.add_task(label, total=total)
    with progress:
        yield lambda done: progress.update(task, advance=done)
