#!/usr/bin/env python3
"""Regenerates host/openclaw/openclaw.schema.json from the real OpenClaw.

Runs `openclaw config schema` (OpenClaw's own JSON Schema of openclaw.json,
draft-07) through ../shared/oracle/openclaw in a private home, strips the
prose (title, description, examples) that validation does not read, and
writes it compact, with the version it came from in VERSION beside it.
OpenClaw is MIT licensed; its notice is kept in LICENSE beside the schema.

    python3 scripts/openclaw-schema.py
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORACLE = ROOT.parent / "shared" / "oracle" / "openclaw"
OUT = ROOT / "host" / "openclaw"
PROSE = {"title", "description", "examples", "markdownDescription", "deprecationMessage"}


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in PROSE}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        (Path(home) / ".openclaw").mkdir()
        schema = subprocess.run(
            [str(ORACLE), home, "config", "schema"], check=True, capture_output=True, text=True
        ).stdout
        version = subprocess.run(
            [str(ORACLE), home, "--version"], check=True, capture_output=True, text=True
        ).stdout.strip().splitlines()[-1]
    stripped = strip(json.loads(schema))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "openclaw.schema.json").write_text(json.dumps(stripped, separators=(",", ":"), sort_keys=True) + "\n")
    (OUT / "VERSION").write_text(version + "\n")
    print(f"wrote {OUT / 'openclaw.schema.json'} from {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
