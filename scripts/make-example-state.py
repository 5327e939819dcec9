#!/usr/bin/env python3
"""Builds examples/openclaw-home/state/openclaw.sqlite: the tables of
OpenClaw 2026.9.6's state database that Pincer reads (plus the ones that
hold device keys, to show they stay out of the view), with the planted
sample rows of tests/fixtures/state. Re-run after changing the fixtures.
"""
import pathlib
import sqlite3

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "state"
TARGET = ROOT / "examples" / "openclaw-home" / "state" / "openclaw.sqlite"
KEEP = {
    "device_pairing_paired", "device_pairing_pending", "exec_approvals_config",
    "gateway_boot_lifecycle", "gateway_restart_sentinel", "gateway_restart_intent",
    "gateway_restart_handoff", "channel_pairing_allow_entries", "channel_pairing_requests",
    "audit_events", "audit_identity_keys", "channel_ingress_events",
    "device_identities", "device_auth_tokens",
}

def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        pathlib.Path(str(TARGET) + suffix).unlink(missing_ok=True)
    db = sqlite3.connect(TARGET)
    db.execute("PRAGMA page_size = 1024")
    db.executescript((FIXTURES / "schema.sql").read_text())
    db.executescript((FIXTURES / "sample-rows.sql").read_text())
    tables = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        if table not in KEEP:
            db.execute(f'DROP TABLE "{table}"')
    db.execute("PRAGMA user_version = 18")
    db.commit()
    db.execute("VACUUM")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size} bytes")

if __name__ == "__main__":
    main()
