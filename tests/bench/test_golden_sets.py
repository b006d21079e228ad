"""The hand-written retrieval question sets in bench/golden parse and point at real FAQ entries."""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bench.golden.make_smartstore_sample import DEFAULT_CSV, read_questions, sample

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "bench" / "golden"
DEMO_FAQ = ROOT / "data" / "faq.csv"
STYLES = {"short", "spoken", "typo", "english", "keyword"}
SETS = {
    "smartstore": ("smartstore_paraphrases_dev.jsonl", "smartstore_paraphrases_heldout.jsonl"),
    "demo": ("demo_faq_questions_dev.jsonl", "demo_faq_questions_heldout.jsonl"),
}
ALL_FILES = [name for pair in SETS.values() for name in pair]


def load(name: str) -> list[dict]:
    lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def accepted(record: dict) -> list:
    """Target question texts (demo) or CSV rows (SmartStore: its text is not copied here)."""
    if "target_row" in record:
        return record.get("target_rows") or [record["target_row"]]
    return record.get("targets") or [record["target"]]


def target(record: dict):
    return record["target_row"] if "target_row" in record else record["target"]


def demo_questions() -> set[str]:
    with DEMO_FAQ.open(encoding="utf-8", newline="") as handle:
        return {row["question"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_record_is_well_formed(name):
    records = load(name)
    assert records
    for record in records:
        keys = {"query", "target_row", "target_rows", "style"} if "smartstore" in name else {
            "query", "target", "targets", "style"}
        assert set(record) <= keys, record
        assert record["style"] in STYLES, record
        assert record["query"].strip() and record["query"] == unicodedata.normalize(
            "NFC", record["query"]
        )
        assert record["query"] not in accepted(record), record
        if "targets" in record or "target_rows" in record:
            assert accepted(record)[0] == target(record) and len(set(accepted(record))) >= 2


@pytest.mark.parametrize("kind", sorted(SETS))
def test_queries_are_unique_and_every_style_is_in_both_splits(kind):
    dev, heldout = (load(name) for name in SETS[kind])
    queries = [record["query"] for record in dev + heldout]
    assert [q for q, n in Counter(queries).items() if n > 1] == []
    assert {r["style"] for r in dev} == {r["style"] for r in heldout} == STYLES


def test_smartstore_splits_share_no_target_entry():
    dev, heldout = (load(name) for name in SETS["smartstore"])
    dev_targets = {t for record in dev for t in accepted(record)}
    heldout_targets = {t for record in heldout for t in accepted(record)}
    assert dev_targets.isdisjoint(heldout_targets)
    assert len({target(r) for r in dev + heldout}) >= 300
    assert len(dev) + len(heldout) >= 400


def test_demo_targets_exist_verbatim_and_both_splits_cover_every_entry():
    questions = demo_questions()
    dev, heldout = (load(name) for name in SETS["demo"])
    assert len(dev) + len(heldout) >= 140
    for record in dev + heldout:
        assert set(accepted(record)) <= questions, record
    assert {r["target"] for r in dev} == {r["target"] for r in heldout} == questions


def test_demo_set_keeps_the_everyday_questions_from_the_issue():
    by_query = {r["query"]: r["target"] for r in load(SETS["demo"][0])}
    assert by_query["배송 며칠이면 와요?"] == "배송은 보통 며칠 걸리나요?"
    assert by_query["Can I return socks?"] == "양말이나 속옷류도 반품할 수 있나요?"
    assert by_query["돈 언제 돌려받아요?"] == "반품한 상품은 언제 환불되나요?"


@pytest.mark.skipif(not DEFAULT_CSV.exists(), reason="../shared/data/smartstore_faq.csv absent")
def test_smartstore_targets_exist_verbatim_and_follow_the_seeded_split():
    questions = read_questions(DEFAULT_CSV)
    known = set(questions)
    expected = {"dev": set(), "heldout": set()}
    for entry in sample(questions):
        expected[entry["split"]].add(entry["question"])
    for split, name in zip(("dev", "heldout"), SETS["smartstore"], strict=True):
        records = load(name)
        for record in records:
            assert all(0 <= row < len(questions) for row in accepted(record)), record
            assert record["query"] not in {questions[row] for row in accepted(record)}, record
        assert {questions[target(r)] for r in records} == expected[split]
        assert {questions[target(r)] for r in records} <= known


def test_smartstore_text_is_not_copied_into_the_project():
    """The third-party FAQ's text stays in ../shared/data (its README): rows, not questions."""
    for name in SETS["smartstore"]:
        assert all("target" not in record for record in load(name))
