"""One benchmark report: bench/results/*.json -> docs/benchmarks.md + PNG plots in docs/img/.

    .venv/bin/python bench/report.py [--results bench/results] [--out docs/benchmarks.md]

Every benchmark writes one JSON file (bench/run_all.sh runs them all). A table per area,
the machine (cores, GPU or not) and the date on every row, the seed project's published
figures beside ours where they compare, and the targets checked. Areas without a result
file say so instead of showing stale numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_io import machine_info  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
IMG = ROOT / "docs" / "img"

# The SmartStore chatbot this project learns from: Locust, 10 concurrent users, GPT-4.
SEED = {
    "users": 10,
    "ttft_s": (1.51, 1.99),
    "answer_ws_s": (8.9, 14.2),
    "answer_celery_s": (19.7, 31.2),
}


# --- loading ----------------------------------------------------------------------------

class Result(dict):
    """One result file; `.machine` and `.date` fall back to this machine and the file's time."""

    @property
    def machine(self) -> str:
        m = self.get("machine") or self["_fallback_machine"]
        gpu = m.get("gpu") or "no GPU"
        load = self.load_average()
        return f"{m.get('cores')} cores, {gpu}" + (f", load {load:.1f}" if load is not None else "")

    def load_average(self) -> float | None:
        """The 1-minute load average the benchmark recorded (None when it recorded none)."""
        if self.get("machine"):
            return self["machine"].get("load_average_1m")
        for key in ("load_average_before", "loadavg_start"):
            value = self.get(key)
            if isinstance(value, list | tuple) and value:
                return float(value[0])
        return None

    @property
    def date(self) -> str:
        return str(self.get("date") or self["_mtime"])[:10]


def load_results(folder: Path) -> dict[str, Result]:
    here = machine_info()
    out = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"skipping {path.name}: {exc}", file=sys.stderr)
            continue
        if isinstance(data, list):  # retrieval_eval writes a list of per-embedder results
            data = {"runs": data}
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).strftime("%Y-%m-%d")
        out[path.stem] = Result({**data, "_fallback_machine": here, "_mtime": mtime})
    return out


# --- formatting -------------------------------------------------------------------------

def fmt(value, digits: int | None = None, unit: str = "") -> str:
    """Numbers for a table: ratios (< 1) with 3 decimals, small values 2, the rest 1."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        if digits is None:
            digits = 3 if abs(value) < 1 else 2 if abs(value) < 10 else 1
        text = f"{value:,.{digits}f}"
    else:
        text = f"{value:,}" if isinstance(value, int) else str(value)
    return text + unit


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return "\n".join(lines)


def status(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**not met**")


def missing(what: str, command: str) -> str:
    return f"_No result file yet: run `{command}`._\n"


# --- areas ------------------------------------------------------------------------------

def load_section(results: dict[str, Result], plots: list[str]) -> tuple[str, list[list]]:
    runs = {k: v for k, v in results.items() if k.startswith("load_")}
    if not runs:
        return "## Load test (Locust)\n\n" + missing("load", "python bench/load/run.py --quick"), []
    parts = ["## Load test (Locust)", "",
             "N concurrent shoppers, each with its own session, asking multi-turn dialogues from",
             "`bench/golden/dialogues/dev.jsonl` through the Express proxy, alternating SSE and",
             "WebSocket (`bench/load/run.py`). Times in ms from sending the question. Locust runs on",
             "the same machine as llm_server and the proxy, so at high levels the client competes with",
             "the system for the CPU. `http_503` / `event_overloaded` are llm_server's admission control",
             "(`MAX_CONCURRENT_GENERATIONS`, `MAX_QUEUE`; see [operations.md](operations.md#load-test)).", ""]
    targets = []
    for name, r in sorted(runs.items()):
        cfg = r.get("config", {})
        knobs = ", ".join(f"`{k}={v}`" for k, v in (cfg.get("server_env") or {}).items())
        parts.append(f"### {cfg.get('target', '?')} backend, {cfg.get('mode', '?')} mode "
                     f"({cfg.get('duration_s', '?')} s per level, think {cfg.get('think_s', '?')} s"
                     f"{', ' + knobs if knobs else ', server defaults'})")
        parts.append("")
        rows = []
        for level in r.get("levels", []):
            if "answers" not in level:
                rows.append([level["users"], level["via"], "", "", "not measured", "", level.get("failed", "")[:120], r.machine, r.date])
                continue
            t, a = level["ttft_ms"], level["answer_ms"]
            errors = ", ".join(f"{k} {v}" for k, v in sorted(level["errors"].items())) or "0"
            rows.append([level["users"], level["via"], level["answers"], level["answers_per_s"],
                         f"{fmt(t['p50'])} / {fmt(t['p95'])} / {fmt(t['p99'])}",
                         f"{fmt(a['p50'])} / {fmt(a['p95'])} / {fmt(a['p99'])}",
                         f"{level['error_rate'] * 100:.2f} % ({errors})", r.machine, r.date])
        if cfg.get("target") == "embedded":
            low, high = SEED["ttft_s"]
            rows.append([SEED["users"], "seed: GPT-4, WebSocket", "", "", f"{low * 1000:,.0f}–{high * 1000:,.0f}",
                         f"{SEED['answer_ws_s'][0] * 1000:,.0f}–{SEED['answer_ws_s'][1] * 1000:,.0f}", "", "seed's report", ""])
            rows.append([SEED["users"], "seed: RabbitMQ + Celery", "", "", "",
                         f"{SEED['answer_celery_s'][0] * 1000:,.0f}–{SEED['answer_celery_s'][1] * 1000:,.0f}", "", "seed's report", ""])
        parts.append(table(["users", "via", "answers", "answers/s", "TTFT p50 / p95 / p99", "answer p50 / p95 / p99",
                            "errors", "machine", "date"], rows))
        parts.append("")
        plot = plot_load(name, r)
        if plot:
            plots.append(plot)
            parts += [f"![{name}](img/{plot})", ""]
        targets += load_targets(r)
    parts += ["The seed's figures are GPT-4 over the network; ours are a local model on the shop's own",
              "machine. In extractive mode no LLM writes the answer, so the comparison shows the serving",
              "path (proxy, retrieval, sessions, streaming) under load, not model speed.", ""]
    return "\n".join(parts), targets


def load_targets(r: Result) -> list[list]:
    cfg = r.get("config", {})
    if cfg.get("target") != "embedded":
        return []
    knobs = ", ".join(f"{k}={v}" for k, v in (cfg.get("server_env") or {}).items())
    area = f"load, {cfg.get('mode')}" + (f" ({knobs})" if knobs else " (defaults)")
    proxied = [lv for lv in r.get("levels", []) if lv["via"] == "proxy" and "answers" in lv]
    out = []
    top = max((lv["users"] for lv in proxied), default=0)
    errors = sum(lv["turns"] - lv["answers"] for lv in proxied)
    out.append([area, f"errors up to {top} sessions via the proxy", "0 up to 200",
                f"{errors} of {sum(lv['turns'] for lv in proxied)} turns", status(errors == 0 and top >= 200), r.machine, r.date])
    at10 = next((lv for lv in proxied if lv["users"] == 10), None)
    if at10 and cfg.get("mode") == "extractive":
        p95 = at10["ttft_ms"]["p95"]
        out.append([area, "TTFT p95 at 10 users", "<= 500 ms", fmt(p95, unit=" ms"),
                    status(p95 is not None and p95 <= 500), r.machine, r.date])
    direct = {lv["users"]: lv for lv in r.get("levels", []) if lv["via"] == "direct" and "answers" in lv}
    for lv in proxied:
        if lv["users"] in direct and lv["ttft_ms"]["p50"] is not None and direct[lv["users"]]["ttft_ms"]["p50"] is not None:
            added = lv["ttft_ms"]["p50"] - direct[lv["users"]]["ttft_ms"]["p50"]
            out.append([area, f"proxy adds to TTFT p50 at {lv['users']} users (separate runs)",
                        "<= 2 ms", fmt(added, unit=" ms"), status(added <= 2), r.machine, r.date])
    return out


def chat_section(results: dict[str, Result], plots: list[str]) -> tuple[str, list[list]]:
    runs = {k: v for k, v in results.items() if k.startswith("chat_latency")}
    if not runs:
        return "## Chat latency\n\n" + missing("chat", "python bench/chat_latency.py --json ..."), []
    rows, targets, speeds = [], [], {}
    for name, r in sorted(runs.items()):
        backend = name.removeprefix("chat_latency").strip("_") or "embedded"
        for mode, m in r.items():
            if not isinstance(m, dict) or "ttft_p50_ms" not in m:
                continue
            rows.append([backend, mode, m.get("n"), f"{fmt(m.get('retrieval_p50_ms'))} / {fmt(m.get('retrieval_p95_ms'))}",
                         f"{fmt(m.get('ttft_p50_ms'))} / {fmt(m.get('ttft_p95_ms'))}", fmt(m.get("tokens_per_s")), r.machine, r.date])
            if m.get("tokens_per_s") and mode == "generate":
                speeds[backend] = m["tokens_per_s"]
            if backend == "embedded":
                targets.append([f"chat, {mode}", "TTFT p50", "<= 500 ms", fmt(m["ttft_p50_ms"], unit=" ms"),
                                status(m["ttft_p50_ms"] <= 500), r.machine, r.date])
    plot = plot_bars("tokens_per_s.png", "Decode speed per backend", "tokens/s", speeds)
    parts = ["## Chat latency (single shopper)", "", "`bench/chat_latency.py`: the real app in-process, one new conversation per question.", "",
             table(["backend", "mode", "questions", "retrieval p50 / p95 ms", "TTFT p50 / p95 ms", "decode tokens/s", "machine", "date"], rows), ""]
    if plot:
        plots.append(plot)
        parts += [f"![tokens per second](img/{plot})", ""]
    return "\n".join(parts), targets


def retrieval_section(results: dict[str, Result], plots: list[str]) -> tuple[str, list[list]]:
    parts, targets = ["## Retrieval", ""], []
    r = results.get("retrieval")
    if r:
        rows = []
        for run in r.get("runs", []):
            sets = {"golden (products + FAQ)": run.get("golden", {})}
            sets.update(run.get("sets", {}))
            for set_name, by_mode in sets.items():
                for mode in ("dense", "bm25", "hybrid"):
                    metrics = by_mode.get(mode, {})
                    metrics = metrics.get("all", metrics)
                    if "hit@5" in metrics:
                        rows.append([run.get("embedder"), set_name, mode, metrics.get("n"), metrics.get("hit@1"),
                                     metrics.get("hit@5"), metrics.get("mrr@10"), r.machine, r.date])
            latency = run.get("latency", {}).get("hybrid", {})
            if latency:
                targets.append([f"retrieval ({run.get('embedder')})", "retrieve() p95, hybrid", "<= 15 ms",
                                fmt(latency.get("p95_ms"), unit=" ms"), status(latency.get("p95_ms", 1e9) <= 15), r.machine, r.date])
        parts += ["`bench/retrieval_eval.py` (details: [benchmarks-retrieval.md](benchmarks-retrieval.md)).", "",
                  table(["embedder", "question set", "mode", "n", "hit@1", "hit@5", "MRR@10", "machine", "date"], rows), ""]
    else:
        parts += [missing("retrieval", "python bench/retrieval_eval.py --json bench/results/retrieval.json"), ""]
    scale = results.get("retrieval_scale")
    if scale:
        rows = [[c["products"], c.get("index_s"), c.get("hit@5"), c.get("mrr@10"), c.get("retrieve_p50_ms"), c.get("retrieve_p95_ms"),
                 scale.machine, scale.date] for c in scale.get("catalogs", [])]
        parts += ["### Catalog size", "", scale.get("note", ""), "",
                  table(["products", "index s", "product hit@5", "MRR@10", "retrieve p50 ms", "retrieve p95 ms", "machine", "date"], rows), ""]
        plot = plot_scale(scale)
        if plot:
            plots.append(plot)
            parts += [f"![retrieval vs catalog size](img/{plot})", ""]
    else:
        parts += [missing("scale", "python bench/retrieval_scale.py"), ""]
    return "\n".join(parts), targets


def proxy_section(results: dict[str, Result], plots: list[str]) -> tuple[str, list[list]]:
    r = results.get("proxy_overhead")
    if not r:
        return "## Proxy overhead\n\n" + missing("proxy", "node bench/proxy_overhead/run.js > bench/results/proxy_overhead.json"), []
    syn = r.get("synthetic", {})
    real = r.get("real_llm_server", {})
    rows, targets = [], []
    lat = syn.get("latency_ttft", {})
    if lat:
        rows.append(["synthetic upstream", "TTFT", lat["direct"]["p50"], lat["proxy"]["p50"], lat["overhead_ms"]["p50"], lat["overhead_ms"].get("n"), r.machine, r.date])
        targets.append(["proxy, synthetic", "TTFT p50 overhead", "<= 2 ms", fmt(lat["overhead_ms"]["p50"], 2, " ms"),
                        status(lat["overhead_ms"]["p50"] <= 2), r.machine, r.date])
    if real.get("ttft"):
        t = real["ttft"]
        rows.append(["real llm_server", "TTFT", t["direct"]["p50"], t["proxy"]["p50"], t["overhead_ms"]["p50"], t["overhead_ms"].get("n"), r.machine, r.date])
        targets.append(["proxy, real llm_server", "TTFT p50 overhead", "<= 2 ms", fmt(t["overhead_ms"]["p50"], 2, " ms"),
                        status(t["overhead_ms"]["p50"] <= 2), r.machine, r.date])
    conc = syn.get("concurrency")
    if conc:
        targets.append(["proxy", f"{conc['streams']} concurrent streams", "0 errors", str(conc["errors"]), status(conc["errors"] == 0), r.machine, r.date])
    for key in ("throughput", "throughput_audio"):
        if syn.get(key):
            targets.append(["proxy", f"SSE throughput ratio ({syn[key]['frame']})", ">= 0.95", fmt(syn[key]["ratio"], 3),
                            status(syn[key]["ratio"] >= 0.95), r.machine, r.date])
    plot = plot_proxy(rows)
    parts = ["## Proxy vs direct", "", "`node bench/proxy_overhead/run.js` (details: [benchmarks-proxy.md](benchmarks-proxy.md)); p50 in ms.", "",
             table(["upstream", "measure", "direct p50", "via proxy p50", "overhead p50", "pairs", "machine", "date"], rows), ""]
    if plot:
        plots.append(plot)
        parts += [f"![proxy vs direct](img/{plot})", ""]
    return "\n".join(parts), targets


def voice_section(results: dict[str, Result], plots: list[str]) -> tuple[str, list[list]]:
    r = results.get("voice")
    if not r:
        return "## Voice\n\n" + missing("voice", "python bench/voice.py --out bench/results/voice.json"), []
    targets, parts = [], ["## Voice", "", "`bench/voice.py` (details: [benchmarks-voice.md](benchmarks-voice.md)).", ""]
    stt = [[s.get("model"), s.get("device"), s.get("language"), s.get("beam"), s.get("audio_s"), s.get("stt_s"), s.get("rtf"), r.machine, r.date]
           for s in r.get("stt", [])]
    tts = [[s.get("engine"), s.get("voice"), s.get("language"), s.get("audio_s"), s.get("first_audio_ms"), s.get("rtf"), r.machine, r.date]
           for s in r.get("tts", [])]
    trip = [[s.get("answer_mode"), s.get("stt_ms"), s.get("ttft_ms"), s.get("first_audio_ms"), s.get("total_ms"), r.machine, r.date]
            for s in r.get("round_trip", [])]
    if stt:
        parts += ["STT", "", table(["model", "device", "language", "beam", "audio s", "STT s", "RTF", "machine", "date"], stt), ""]
        worst = max(s.get("rtf") or 0 for s in r["stt"])
        targets.append(["voice", "STT real-time factor (worst row)", "<= 0.3", fmt(worst, 3), status(worst <= 0.3), r.machine, r.date])
    if tts:
        parts += ["TTS", "", table(["engine", "voice", "language", "audio s", "first audio ms", "RTF", "machine", "date"], tts), ""]
        piper = [s.get("rtf") for s in r["tts"] if s.get("engine") == "piper" and s.get("rtf") is not None]
        if piper:
            targets.append(["voice", "Piper real-time factor", "<= 0.1", fmt(max(piper), 3), status(max(piper) <= 0.1), r.machine, r.date])
    if trip:
        parts += ["Voice round trip (`/voice/chat`), ms", "", table(["answer mode", "STT", "TTFT", "first audio", "total", "machine", "date"], trip), ""]
        first = [s.get("first_audio_ms") for s in r["round_trip"] if s.get("first_audio_ms") is not None]
        if first:
            targets.append(["voice", "first audio after the question (p50 of runs)", "<= 1500 ms", fmt(sorted(first)[len(first) // 2], unit=" ms"),
                            status(sorted(first)[len(first) // 2] <= 1500), r.machine, r.date])
    for plot in (plot_rtf(r), plot_round_trip(r)):
        if plot:
            plots.append(plot)
            parts += [f"![{plot}](img/{plot})", ""]
    return "\n".join(parts), targets


def pipeline_section(results: dict[str, Result], plots: list[str]) -> tuple[str, list[list]]:
    r = results.get("pipeline")
    if not r:
        return "## Embedding pipeline\n\n" + missing("pipeline", "python bench/pipeline.py --out bench/results/pipeline.json"), []
    full, inc = r.get("full", {}), r.get("incremental_in_process", {})
    rows = [[r.get("products"), full.get("products_per_s"), full.get("wall_s"), full.get("peak_rss_mib"),
             inc.get("seconds") if isinstance(inc, dict) else None, r.machine, r.date]]
    targets = []
    if full.get("products_per_s") is not None:
        targets.append(["pipeline", f"full sync, {r.get('products'):,} products", ">= 150 products/s", fmt(full["products_per_s"]),
                        status(full["products_per_s"] >= 150), r.machine, r.date])
    text = ["## Embedding pipeline", "", "`bench/pipeline.py` (details: [benchmarks-pipeline.md](benchmarks-pipeline.md)).", "",
            table(["products", "full sync products/s", "full sync wall s", "peak RSS MiB", "incremental s", "machine", "date"], rows), ""]
    return "\n".join(text), targets


def dialogue_section(results: dict[str, Result], plots: list[str]) -> tuple[str, list[list]]:
    r = results.get("dialogue")
    if not r:
        return "## Dialogues\n\n" + missing("dialogue", "python bench/dialogue_eval.py --json bench/results/dialogue.json"), []
    rows, targets = [], []
    for split in ("dev", "heldout"):
        s = (r.get(split) or {}).get("summary")
        if s:
            rows.append([split, f"{s['turns_right']} / {s['turns']}", s["turn_accuracy"], f"{s['dialogues_right']} / {s['dialogues']}",
                         s.get("p50_total_ms"), s.get("p95_total_ms"), s.get("state_p95_ms"), r.machine, r.date])
    held = (r.get("heldout") or {}).get("summary")
    if held:
        targets.append(["dialogues (held-out split)", "turn accuracy", ">= 0.95", held["turn_accuracy"],
                        status(held["turn_accuracy"] >= 0.95), r.machine, r.date])
        if held.get("state_p95_ms") is not None:
            targets.append(["dialogues", "dialogue layer p95 per turn", "<= 5 ms", f"{held['state_p95_ms']} ms",
                            status(held["state_p95_ms"] <= 5), r.machine, r.date])
    text = ["## Dialogues", "", "`bench/dialogue_eval.py --split both`: multi-turn golden dialogues, every turn checked; "
            "the held-out split is never tuned on. \"state p95\" is the dialogue layer alone (interpret + plan + "
            "merge + remember + state JSON), without retrieval.", "",
            table(["split", "turns right", "turn accuracy", "dialogues right", "turn p50 ms", "turn p95 ms", "state p95 ms", "machine", "date"], rows), ""]
    return "\n".join(text), targets


# --- plots ------------------------------------------------------------------------------

def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


_img_dir = [IMG]


def _save(fig, name: str) -> str:
    _img_dir[0].mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(_img_dir[0] / name, dpi=110)
    _pyplot().close(fig)
    return name


def plot_load(name: str, r: Result) -> str | None:
    levels = [lv for lv in r.get("levels", []) if lv["via"] == "proxy" and lv.get("answers")]
    if not levels:
        return None
    plt = _pyplot()
    users = [lv["users"] for lv in levels]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for ax, key, title in ((left, "ttft_ms", "Time to first token"), (right, "answer_ms", "Full answer")):
        for q, style in (("p50", "o-"), ("p95", "s--"), ("p99", "^:")):
            ax.plot(users, [(lv[key][q] or 0) / 1000 for lv in levels], style, label=q)
        ax.set_xscale("log")
        ax.set_xticks(users, [str(u) for u in users])
        ax.set_xlabel("concurrent shoppers")
        ax.set_ylabel("seconds")
        ax.set_title(title)
        ax.grid(alpha=0.3)
    low, high = SEED["ttft_s"]
    left.errorbar([SEED["users"]], [(low + high) / 2], yerr=[[(high - low) / 2]], fmt="kx", capsize=4, label="seed, GPT-4 (10 users)")
    low, high = SEED["answer_ws_s"]
    right.errorbar([SEED["users"]], [(low + high) / 2], yerr=[[(high - low) / 2]], fmt="kx", capsize=4, label="seed, GPT-4 over WS")
    left.legend()
    right.legend()
    cfg = r.get("config", {})
    fig.suptitle(f"Load test via the proxy: {cfg.get('target')} backend, {cfg.get('mode')} mode ({r.machine})")
    return _save(fig, f"{name}.png")


def plot_bars(filename: str, title: str, ylabel: str, values: dict[str, float]) -> str | None:
    if not values:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.bar(list(values), list(values.values()), color="#4c72b0")
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    return _save(fig, filename)


def plot_scale(r: Result) -> str | None:
    catalogs = r.get("catalogs", [])
    if not catalogs:
        return None
    plt = _pyplot()
    sizes = [c["products"] for c in catalogs]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(sizes, [c.get("hit@5") for c in catalogs], "o-", label="product hit@5")
    ax.plot(sizes, [c.get("mrr@10") for c in catalogs], "s--", label="MRR@10")
    ax.set_xscale("log")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("products in the catalog")
    ax.set_ylabel("quality")
    twin = ax.twinx()
    twin.plot(sizes, [c.get("retrieve_p95_ms") for c in catalogs], "r^:", label="retrieve p95 (ms)")
    twin.set_ylabel("ms", color="r")
    ax.legend(loc="lower left")
    twin.legend(loc="lower right")
    ax.set_title(f"Retrieval vs catalog size ({r.machine})")
    return _save(fig, "retrieval_scale.png")


def plot_proxy(rows: list[list]) -> str | None:
    if not rows:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    labels = [row[0] for row in rows]
    x = range(len(rows))
    ax.bar([i - 0.2 for i in x], [row[2] for row in rows], 0.4, label="direct")
    ax.bar([i + 0.2 for i in x], [row[3] for row in rows], 0.4, label="via proxy")
    ax.set_xticks(list(x), labels)
    ax.set_ylabel("TTFT p50 (ms)")
    ax.legend()
    ax.set_title("Proxy vs direct")
    return _save(fig, "proxy_vs_direct.png")


def plot_rtf(r: Result) -> str | None:
    bars = {f"STT {s.get('model')} {s.get('language')}": s.get("rtf") for s in r.get("stt", []) if s.get("rtf") is not None}
    bars.update({f"TTS {s.get('engine')} {s.get('language')}": s.get("rtf") for s in r.get("tts", []) if s.get("rtf") is not None})
    if not bars:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.barh(list(bars), list(bars.values()), color="#55a868")
    ax.axvline(0.3, color="grey", ls="--", lw=1)
    ax.axvline(0.1, color="grey", ls=":", lw=1)
    ax.set_xlabel("real-time factor (lower is faster; targets STT 0.3, TTS 0.1)")
    ax.set_title("Speech real-time factors")
    return _save(fig, "speech_rtf.png")


def plot_round_trip(r: Result) -> str | None:
    trips = [s for s in r.get("round_trip", []) if s.get("total_ms")]
    if not trips:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3))
    for i, s in enumerate(trips):
        ax.barh(i, s.get("total_ms") or 0, color="#dddddd", label="total" if i == 0 else None)
        ax.barh(i, s.get("first_audio_ms") or 0, color="#8172b2", label="first audio" if i == 0 else None)
        ax.barh(i, s.get("stt_ms") or 0, color="#c44e52", label="STT" if i == 0 else None)
    ax.set_yticks(range(len(trips)), [f"run {i + 1} ({s.get('answer_mode')})" for i, s in enumerate(trips)])
    ax.set_xlabel("ms after the question is uploaded")
    ax.legend()
    ax.set_title("Voice round trip")
    return _save(fig, "voice_round_trip.png")


# --- the page ---------------------------------------------------------------------------

SECTIONS: list[Callable] = [load_section, chat_section, retrieval_section, proxy_section, voice_section, pipeline_section, dialogue_section]


def render(results: dict[str, Result], img_dir: Path = IMG) -> str:
    _img_dir[0] = img_dir
    plots: list[str] = []
    bodies, targets = [], []
    for section in SECTIONS:
        body, found = section(results, plots)
        bodies.append(body)
        targets += found
    machines = sorted({r.machine.split(", load")[0] for r in results.values()}) or ["none"]
    gpu_note = ("No GPU machine was available for these runs: every figure is CPU-only."
                if all("no GPU" in m for m in machines) else "Rows name the GPU they ran on.")
    head = [
        "# Benchmarks", "",
        "Generated by `bench/report.py` from `bench/results/*.json` (`make bench` runs every benchmark",
        "and regenerates this page; do not edit by hand). Machines: " + "; ".join(machines) + ";",
        "`load` is the machine's 1-minute load average recorded with the result (at its end, so it",
        "includes the benchmark's own processes); a shared 2-core machine at load 10 runs everything",
        "several times slower than a quiet one.",
        gpu_note, "",
        "## Targets", "",
        table(["area", "measure", "target", "result", "status", "machine", "date"], targets) if targets else "_No results yet._", "",
    ]
    tail = ["## Details", "",
            "- Operations, metrics, the load test: [operations.md](operations.md)",
            "- Retrieval: [benchmarks-retrieval.md](benchmarks-retrieval.md)",
            "- Proxy: [benchmarks-proxy.md](benchmarks-proxy.md)",
            "- Pipeline: [benchmarks-pipeline.md](benchmarks-pipeline.md)",
            "- Voice: [benchmarks-voice.md](benchmarks-voice.md)", ""]
    return "\n".join(head + bodies + tail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--out", type=Path, default=DOC)
    parser.add_argument("--img", type=Path, default=IMG, help="where the PNG plots go (linked as img/NAME)")
    args = parser.parse_args(argv)
    results = load_results(args.results)
    args.out.write_text(render(results, args.img), encoding="utf-8")
    print(f"wrote {args.out} from {len(results)} result files: {', '.join(sorted(results)) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
