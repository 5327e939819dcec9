#!/usr/bin/env python3
"""Records the reference's (checkId, severity) pairs for parity cases.

Usage: scripts/record-case.py CASE_DIR...

Each CASE_DIR holds config.json and case.json ({"description", "env",
"reference"}). The reference CLI (../shared/oracle/openclaw-audit) runs on
config.json with the case's env, and case.json's reference.findings is
rewritten with every pair it reported, sorted. Only facts are recorded:
no titles or details of the reference.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ORACLE = Path(__file__).resolve().parent.parent.parent / "shared" / "oracle" / "openclaw-audit"
TOOL = "openclaw 2026.9.6 security audit --json"


def record(case_dir: Path) -> None:
    case_file = case_dir / "case.json"
    case = json.loads(case_file.read_text()) if case_file.exists() else {"description": "", "env": {}}
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENCLAW_")}
    env.update(case.get("env", {}))
    run = subprocess.run([str(ORACLE), str(case_dir / "config.json")], env=env, capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
        findings = report["findings"]
    except (ValueError, KeyError):
        sys.exit(f"{case_dir}: the reference did not produce a report:\n{run.stdout}\n{run.stderr}")
    pairs = sorted({(f["checkId"], f["severity"]) for f in findings})
    case["reference"] = {
        "tool": TOOL,
        "findings": [{"checkId": c, "severity": s} for c, s in pairs],
    }
    case_file.write_text(json.dumps(case, indent=2) + "\n")
    print(f"{case_dir.name}: {', '.join(f'{c}={s}' for c, s in pairs)}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        record(Path(arg))
