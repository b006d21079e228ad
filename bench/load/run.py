"""Load test: N concurrent shoppers (Locust) through the Express proxy, level by level.

    .venv/bin/python bench/load/run.py                      # 1,10,25,50,100,200 users, 30 s each
    .venv/bin/python bench/load/run.py --quick              # 15 s per level (make bench)
    .venv/bin/python bench/load/run.py --levels 2 --duration 4 --json /tmp/smoke.json   # CI smoke
    LOAD_TARGET=ollama OLLAMA_HOST=http://127.0.0.1:11434 LOAD_MODE=generate \\
        .venv/bin/python bench/load/run.py --levels 1,10,25

LOAD_TARGET selects the LLM behind llm_server: `embedded` (llama.cpp Gemma 3 270M, default),
`ollama` (needs OLLAMA_HOST, OLLAMA_MODEL) or `openai` (needs OPENAI_BASE_URL, OPENAI_MODEL:
vLLM, llama.cpp server, ...). LOAD_MODE=extractive|generate|auto is ANSWER_MODE.
--url points the test at an already running proxy instead (127.0.0.1 only).

The stack is started here on free ports: llm_server (embedded Chroma with the demo catalog,
in-process sessions, voice off) and the Express proxy. The proxy's per-session limit stays
on (every shopper has its own session); its per-IP limit is raised, because every simulated
shopper comes from 127.0.0.1 (a real shop sees one address per shopper or per NAT).

Per level: TTFT p50/p95/p99, full answer p50/p95/p99, answers/s and errors by kind, for
all turns and per transport (SSE / WebSocket). Turns started during the ramp-up are left out.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from results_io import write_result  # noqa: E402

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
LEVELS = (1, 10, 25, 50, 100, 200)
# llm_server settings that shape the result, recorded when set (admission control, backend)
SERVER_KNOBS = ("MAX_CONCURRENT_GENERATIONS", "MAX_QUEUE", "LLM_MAX_TOKENS", "OLLAMA_MODEL", "OPENAI_MODEL", "LLAMACPP_N_THREADS")
TARGETS = {
    "embedded": {"LLM_BACKEND": "llamacpp"},
    "ollama": {"LLM_BACKEND": "ollama"},
    "openai": {"LLM_BACKEND": "openai"},
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--levels", default=",".join(map(str, LEVELS)), help="concurrent shoppers per level")
    p.add_argument("--duration", type=float, default=30.0, help="seconds per level (after ramp-up)")
    p.add_argument("--ramp", type=float, default=3.0, help="seconds to start all shoppers of a level")
    p.add_argument("--quick", action="store_true", help="15 s per level")
    p.add_argument("--think", default=os.environ.get("LOAD_THINK_S", "1,3"), help="think time min,max seconds")
    p.add_argument("--transports", default="sse,ws")
    p.add_argument("--target", default=os.environ.get("LOAD_TARGET", "embedded"), choices=sorted(TARGETS))
    p.add_argument("--mode", default=os.environ.get("LOAD_MODE", "extractive"), choices=["extractive", "generate", "auto"])
    p.add_argument("--url", default=os.environ.get("LOAD_URL"), help="an already running proxy (127.0.0.1 only)")
    p.add_argument("--direct-levels", default="10",
                   help="levels also run straight against llm_server, to see what the proxy adds ('' for none)")
    p.add_argument("--json", dest="json_path", help="result file (default bench/results/load_<target>_<mode>.json)")
    args = p.parse_args(argv)
    if args.quick:
        args.duration = 15.0
    return args


# --- the stack ------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, seconds: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode} before {url} answered")
        with contextlib.suppress(urllib.error.URLError, OSError), urllib.request.urlopen(url, timeout=5) as response:
            if response.status == 200:
                return
        time.sleep(1)
    raise TimeoutError(f"{url} not ready after {seconds:.0f}s")


@contextlib.contextmanager
def stack(target: str, mode: str, logs: Path, log_level: str = "warning"):
    """llm_server + Express proxy on free ports; yields (proxy_url, llm_url). Logs go to `logs`."""
    llm_port, proxy_port = free_port(), free_port()
    llm_url, proxy_url = f"http://127.0.0.1:{llm_port}", f"http://127.0.0.1:{proxy_port}"
    with tempfile.TemporaryDirectory(prefix="load-chroma-") as chroma:
        llm_env = {
            **os.environ, **TARGETS[target], "LLM_API_HOST": "127.0.0.1", "LLM_API_PORT": str(llm_port),
            "CHROMA_PATH": chroma, "CHROMA_DB_HOST": "", "LOAD_DEMO_DATA": "true", "REDIS_URL": "",
            "VOICE_ENABLED": "false", "ANSWER_MODE": mode, "LOG_LEVEL": log_level,
            "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
        }
        proxy_env = {
            **os.environ, "BACKEND_HOST": "127.0.0.1", "BACKEND_PORT": str(proxy_port), "LLM_API_URL": llm_url,
            "RATE_LIMIT_IP_PER_MIN": "1000000",  # every simulated shopper is 127.0.0.1 (see module doc)
            "LOG_LEVEL": "warn" if log_level == "warning" else log_level, "REDIS_URL": "",
        }
        procs: list[subprocess.Popen] = []
        try:
            with open(logs / "llm_server.log", "wb") as llm_log, open(logs / "proxy.log", "wb") as proxy_log:
                procs.append(subprocess.Popen([sys.executable, "-m", "llm_server"], cwd=ROOT, env=llm_env,
                                              stdout=llm_log, stderr=subprocess.STDOUT))
                procs.append(subprocess.Popen(["node", "backend/src/server.js"], cwd=ROOT, env=proxy_env,
                                              stdout=proxy_log, stderr=subprocess.STDOUT))
                try:
                    wait_http(f"{llm_url}/health/ready", 600, procs[0])
                    wait_http(f"{proxy_url}/api/health", 60, procs[1])
                except (TimeoutError, RuntimeError):
                    for name in ("llm_server.log", "proxy.log"):
                        print(f"--- {name} (last lines)\n" + (logs / name).read_text(errors="replace")[-2000:], file=sys.stderr)
                    with contextlib.suppress(OSError), urllib.request.urlopen(f"{llm_url}/health/ready", timeout=5) as r:
                        print(r.read().decode()[:2000], file=sys.stderr)
                    raise
                yield proxy_url, llm_url
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()


def require_local(url: str) -> str:
    host = urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"the load test only runs against this machine (127.0.0.1), not {host}")
    return url.rstrip("/")


def warm_up(base: str, prefix: str) -> None:
    """One turn per transport path: the first query pays model and cache loading."""
    body = json.dumps({"message": "배송비는 얼마인가요?"}).encode()
    request = urllib.request.Request(f"{base}{prefix}/chat", data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as response:
        response.read()


# --- one level ------------------------------------------------------------------------

def run_level(base: str, users: int, args: argparse.Namespace, workdir: Path, prefix: str = "/api/llm") -> dict:
    samples_path = workdir / f"samples_{users}_{'proxy' if prefix else 'direct'}.json"
    env = {
        **os.environ, "LOAD_SAMPLES_OUT": str(samples_path), "LOAD_THINK_S": args.think,
        "LOAD_TRANSPORTS": args.transports, "LOAD_CHAT_PREFIX": prefix, "PYTHONPATH": str(ROOT),
    }
    spawn_rate = max(1.0, users / args.ramp)
    run_time = args.ramp + args.duration
    command = [
        str(Path(sys.executable).parent / "locust"), "-f", str(LOCUSTFILE), "--headless", "--host", base,
        "-u", str(users), "-r", f"{spawn_rate:g}", "-t", f"{run_time:g}s", "--only-summary",
        "--loglevel", "WARNING", "--exit-code-on-error", "0", "--stop-timeout", "0",
    ]
    started = time.time()
    note = run_locust(command, env, run_time + 60, workdir / f"locust_{users}.err")
    if not samples_path.exists():
        raise RuntimeError(f"locust wrote no samples ({note}):\n{(workdir / f'locust_{users}.err').read_text()[-3000:]}")
    samples = json.loads(samples_path.read_text())
    measured = [s for s in samples if s["t_start"] >= started + args.ramp]
    window = args.duration  # Locust ran ramp + duration; turns still open at the end are not counted
    row = {"users": users, "via": "proxy" if prefix else "direct", "duration_s": round(window, 1),
           **summarise(measured, window)}
    if note:
        row["note"] = note
    row["by_transport"] = {t: summarise([s for s in measured if s["transport"] == t], window)
                           for t in args.transports.split(",")}
    return row


def run_locust(command: list[str], env: dict, timeout_s: float, err_path: Path) -> str:
    """Run Locust; one that does not stop in time is terminated (its samples were written
    when the run time ended). Returns a note when it had to be stopped."""
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            proc.wait(timeout=timeout_s)
            return ""
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            return f"locust did not exit within {timeout_s:.0f} s of starting and was stopped"


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(min(rank, len(ordered))) - 1]


def summarise(samples: list[dict], window_s: float) -> dict:
    ok = [s for s in samples if not s["error"]]
    ttft = [s["ttft_s"] for s in ok if s["ttft_s"] is not None]
    total = [s["total_s"] for s in ok]
    errors: dict[str, int] = {}
    for s in samples:
        if s["error"]:
            errors[s["error"]] = errors.get(s["error"], 0) + 1
    ms = lambda v: None if v is None else round(v * 1000, 1)  # noqa: E731
    return {
        "turns": len(samples), "answers": len(ok), "answers_per_s": round(len(ok) / window_s, 2),
        "error_rate": round((len(samples) - len(ok)) / len(samples), 4) if samples else 0.0, "errors": errors,
        "ttft_ms": {f"p{q}": ms(percentile(ttft, q)) for q in (50, 95, 99)},
        "answer_ms": {f"p{q}": ms(percentile(total, q)) for q in (50, 95, 99)},
    }


def print_row(row: dict) -> None:
    t, a = row["ttft_ms"], row["answer_ms"]
    print(f"{row['via']:>6} {row['users']:>4} users  answers {row['answers']:>5} ({row['answers_per_s']:>6}/s)  "
          f"TTFT p50/p95/p99 {t['p50']}/{t['p95']}/{t['p99']} ms  answer p50/p95 {a['p50']}/{a['p95']} ms  "
          f"errors {row['errors'] or 0}", flush=True)


def _level_or_failure(base: str, users: int, args, workdir: Path, prefix: str) -> dict:
    """One level's row; a level that could not be measured is recorded as such, not dropped."""
    try:
        row = run_level(base, users, args, workdir, prefix=prefix)
    except (RuntimeError, OSError) as exc:
        row = {"users": users, "via": "proxy" if prefix else "direct", "failed": str(exc)[:500]}
        print(f"{row['via']:>6} {users:>4} users  FAILED: {row['failed'][:200]}", flush=True)
        return row
    print_row(row)
    return row


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    levels = [int(x) for x in args.levels.split(",") if x]
    direct_levels = {int(x) for x in args.direct_levels.split(",") if x}
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        workdir = Path(tmp)
        with (contextlib.nullcontext((require_local(args.url), None)) if args.url
              else stack(args.target, args.mode, workdir)) as (proxy_url, llm_url):
            warm_up(proxy_url, "/api/llm")
            for users in levels:
                rows.append(_level_or_failure(proxy_url, users, args, workdir, "/api/llm"))
                if llm_url and users in direct_levels:
                    rows.append(_level_or_failure(llm_url, users, args, workdir, ""))
    config = {"target": args.target, "mode": args.mode, "levels": levels, "duration_s": args.duration,
              "ramp_s": args.ramp, "think_s": args.think, "transports": args.transports,
              "rate_limit": "per session as configured; per IP raised to 1e6/min (all shoppers are 127.0.0.1)",
              "server_env": {k: os.environ[k] for k in SERVER_KNOBS if k in os.environ}}
    path = write_result(f"load_{args.target}_{args.mode}", {"config": config, "levels": rows}, args.json_path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
