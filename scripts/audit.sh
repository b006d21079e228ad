#!/usr/bin/env bash
# Supply-chain check: known vulnerabilities in the Python dependencies (pip-audit over
# requirements.lock) and in the Node runtime dependencies (npm audit --omit=dev, backend and
# frontend). Advisories listed in scripts/audit-allowlist.txt (with an expiry date) are accepted.
#
# Exit codes: 0 clean (or the vulnerability database could not be reached and AUDIT_STRICT is
# not 1), 1 vulnerabilities found that are not allowlisted, 2 database unreachable with
# AUDIT_STRICT=1. Unreachable is the normal state on machines whose only network is a package
# mirror (this project's CI): the script says so loudly and does not fail, because a check that
# cannot run says nothing about the code. Set AUDIT_STRICT=1 where the databases are reachable
# (a release pipeline) so that an outage cannot pass silently.
set -uo pipefail
cd "$(dirname "$0")/.."
STRICT=${AUDIT_STRICT:-0}
TODAY=$(date -u +%F)
ALLOWLIST=scripts/audit-allowlist.txt
found=0
unreachable=()

allowed_ids() {  # IDs whose expiry has not passed
  grep -vE '^\s*(#|$)' "$ALLOWLIST" | awk -v today="$TODAY" '$3 >= today {print $1}'
}

audit_python() {
  local ignores=() report
  for id in $(allowed_ids); do ignores+=(--ignore-vuln "$id"); done
  report=$(mktemp)
  .venv/bin/pip-audit -r requirements.lock --no-deps --disable-pip --progress-spinner off \
    -f json -o "$report" "${ignores[@]}" >/dev/null 2>&1
  .venv/bin/python scripts/audit/pip_report.py "$report"
}

audit_node() {  # $1: backend | frontend
  local dir=$1 report
  report=$(mktemp)
  (cd "$dir" && npm audit --omit=dev --json >"$report" 2>/dev/null)
  # shellcheck disable=SC2046
  node scripts/audit/npm_report.js "$report" "node $dir" $(allowed_ids)
}

for check in "audit_python" "audit_node backend" "audit_node frontend"; do
  $check
  case $? in
    0) ;;
    1) found=1 ;;
    *) unreachable+=("${check#audit_}") ;;
  esac
done

if ((found)); then
  echo "audit: FAILED: vulnerabilities above are not in $ALLOWLIST (fix, or allowlist with a reason and date)"
  exit 1
fi
if ((${#unreachable[@]})); then
  echo "audit: SKIPPED for ${unreachable[*]}: the vulnerability database could not be reached from this machine."
  if [[ $STRICT == 1 ]]; then echo "audit: AUDIT_STRICT=1: failing"; exit 2; fi
  echo "audit: not strict (AUDIT_STRICT!=1): passing; run with network access to really check."
  exit 0
fi
echo "audit: clean"
