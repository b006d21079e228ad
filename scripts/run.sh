#!/usr/bin/env bash
# `make run`: load the demo data, start llm_server (embedded llama.cpp) and the Express backend.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/log
export LLM_API_HOST=${LLM_API_HOST:-127.0.0.1} LLM_API_PORT=${LLM_API_PORT:-8001}
export BACKEND_PORT=${BACKEND_PORT:-5000}
export LLM_API_URL=${LLM_API_URL:-http://127.0.0.1:$LLM_API_PORT}

.venv/bin/python -m llm_server.seed

.venv/bin/python -m llm_server >var/log/llm_server.log 2>&1 &
llm_pid=$!
trap 'kill $llm_pid ${backend_pid:-} 2>/dev/null || true' EXIT INT TERM
echo "llm_server starting on http://$LLM_API_HOST:$LLM_API_PORT (log: var/log/llm_server.log)"
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$LLM_API_PORT/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 $llm_pid 2>/dev/null || { tail -n 40 var/log/llm_server.log; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$LLM_API_PORT/health/ready" >/dev/null || { echo "llm_server not ready; see var/log/llm_server.log"; exit 1; }
echo "llm_server ready:  http://127.0.0.1:$LLM_API_PORT/docs"

if [[ -f backend/src/server.js ]]; then
  node backend/src/server.js &
  backend_pid=$!
  echo "shop + widget:     http://127.0.0.1:$BACKEND_PORT/"
  wait $backend_pid
else
  wait $llm_pid
fi
