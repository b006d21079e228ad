"""Reads a `pip-audit -f json` report; prints what is not allowlisted (pip-audit already
dropped the --ignore-vuln IDs). usage: python pip_report.py REPORT
Exit 0 clean, 1 vulnerabilities, 3 database unreachable (no package could be audited)."""

import json
import sys


def main(path: str) -> int:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        print(f"python: pip-audit gave no report ({exc})")
        return 3
    deps = data.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    if deps and not audited:
        print(f"python: vulnerability database unreachable ({deps[0]['skip_reason'][:100]})")
        return 3
    vulns = [(d["name"], d["version"], v["id"], v.get("fix_versions") or []) for d in audited for v in d.get("vulns", [])]
    for name, version, vid, fixes in vulns:
        print(f"python: {name} {version}: {vid} (fixed in {', '.join(fixes) or 'no release yet'})")
    print(f"python: {len(audited)} packages audited, {len(vulns)} vulnerabilities not allowlisted")
    return 1 if vulns else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
