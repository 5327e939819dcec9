#!/usr/bin/env bash
# Regenerates docs/checks.md (the catalogue of every built-in check, from
# the plugins' own metadata) through the end-to-end test that checks it is
# fresh: tests/e2e/checks_doc.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
PINCER_BLESS=1 cargo test --test e2e checks_doc
