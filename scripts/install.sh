#!/usr/bin/env bash
# Everything a fresh machine needs: Debian packages, .venv, llama.cpp, node_modules, widget build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_deps.sh
[[ -x .venv/bin/python ]] || python3.11 -m venv .venv || python3 -m venv .venv
stamp=.venv/.deps-$(cat pyproject.toml requirements.lock | sha256sum | cut -c1-12)
if [[ ! -f $stamp ]]; then
  .venv/bin/pip install -q --upgrade pip wheel setuptools
  .venv/bin/pip install -q -e '.[test]' -c requirements.lock
  touch "$stamp"
fi
bash scripts/install_llama_cpp.sh
for dir in backend frontend; do
  if [[ -f $dir/package.json ]]; then
    (cd "$dir" && { [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund; })
  fi
done
if [[ -f frontend/package.json ]]; then (cd frontend && npm run build --silent); fi
