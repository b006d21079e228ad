"""Reproducible sample of SmartStore FAQ entries for the hand-written paraphrase sets.

    .venv/bin/python bench/golden/make_smartstore_sample.py [--csv PATH]

Prints one line per sampled entry: split (dev/heldout), suggested query styles and the
original question. The paraphrases in smartstore_paraphrases_{dev,heldout}.jsonl were
written by hand against this list; this script only decides WHICH entries and WHICH split,
so the sample and the split can be re-derived from the CSV at any time.

Rule: `random.Random(SEED).sample(range(n_rows), SAMPLE_SIZE)` over the CSV rows in file
order; the first half of that (randomly ordered) sample is dev, the second half held-out.
Entry k of the sample gets style STYLES[k % 5], and every third entry a second style
STYLES[(k + 2) % 5], so the styles rotate evenly over both splits.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "smartstore_faq.csv"
SEED = 13
SAMPLE_SIZE = 320
STYLES = ("short", "spoken", "typo", "english", "keyword")


def read_questions(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["question"] for row in csv.DictReader(handle)]


def styles_for(k: int) -> list[str]:
    styles = [STYLES[k % len(STYLES)]]
    if k % 3 == 0:
        styles.append(STYLES[(k + 2) % len(STYLES)])
    return styles


def sample(questions: list[str]) -> list[dict]:
    picked = random.Random(SEED).sample(range(len(questions)), SAMPLE_SIZE)
    half = SAMPLE_SIZE // 2
    return [
        {
            "k": k,
            "row": row,
            "split": "dev" if k < half else "heldout",
            "styles": styles_for(k),
            "question": questions[row],
        }
        for k, row in enumerate(picked)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = parser.parse_args()
    for entry in sample(read_questions(args.csv)):
        print(
            f"{entry['k']}\t{entry['row']}\t{entry['split']}\t"
            f"{','.join(entry['styles'])}\t{entry['question']}"
        )


if __name__ == "__main__":
    main()
