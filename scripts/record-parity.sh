#!/usr/bin/env bash
# Re-records every parity case under tests/parity/ from the reference CLI
# (../shared/oracle/openclaw-audit). A development tool: CI and the tests
# only read the recorded case.json files.
set -euo pipefail
cd "$(dirname "$0")/.."
find tests/parity -mindepth 2 -maxdepth 2 -type d | sort | xargs scripts/record-case.py
