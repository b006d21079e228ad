#!/usr/bin/env bash
# The production topology, natively (no Docker): Redis, a MongoDB-wire server, a Chroma
# server, llm_server and the Express backend as background processes.
#
#   scripts/stack.sh start [SERVICE...]   start them in that order (default: all, in
#                                         dependency order); running ones are left alone
#   scripts/stack.sh stop [SERVICE...]    stop them (default: all, reverse order)
#   scripts/stack.sh status               one line per service; exit 1 unless all run
#   scripts/stack.sh wait [SECONDS]       until llm_server /health/ready answers 200
#   scripts/stack.sh seed                 the production data path: seed-mongo (demo catalog +
#                                         orders) into mongo, then sync + faq into chroma
#   scripts/stack.sh pid SERVICE          print the PID of a running service
#   scripts/stack.sh logs SERVICE         print the service's log file name
#
# SERVICES: redis mongo chroma llm backend. Any order works: llm_server retries Chroma
# and Redis in the background and turns ready once they answer (tests/deploy proves it).
# Settings: .env (or STACK_ENV_FILE) is exported first, then the variables below win.
#   STACK_DIR=var/stack  REDIS_PORT=6379  MONGO_PORT=27017  CHROMA_PORT=8000
#   LLM_API_PORT=8001  BACKEND_PORT=5000  LOAD_DEMO_DATA=true
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

ENV_FILE=${STACK_ENV_FILE:-.env}
if [[ -f $ENV_FILE ]]; then set -a; source "$ENV_FILE"; set +a; fi

STACK_DIR=${STACK_DIR:-$ROOT/var/stack}
REDIS_PORT=${REDIS_PORT:-6379}
MONGO_PORT=${MONGO_PORT:-27017}
CHROMA_PORT=${CHROMA_PORT:-8000}
LLM_API_PORT=${LLM_API_PORT:-8001}
BACKEND_PORT=${BACKEND_PORT:-5000}
VENV=${VENV:-$ROOT/.venv}
ALL=(redis mongo chroma llm backend)

port_of() {
  case $1 in
    redis) echo "$REDIS_PORT" ;; mongo) echo "$MONGO_PORT" ;; chroma) echo "$CHROMA_PORT" ;;
    llm) echo "$LLM_API_PORT" ;; backend) echo "$BACKEND_PORT" ;;
    *) echo "unknown service '$1' (one of: ${ALL[*]})" >&2; exit 2 ;;
  esac
}

run_redis() {
  mkdir -p "$STACK_DIR/redis"
  exec redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STACK_DIR/redis" \
    --save "" --appendonly yes --daemonize no
}

run_mongo() {
  exec "$VENV/bin/nx-27017" --db memory --host 127.0.0.1 -p "$MONGO_PORT" \
    --log-file "$STACK_DIR/logs/mongo.nx.log" --pid-file "$STACK_DIR/pids/mongo.nx.pid"
}

run_chroma() {
  exec "$VENV/bin/chroma" run --path "$STACK_DIR/chroma" --host 127.0.0.1 --port "$CHROMA_PORT"
}

# The token llm_server uses on the backend's shop API: .env's, else one kept in STACK_DIR.
shop_token() {
  local file=$STACK_DIR/shop_api_token
  if [[ -n ${SHOP_API_TOKEN:-} ]]; then echo "$SHOP_API_TOKEN"; return; fi
  [[ -s $file ]] || (umask 077; "$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(24))' >"$file")
  cat "$file"
}

run_llm() {
  export LLM_API_HOST=127.0.0.1 LLM_API_PORT CHROMA_DB_HOST=127.0.0.1 CHROMA_DB_PORT=$CHROMA_PORT
  export SHOP_API_URL=http://127.0.0.1:$BACKEND_PORT SHOP_API_TOKEN=$(shop_token)
  export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0 LOAD_DEMO_DATA=${LOAD_DEMO_DATA:-true}
  exec "$VENV/bin/python" -m llm_server
}

run_backend() {
  export BACKEND_HOST=127.0.0.1 BACKEND_PORT LLM_API_URL=http://127.0.0.1:$LLM_API_PORT
  export MONGO_URI=mongodb://127.0.0.1:$MONGO_PORT SHOP_API_TOKEN=$(shop_token)
  exec node backend/src/server.js
}

pid_file() { echo "$STACK_DIR/pids/$1.pid"; }

running_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

start_one() {
  local name=$1 pid
  port_of "$name" >/dev/null
  if pid=$(running_pid "$name"); then
    echo "$name already running (pid $pid)"
    return
  fi
  mkdir -p "$STACK_DIR/pids" "$STACK_DIR/logs"
  # setsid: its own process group, so `stop` ends the service and only its children.
  setsid bash "$0" __run "$name" >>"$STACK_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
  echo "$name started (pid $!, port $(port_of "$name"), log $STACK_DIR/logs/$name.log)"
}

stop_one() {
  local name=$1 pid
  if ! pid=$(running_pid "$name"); then
    rm -f "$(pid_file "$name")"
    return
  fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
  rm -f "$(pid_file "$name")"
  echo "$name stopped (pid $pid)"
}

http_status() {
  "$VENV/bin/python" - "$1" <<'EOF'
import sys, urllib.error, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=3).status)
except urllib.error.HTTPError as exc:
    print(exc.code)
except OSError:
    print("down")
EOF
}

status() {
  local name pid all=0
  for name in "${ALL[@]}"; do
    if pid=$(running_pid "$name"); then
      printf '%-8s running  pid %-8s port %s\n' "$name" "$pid" "$(port_of "$name")"
    else
      printf '%-8s stopped\n' "$name"; all=1
    fi
  done
  echo "llm_server /health/ready: $(http_status "http://127.0.0.1:$LLM_API_PORT/health/ready")"
  return $all
}

wait_ready() {
  local deadline=$((SECONDS + ${1:-180})) code
  while ((SECONDS < deadline)); do
    code=$(http_status "http://127.0.0.1:$LLM_API_PORT/health/ready")
    if [[ $code == 200 ]]; then echo "ready"; return 0; fi
    sleep 1
  done
  echo "not ready after ${1:-180}s (last: $code); see $STACK_DIR/logs/llm.log" >&2
  return 1
}

seed() {
  export MONGO_URI=mongodb://127.0.0.1:$MONGO_PORT CHROMA_DB_HOST=127.0.0.1 CHROMA_DB_PORT=$CHROMA_PORT
  "$VENV/bin/embedding-pipeline" seed-mongo
  "$VENV/bin/embedding-pipeline" sync
  "$VENV/bin/embedding-pipeline" faq "${FAQ_CSV:-$ROOT/data/faq.csv}"
}

main() {
  local command=${1:-status}
  shift || true
  case $command in
    start)
      local names=("$@")
      ((${#names[@]})) || names=("${ALL[@]}")
      for name in "${names[@]}"; do start_one "$name"; done ;;
    stop)
      local names=("$@")
      ((${#names[@]})) || names=(backend llm chroma mongo redis)
      for name in "${names[@]}"; do stop_one "$name"; done ;;
    status) status ;;
    wait) wait_ready "${1:-180}" ;;
    seed) seed ;;
    pid) running_pid "${1:?service}" ;;
    logs) echo "$STACK_DIR/logs/${1:?service}.log" ;;
    __run) mkdir -p "$STACK_DIR"; "run_${1:?}" ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
  esac
}

main "$@"
