#!/usr/bin/env python3
"""Regenerates host/openclaw/openclaw.schema.json from the real OpenClaw.

Runs `openclaw config schema` (OpenClaw's own JSON Schema of openclaw.json,
draft-07) through ../shared/oracle/openclaw in a private home, strips the
prose (title, description, examples) that validation does not read, writes
its patterns in the regex syntax jsonschema compiles (see rust_pattern),
and writes it compact, with the version it came from in VERSION beside it.
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
# Patterns OpenClaw's zod schema compiles with the `i` flag, which a JSON
# Schema export cannot carry: agent ids (`agents.entries` keys, the codex
# agents of an MCP server) match in any case. Written case-insensitively.
CASE_INSENSITIVE = {
    "^[a-z0-9_][a-z0-9_-]{0,63}$": "^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,63}$",
    "^[a-z0-9][a-z0-9_-]{0,63}$": "^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$",
}


def rust_pattern(pattern: str) -> str:
    """An ECMAScript pattern in the syntax of Rust's regex crate, which
    jsonschema compiles: inside a character class ECMAScript reads `[` as
    a literal, Rust as the start of a nested class, so it is escaped there;
    ECMAScript's `\\0` is Rust's `\\x00`. Nothing else differs in the
    patterns OpenClaw's schema holds (the validator's own ECMAScript
    translation handles the rest). A pattern OpenClaw matches without
    case (CASE_INSENSITIVE) is written so."""
    pattern = CASE_INSENSITIVE.get(pattern, pattern)
    out, in_class, escaped = [], False, False
    for index, char in enumerate(pattern):
        if escaped:
            following = pattern[index + 1 : index + 2]
            # ECMAScript's `\0` (NUL) is `\x00` for Rust.
            out.append("x00" if char == "0" and not following.isdigit() else char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            out.append("\\[" if in_class else "[")
            in_class = True
        elif char == "]" and in_class:
            out.append(char)
            in_class = False
        else:
            out.append(char)
    return "".join(out)


def strip(value, key=None):
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in PROSE and key != "properties":
                continue
            if k == "pattern" and isinstance(v, str) and key != "properties":
                out[k] = rust_pattern(v)
            elif k == "patternProperties" and isinstance(v, dict):
                out[k] = {rust_pattern(p): strip(s) for p, s in v.items()}
            else:
                out[k] = strip(v, k)
        return out
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def anchor_local_refs(value, path=""):
    """Plugin config schemas are embedded whole, their `#/$defs/...` refs
    still pointing at their own root: point them at the embedded `$defs`."""
    if isinstance(value, dict):
        if "$defs" in value and path:
            rebase(value, path)
        for key, child in value.items():
            anchor_local_refs(child, f"{path}/{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            anchor_local_refs(child, f"{path}/{index}")


def rebase(value, base):
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            value["$ref"] = "#" + base + ref[1:]
        for child in value.values():
            rebase(child, base)
    elif isinstance(value, list):
        for child in value:
            rebase(child, base)


def input_required(value):
    """The schema is of the parsed config (zod's output), where a field with
    a default is required; a written config may leave it out, so a property
    with a `default` is dropped from its object's `required`."""
    if isinstance(value, dict):
        properties = value.get("properties")
        required = value.get("required")
        if isinstance(properties, dict) and isinstance(required, list):
            kept = [
                name for name in required
                if not (isinstance(properties.get(name), dict) and "default" in properties[name])
            ]
            if kept:
                value["required"] = kept
            else:
                del value["required"]
        for child in value.values():
            input_required(child)
    elif isinstance(value, list):
        for child in value:
            input_required(child)


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
    anchor_local_refs(stripped)
    input_required(stripped)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "openclaw.schema.json").write_text(json.dumps(stripped, separators=(",", ":"), sort_keys=True) + "\n")
    (OUT / "VERSION").write_text(version + "\n")
    print(f"wrote {OUT / 'openclaw.schema.json'} from {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
