#!/usr/bin/env bash
# `make run`: the embedded default on the real data path, each step gated on the previous one:
#   MongoDB (nx-27017 unless MONGO_URI already answers) -> seed-mongo (demo catalog + orders)
#   -> embedding-pipeline sync + faq (MongoDB -> Chroma) -> llm_server (embedded llama.cpp)
#   -> Express backend (shop page, widget, /api/llm proxy, shop API on MongoDB).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/log var/mongo
VENV=.venv/bin
export LLM_API_HOST=${LLM_API_HOST:-127.0.0.1} LLM_API_PORT=${LLM_API_PORT:-8001}
export BACKEND_PORT=${BACKEND_PORT:-5000}
export LLM_API_URL=${LLM_API_URL:-http://127.0.0.1:$LLM_API_PORT}
export MONGO_URI=${MONGO_URI:-mongodb://127.0.0.1:27017} MONGO_DB=${MONGO_DB:-blankspace}
export SHOP_API_URL=${SHOP_API_URL:-http://127.0.0.1:$BACKEND_PORT}
# llm_server acts on the shop API with this token; one per run unless the environment sets it
# (run.sh reads no .env: `SHOP_API_TOKEN=... make run`).
export SHOP_API_TOKEN=${SHOP_API_TOKEN:-$($VENV/python -c 'import secrets; print(secrets.token_hex(24))')}

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

# host:port of MONGO_URI (single host; a replica-set URI is someone's real MongoDB anyway)
mongo_addr=$(sed -E 's#^mongodb(\+srv)?://([^@/]*@)?([^/,?]+).*#\3#' <<<"$MONGO_URI")
mongo_host=${mongo_addr%%:*}
mongo_port=${mongo_addr##*:}
[[ $mongo_port == "$mongo_addr" ]] && mongo_port=27017

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() {  # wait_for WHAT SECONDS PID COMMAND...: until COMMAND succeeds; fail if PID dies
  local what=$1 seconds=$2 pid=$3
  shift 3
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then echo "$what exited; see its log" >&2; return 1; fi
    sleep 1
  done
  echo "$what not ready after ${seconds}s" >&2
  return 1
}

if port_open "$mongo_host" "$mongo_port"; then
  echo "MongoDB:           already answering at $mongo_host:$mongo_port (not starting nx-27017)"
else
  # SQLite-backed MongoDB wire server: carts and handoffs survive a restart (var/mongo/shop.db).
  $VENV/nx-27017 --db var/mongo/shop.db --host "$mongo_host" -p "$mongo_port" \
    --log-file var/log/mongo.log --pid-file var/mongo/nx-27017.pid >var/log/mongo.out 2>&1 &
  pids+=($!)
  wait_for "nx-27017 (var/log/mongo.log)" 30 "${pids[-1]}" port_open "$mongo_host" "$mongo_port"
  echo "MongoDB:           nx-27017 on $mongo_host:$mongo_port (log: var/log/mongo.log)"
fi

$VENV/embedding-pipeline seed-mongo
$VENV/embedding-pipeline reindex  # collections built with another EMBEDDING_MODEL (e.g. MiniLM)
$VENV/embedding-pipeline sync
$VENV/embedding-pipeline faq "${FAQ_CSV:-data/faq.csv}"

export LOAD_DEMO_DATA=false  # Chroma was just filled from MongoDB: the production path
$VENV/python -m llm_server >var/log/llm_server.log 2>&1 &
pids+=($!)
echo "llm_server starting on http://$LLM_API_HOST:$LLM_API_PORT (log: var/log/llm_server.log)"
if ! wait_for "llm_server" 240 "${pids[-1]}" curl -fsS "http://127.0.0.1:$LLM_API_PORT/health/ready"; then
  tail -n 40 var/log/llm_server.log
  exit 1
fi
echo "llm_server ready:  http://127.0.0.1:$LLM_API_PORT/docs"

node backend/src/server.js &
pids+=($!)
wait_for "backend" 30 "${pids[-1]}" curl -fsS "http://127.0.0.1:$BACKEND_PORT/api/cart"
echo "shop + widget:     http://127.0.0.1:$BACKEND_PORT/"
wait "${pids[-1]}"
