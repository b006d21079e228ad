"""scripts/audit.sh's report readers on the report formats pip-audit and npm audit write:
vulnerabilities fail, allowlisted ones pass, an unreachable database is told apart (exit 3)."""

import json
import subprocess
import sys

import pytest

from llm_server.config import PROJECT_ROOT

AUDIT = PROJECT_ROOT / "scripts" / "audit"
NPM_REPORT = {
    "auditReportVersion": 2,
    "vulnerabilities": {
        "qs": {"name": "qs", "severity": "high", "range": "<6.10.3", "via": [
            {"source": 1, "name": "qs", "url": "https://github.com/advisories/GHSA-hrpp-h998-j3pp"}]},
        "body-parser": {"name": "body-parser", "severity": "high", "range": "<1.20", "via": ["qs"]},
    },
}


def run(tmp_path, argv, report):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report) if isinstance(report, dict) else report)
    proc = subprocess.run([*argv[:2], str(path), *argv[2:]], capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stdout


@pytest.mark.parametrize(("allowed", "code", "open_count"), [([], 1, 2), (["GHSA-hrpp-h998-j3pp"], 0, 0)])
def test_npm_report_follows_transitive_advisories_and_the_allowlist(tmp_path, allowed, code, open_count):
    rc, out = run(tmp_path, ["node", str(AUDIT / "npm_report.js"), "node backend", *allowed], NPM_REPORT)
    assert rc == code
    assert f"2 vulnerable packages, {open_count} not allowlisted" in out


def test_npm_report_says_when_the_registry_has_no_audit_endpoint(tmp_path):
    rc, out = run(tmp_path, ["node", str(AUDIT / "npm_report.js"), "node backend"],
                  {"message": "405 Method Not Allowed - POST .../advisories/bulk"})
    assert rc == 3 and "unreachable" in out


@pytest.mark.parametrize(("report", "code", "needle"), [
    ({"dependencies": [{"name": "jinja2", "version": "3.1.2", "vulns": [
        {"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"]}]}]}, 1, "jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (fixed in 3.1.3)"),
    ({"dependencies": [{"name": "jinja2", "version": "3.1.6", "vulns": []}]}, 0, "1 packages audited, 0 vulnerabilities"),
    ({"dependencies": [{"name": "jinja2", "skip_reason": "Dependency not found on PyPI"}]}, 3, "unreachable"),
])
def test_pip_report(tmp_path, report, code, needle):
    rc, out = run(tmp_path, [sys.executable, str(AUDIT / "pip_report.py")], report)
    assert rc == code and needle in out


def test_requirements_lock_pins_every_line_and_not_the_project():
    lines = [line for line in (PROJECT_ROOT / "requirements.lock").read_text().splitlines() if line and not line.startswith("#")]
    assert lines and all("==" in line and " @ " not in line for line in lines)
    assert not any(line.lower().startswith("blankspace-assistant") for line in lines)
