"""Run by test_kill.py in a child process: ingest a folder with the test reader, in small batches."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ingest_fake_reader import fake_read

from racecard.ingest.run import ingest
from racecard.store import Store

if __name__ == "__main__":
    url, folder, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(url)
    summary = ingest([folder], store=store, reader=fake_read, workers=workers, batch_size=20)
    print(f"read {summary.read} duplicates {summary.duplicates} failed {len(summary.failed)}")
