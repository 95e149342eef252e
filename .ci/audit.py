"""`make audit`: pip-audit over the pinned requirements, failing on known vulnerabilities only.

Exit 1 when a dependency has a known vulnerability that .ci/audit-ignore does not accept; exit 0 with a
loud warning when the advisory service cannot be reached (CI without network must not fail for that,
and must not look clean either). Any other pip-audit failure exits 1. See docs/security.md.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORE_FILE = ROOT / ".ci" / "audit-ignore"
NETWORK_ERRORS = re.compile(
    r"ConnectionError|ConnectTimeout|ReadTimeout|Max retries exceeded|Name or service not known|"
    r"Temporary failure in name resolution|Failed to establish a new connection|Network is unreachable|"
    r"ServiceError|timed out",
    re.IGNORECASE,
)


def accepted_ids() -> list[str]:
    """Vulnerability IDs accepted on purpose: one per line in .ci/audit-ignore, `#` starts a comment."""
    if not IGNORE_FILE.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in IGNORE_FILE.read_text().splitlines())
    return [line for line in lines if line]


def main(requirement_files: list[str]) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "audit.json"
        command = [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json"]
        command += ["--output", str(report), "--desc", "on"]
        for name in requirement_files:
            command += ["--requirement", str(ROOT / name)]
        for vulnerability in accepted_ids():
            command += ["--ignore-vuln", vulnerability]
        result = subprocess.run(command, capture_output=True, text=True)
        found = json.loads(report.read_text()) if report.exists() and report.stat().st_size else None

    if found is not None:
        vulnerable = [dep for dep in found.get("dependencies", []) if dep.get("vulns")]
        audited = len(found.get("dependencies", []))
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
                print(f"VULNERABLE {dep['name']}=={dep['version']}: {vuln['id']} (fixed in {fixed})")
        if vulnerable:
            print(f"audit: {len(vulnerable)} of {audited} packages have known vulnerabilities", file=sys.stderr)
            return 1
        if result.returncode == 0:
            ignored = accepted_ids()
            print(
                f"audit: no known vulnerabilities in {audited} packages"
                + (f" ({len(ignored)} accepted)" if ignored else "")
            )
            return 0
    if NETWORK_ERRORS.search(result.stderr):
        print(
            "WARNING: the vulnerability audit did not run: "
            "the package index or the advisory service could not be reached.",
            file=sys.stderr,
        )
        print(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "", file=sys.stderr)
        return 0
    print(result.stdout + result.stderr, file=sys.stderr)
    print(f"audit: pip-audit failed ({result.returncode})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["requirements.txt", "requirements-dev.txt"]))
