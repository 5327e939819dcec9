#!/usr/bin/env bash
# Measures pincer (release build) against the targets of issue 10 and the
# reference CLI, and writes BENCHMARKS.md. Takes a few minutes; the
# reference alone takes 3 to 25 s a run. Options go to scripts/bench.py
# (--runs N, --fleet N, --reference-runs N).
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target add wasm32-wasip2 >/dev/null
cargo build --release --locked --quiet -p pincer
python3 scripts/bench.py --bin target/release/pincer "$@"
