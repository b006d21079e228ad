"""SmartStore paraphrase rows name their target FAQ entry by CSV row, not by its text.

The SmartStore FAQ is third-party text that must not be copied into this project
(../shared/data/README.md), so `smartstore_paraphrases_*.jsonl` store `target_row` (and
`target_rows` when two entries are equally right): 0-based rows of
`../shared/data/smartstore_faq.csv` as `csv.DictReader` reads them. `resolve` maps them to
the entries' question text at run time, from the CSV beside the project.
"""

from __future__ import annotations

import csv
from pathlib import Path

DEFAULT_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "smartstore_faq.csv"


def questions(path: Path = DEFAULT_CSV) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["question"] for row in csv.DictReader(handle)]


def resolve(rows: list[dict], path: Path = DEFAULT_CSV) -> list[dict]:
    """Rows with `target` / `targets` question text filled in from the CSV."""
    texts = questions(path)
    resolved = []
    for row in rows:
        picked = row.get("target_rows") or [row["target_row"]]
        resolved.append({**row, "target": texts[picked[0]], "targets": [texts[i] for i in picked]})
    return resolved
