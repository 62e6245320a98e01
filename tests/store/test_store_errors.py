"""Database errors reach the user as one line naming the problem, never a traceback or SQL."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path


def test_a_database_from_an_older_schema_gets_one_line(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.execute("create table alembic_version (version_num varchar(32) primary key)")
    con.execute("insert into alembic_version values ('0001')")
    con.execute("create table documents (id text)")
    con.commit()
    con.close()
    article = tmp_path / "001.txt"
    article.write_text("Amgen licensed a drug to Zai Lab.", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "from racecard.cli import main; main()", "ingest", str(article)],
        env={"RACECARD_DB": f"sqlite:///{db}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such column" in lines[0] and "older Racecard" in lines[0]
    assert "Traceback" not in run.stderr and "SELECT" not in run.stderr
