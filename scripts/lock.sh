#!/usr/bin/env bash
# Rewrites requirements.lock from the installed .venv (run after changing pyproject.toml and
# `pip install -e '.[test]'`): every installed distribution pinned ==, minus the project itself;
# wheels installed from a local file are pinned by their version.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# Python constraints: the exact versions CI tested (pip freeze of .venv, minus the project itself)."
  echo "# Used by scripts/install.sh as \`pip install -e '.[test]' -c requirements.lock\`."
  echo "# Refresh after changing pyproject.toml: bash scripts/lock.sh"
  .venv/bin/pip freeze --exclude-editable --exclude blankspace-assistant 2>/dev/null \
    | grep -v '^#' \
    | sed -E 's/^([A-Za-z0-9._-]+) @ file:.*\/([A-Za-z0-9_.]+)-([0-9][^-]*)-.*\.whl.*$/\1==\3/'
} > requirements.lock
echo "requirements.lock: $(grep -c '==' requirements.lock) pins"
