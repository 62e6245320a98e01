"""SIGKILL in the middle of an ingest: the store stays consistent and a re-run completes it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ingest_fake_reader import COMPANIES, DRUGS

HERE = Path(__file__).parent
N = 600


def _corpus(folder: Path) -> None:
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(5000)]
    folder.mkdir()
    for n in range(N):
        a, b = rng.sample(COMPANIES, 2)
        drug = rng.choice(DRUGS)
        words = " ".join(rng.choice(vocabulary) for _ in range(120))
        lead = f"{a} licensed {drug} to {b}." if n % 3 else f"{a} reported data on {drug}."
        (folder / f"{n:05d}.txt").write_text(f"Story {n}\n\n{lead} {words}.\n")


def _run(url: str, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(HERE / "kill_target.py"), url, str(folder), "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _facts(db: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute("SELECT document_id, key FROM events").fetchall())


def _consistent(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every stored document is whole: its bands, its mentions, its facts with evidence
        assert conn.execute(
            "SELECT count(*) FROM documents d"
            " WHERE (SELECT count(*) FROM document_bands b WHERE b.document_id = d.id) != 32"
        ).fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id)"
        ).fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM evidence v WHERE v.event_id = e.id)"
        ).fetchone() == (0,)
        stories = conn.execute("SELECT count(*) FROM documents WHERE text LIKE '%licensed%'").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == stories


def test_sigkill_mid_ingest_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    _corpus(folder)
    db = tmp_path / "killed.db"
    child = _run(f"sqlite:///{db}", folder)
    deadline = time.monotonic() + 60
    while _count(db, "documents") < 60:
        assert child.poll() is None, child.communicate()[1].decode()
        assert time.monotonic() < deadline, "the ingest stored nothing in 60 s"
        time.sleep(0.01)
    os.killpg(child.pid, signal.SIGKILL)
    child.communicate()
    stored = _count(db, "documents")
    assert 0 < stored < N, "kill came too late to be mid-run"
    _consistent(db)

    rerun = _run(f"sqlite:///{db}", folder)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    read = int(out.split()[1])
    assert read == N - stored  # the re-run stored exactly what was missing
    assert _count(db, "documents") == N
    _consistent(db)

    clean = tmp_path / "clean.db"
    once = _run(f"sqlite:///{clean}", folder)
    once.communicate(timeout=120)
    assert _facts(db) == _facts(clean)
    for table in ("documents", "mentions", "events", "evidence", "roles", "aliases", "entities"):
        assert _count(db, table) == _count(clean, table), table
