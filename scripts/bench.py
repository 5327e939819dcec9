#!/usr/bin/env python3
"""Measures pincer against the targets of issue 10 and writes BENCHMARKS.md.

Run through scripts/bench.sh, which builds the release binary first. All
figures come from one run on this machine: a single audit cold (empty
compiled-plugin cache) and warm, process start to report; each built-in
plugin's run time; a fleet of generated state directories; peak RSS
(/usr/bin/time -v); and the reference CLI on the same example configs when
../shared/oracle/openclaw-audit is there.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORACLE = ROOT.parent / "shared" / "oracle" / "openclaw-audit"
EXAMPLES = {
    "exposed.json": ["--config", str(ROOT / "examples/configs/exposed.json")],
    "hardened.json": ["--config", str(ROOT / "examples/configs/hardened.json")],
    "openclaw-home": ["--state-dir", str(ROOT / "examples/openclaw-home")],
}
TARGETS = {
    "warm_ms": 20.0,
    "cold_ms": 1500.0,
    "fleet_per_s": 1000.0,
    "rss_mib": 64.0,
    "speedup": 100.0,
}


HOME = Path(tempfile.mkdtemp(prefix="pincer-bench-home-"))


def env_with(cache: Path) -> dict:
    """The environment of a measured run: no OPENCLAW_* variables and an
    empty HOME, so the operator's own installation is never read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENCLAW_")}
    env["HOME"] = str(HOME)
    env["PINCER_CACHE_DIR"] = str(cache)
    env["NO_COLOR"] = "1"
    return env


def timed(cmd: list, env: dict, accepted=(0, 1)) -> tuple:
    """Wall time in ms of one run, and its stdout."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000.0
    if done.returncode not in accepted:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr}")
    return elapsed, done.stdout


def audit_cmd(binary: Path, target: list) -> list:
    return [str(binary), "audit", *target, "--format", "json", "--fail-on", "never"]


def spawn_baseline(runs: int) -> float:
    """What starting any process costs this harness (/bin/true), in ms:
    included in every figure below, since they run from process start."""
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["true"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(walls)


def single(binary: Path, work: Path, runs: int) -> dict:
    results = {}
    for name, target in EXAMPLES.items():
        cold = []
        for i in range(max(3, runs // 10)):
            cache = work / f"cold-{name}-{i}"
            cold.append(timed(audit_cmd(binary, target), env_with(cache))[0])
        cache = work / f"warm-{name}"
        timed(audit_cmd(binary, target), env_with(cache))
        warm, plugin_ms = [], {}
        for _ in range(runs):
            elapsed, out = timed(audit_cmd(binary, target), env_with(cache))
            warm.append(elapsed)
            for plugin in json.loads(out)["plugins"]:
                assert plugin["compiled"] == "cache", "a warm run compiled a plugin"
                plugin_ms.setdefault(plugin["name"], []).append(plugin["durationMs"])
        results[name] = {
            "cold_ms": statistics.median(cold),
            "warm_ms": statistics.median(warm),
            "warm_p90_ms": sorted(warm)[max(0, int(len(warm) * 0.9) - 1)],
            "plugin_ms": {k: statistics.median(v) for k, v in plugin_ms.items()},
            "rss_mib": peak_rss(audit_cmd(binary, target), env_with(cache)),
        }
    return results


def peak_rss(cmd: list, env: dict) -> float:
    if not Path("/usr/bin/time").exists():
        return float("nan")
    done = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, capture_output=True, text=True)
    for line in done.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1]) / 1024.0
    return float("nan")


def make_fleet(work: Path, count: int) -> Path:
    """count state dirs, alternating the example configs; every fourth with
    the example state database."""
    configs = [
        (ROOT / "examples/configs/exposed.json").read_text(),
        (ROOT / "examples/configs/hardened.json").read_text(),
        (ROOT / "examples/openclaw-home/openclaw.json").read_text(),
    ]
    database = ROOT / "examples/openclaw-home/state/openclaw.sqlite"
    lines = []
    for i in range(count):
        state = work / "fleet" / f"gw-{i:04d}"
        state.mkdir(parents=True)
        os.chmod(state, 0o700)
        config = state / "openclaw.json"
        config.write_text(configs[i % len(configs)])
        os.chmod(config, 0o600)
        if i % 4 == 0:
            (state / "state").mkdir()
            shutil.copy(database, state / "state" / "openclaw.sqlite")
        lines.append(str(state))
    fleet = work / "fleet.txt"
    fleet.write_text("\n".join(lines) + "\n")
    return fleet


def fleet(binary: Path, work: Path, count: int) -> dict:
    fleet_file = make_fleet(work, count)
    cache = work / "fleet-cache"
    env = env_with(cache)
    cmd = [str(binary), "audit", "--fleet", str(fleet_file), "--format", "json",
           "--fail-on", "never", "--output", str(work / "fleet-report.json")]
    timed(cmd, env, accepted=(0, 1, 2, 3))
    walls = [timed(cmd, env, accepted=(0, 1, 2, 3))[0] for _ in range(3)]
    wall = statistics.median(walls)
    report = json.loads((work / "fleet-report.json").read_text())
    assert report["fleet"]["targets"] == count
    return {
        "targets": count,
        "wall_ms": wall,
        "per_s": count / (wall / 1000.0),
        "rss_mib": peak_rss(cmd, env),
        "errors": report["fleet"]["errors"],
    }


def reference(runs: int) -> dict:
    if not ORACLE.exists():
        return {}
    subprocess.run([str(ORACLE), "--install"], check=True, capture_output=True)
    results = {}
    home = ROOT / "examples/openclaw-home"
    for name, target in EXAMPLES.items():
        if target[0] == "--config":
            cmd = [str(ORACLE), target[1]]
        else:
            cmd = [str(ORACLE), str(home / "openclaw.json"), str(home)]
        walls = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, text=True)
            walls.append((time.perf_counter() - start) * 1000.0)
        results[name] = statistics.median(walls)
    return results


def verdict(ok: bool) -> str:
    return "meets" if ok else "**misses**"


def write(out: Path, single_results: dict, fleet_results: dict, ref: dict, args,
          baseline: float) -> None:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        "Written by `scripts/bench.sh` (do not edit by hand): every figure below",
        "comes from one run on one machine, process start to report, the",
        "release build. Medians unless said otherwise.",
        "",
        f"- when: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}",
        f"- machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}",
        f"- runs: {args.runs} warm runs per example, {max(3, args.runs // 10)} cold;"
        f" fleet of {args.fleet} generated state directories",
        f"- starting a process from this harness (`true`) takes {baseline:.1f} ms;"
        " every figure includes it",
        "",
        "## Single audit",
        "",
        "| example | cold (empty cache) | warm | warm p90 | peak RSS | reference | reference / warm |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in single_results.items():
        ref_ms = ref.get(name)
        ratio = f"{ref_ms / r['warm_ms']:.0f}x" if ref_ms else "n/a"
        ref_text = f"{ref_ms:.0f} ms" if ref_ms else "not run"
        lines.append(
            f"| {name} | {r['cold_ms']:.0f} ms | {r['warm_ms']:.1f} ms | {r['warm_p90_ms']:.1f} ms"
            f" | {r['rss_mib']:.1f} MiB | {ref_text} | {ratio} |"
        )
    lines += ["", "## Per plugin (warm, inside the audit)", "",
              "| example | " + " | ".join(next(iter(single_results.values()))["plugin_ms"]) + " |",
              "| --- |" + " --- |" * len(next(iter(single_results.values()))["plugin_ms"])]
    for name, r in single_results.items():
        lines.append(f"| {name} | " + " | ".join(f"{v:.2f} ms" for v in r["plugin_ms"].values()) + " |")
    f = fleet_results
    lines += [
        "",
        "## Fleet",
        "",
        f"{f['targets']} state directories (the three example configs in turn, every fourth",
        f"with the example state database) in one `pincer audit --fleet`: {f['wall_ms']:.0f} ms,",
        f"**{f['per_s']:.0f} installations a second**, peak RSS {f['rss_mib']:.1f} MiB,"
        f" {f['errors']} targets in error.",
        "",
        "## Against the targets of issue 10",
        "",
        "| target | goal | measured | |",
        "| --- | --- | --- | --- |",
    ]
    worst_warm = max(r["warm_ms"] for r in single_results.values())
    worst_cold = max(r["cold_ms"] for r in single_results.values())
    worst_rss = max(r["rss_mib"] for r in single_results.values())
    lines.append(f"| warm single audit | < {TARGETS['warm_ms']:.0f} ms | {worst_warm:.1f} ms (slowest example) | {verdict(worst_warm < TARGETS['warm_ms'])} |")
    lines.append(f"| cold single audit | < {TARGETS['cold_ms']:.0f} ms | {worst_cold:.0f} ms | {verdict(worst_cold < TARGETS['cold_ms'])} |")
    lines.append(f"| fleet | >= {TARGETS['fleet_per_s']:.0f} / s | {f['per_s']:.0f} / s | {verdict(f['per_s'] >= TARGETS['fleet_per_s'])} |")
    lines.append(f"| peak RSS, single audit | < {TARGETS['rss_mib']:.0f} MiB | {worst_rss:.1f} MiB | {verdict(worst_rss < TARGETS['rss_mib'])} |")
    if ref:
        ratios = [ref[n] / r["warm_ms"] for n, r in single_results.items() if n in ref]
        lines.append(f"| against the reference | >= {TARGETS['speedup']:.0f}x on every example | {min(ratios):.0f}x (smallest) | {verdict(min(ratios) >= TARGETS['speedup'])} |")
    else:
        lines.append("| against the reference | >= 100x | not measured: ../shared/oracle/openclaw-audit absent | |")
    lines += ["", "The Criterion benches (`cargo bench -p pincer`) measure the pieces in",
              "process: snapshot collection and one run of the built-in plugins.", ""]
    out.write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True, type=Path)
    parser.add_argument("--out", default=ROOT / "BENCHMARKS.md", type=Path)
    parser.add_argument("--runs", default=30, type=int)
    parser.add_argument("--fleet", default=1000, type=int)
    parser.add_argument("--reference-runs", default=3, type=int)
    args = parser.parse_args()
    if args.runs < 1 or args.fleet < 1 or args.reference_runs < 1:
        parser.error("--runs, --fleet and --reference-runs must be at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        baseline = spawn_baseline(args.runs)
        single_results = single(args.bin, work, args.runs)
        fleet_results = fleet(args.bin, work, args.fleet)
        ref = reference(args.reference_runs)
        write(args.out, single_results, fleet_results, ref, args, baseline)
    shutil.rmtree(HOME, ignore_errors=True)
    print(args.out.read_text())


if __name__ == "__main__":
    main()
