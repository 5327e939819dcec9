#!/usr/bin/env bash
# Regenerates docs/parity.md (reference check ids, their status and case
# coverage, Pincer's own checks) through the end-to-end test that checks it
# is fresh: tests/e2e/parity_doc.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
PINCER_BLESS=1 cargo test --test e2e parity_doc
