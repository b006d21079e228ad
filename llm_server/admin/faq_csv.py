"""FAQ CSV upload: parse with the `csv` module, plan adds / updates / rejects, apply on demand.

The plan is computed the same way for a dry run and a real import, so the preview is
exactly what an import writes. Columns: question, answer[, category] (header names are
case-insensitive; extra columns ignored; a UTF-8 BOM is fine).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from llm_server.admin.catalog import Catalog, nfc
from llm_server.admin.errors import InvalidCsv
from llm_server.admin.models import CsvPlan, CsvRow
from llm_server.rag.documents import faq_id

REQUIRED = ("question", "answer")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_QUESTION, MAX_ANSWER, MAX_CATEGORY = 1000, 4000, 100


def parse_rows(data: bytes) -> list[tuple[int, dict]]:
    """(line number, row) for every data row; raises InvalidCsv for a file that is not a CSV."""
    if len(data) > MAX_BYTES:
        raise InvalidCsv(f"CSV 파일은 {MAX_BYTES // (1024 * 1024)}MB 이하로 올려 주세요.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidCsv("CSV 파일이 UTF-8 형식이 아닙니다. UTF-8로 저장해 다시 올려 주세요.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = {(c or "").strip().lower() for c in reader.fieldnames or []}
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise InvalidCsv(f"CSV에 {', '.join(missing)} 열이 없습니다. question,answer[,category] 열이 필요합니다.")
        rows = [(reader.line_num, _clean(row)) for row in reader]
    except csv.Error as exc:
        raise InvalidCsv(f"CSV 형식 오류: {exc}") from None
    if len(rows) > MAX_ROWS:
        raise InvalidCsv(f"한 번에 {MAX_ROWS}행까지 올릴 수 있습니다.")
    return rows


def _clean(row: Mapping) -> dict:
    return {(k or "").strip().lower(): nfc(v) if isinstance(v, str) else "" for k, v in row.items()}


def plan(catalog: Catalog, rows: list[tuple[int, dict]]) -> tuple[CsvPlan, list[dict]]:
    """What an import would do, row by row, and the rows it would write."""
    existing = catalog.faq_answers(list({faq_id(r["question"]) for _, r in rows if r.get("question")}))
    seen: set[str] = set()
    planned: list[CsvRow] = []
    writes: list[dict] = []
    for line, row in rows:
        entry = {"question": row.get("question", ""), "answer": row.get("answer", ""), "category": row.get("category", "")}
        verdict = _verdict(entry, existing, seen)
        planned.append(verdict)
        if verdict.action in ("add", "update"):
            writes.append(entry)
        verdict.line = line
    counts = {action: sum(r.action == action for r in planned) for action in ("add", "update", "unchanged", "reject")}
    return (
        CsvPlan(
            dry_run=True, adds=counts["add"], updates=counts["update"], unchanged=counts["unchanged"],
            rejects=counts["reject"], rows=planned,
        ),
        writes,
    )


def _verdict(entry: dict, existing: Mapping[str, Mapping], seen: set[str]) -> CsvRow:
    question = entry["question"]
    reason = _reject_reason(entry)
    if reason:
        return CsvRow(line=0, question=question, action="reject", reason=reason)
    item_id = faq_id(question)
    if item_id in seen:
        return CsvRow(line=0, question=question, id=item_id, action="reject", reason="같은 질문이 파일에 이미 있습니다")
    seen.add(item_id)
    old = existing.get(item_id)
    if old is None:
        return CsvRow(line=0, question=question, id=item_id, action="add")
    same = old.get("answer") == entry["answer"] and (old.get("category") or "") == entry["category"]
    return CsvRow(line=0, question=question, id=item_id, action="unchanged" if same else "update")


def _reject_reason(entry: dict) -> str | None:
    if not entry["question"]:
        return "질문(question)이 비어 있습니다"
    if not entry["answer"]:
        return "답변(answer)이 비어 있습니다"
    if len(entry["question"]) > MAX_QUESTION:
        return f"질문이 {MAX_QUESTION}자를 넘습니다"
    if len(entry["answer"]) > MAX_ANSWER:
        return f"답변이 {MAX_ANSWER}자를 넘습니다"
    if len(entry["category"]) > MAX_CATEGORY:
        return f"분류가 {MAX_CATEGORY}자를 넘습니다"
    return None


def import_csv(catalog: Catalog, data: bytes, dry_run: bool) -> CsvPlan:
    result, writes = plan(catalog, parse_rows(data))
    if dry_run or not writes:
        return result.model_copy(update={"dry_run": dry_run})
    version = catalog.write_faq_rows(writes)
    return result.model_copy(update={"dry_run": False, "index_version": version})
