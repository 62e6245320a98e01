"""The ``ingest`` and ``reread`` commands: parse options, call the library, print a summary."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["ingest_command", "reread_command"]

_PROGRESS_MIN = 20  # inputs from which a progress bar is shown


class _Bar:
    """A progress bar on stderr, started only once a run proves long enough to want one."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < _PROGRESS_MIN:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                transient=True,
                console=Console(stderr=True),
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        if self.task is not None:
            self.bar.update(self.task, completed=done, total=total)

    def __enter__(self) -> _Bar:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.stop()


def ingest_command(
    sources: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive) and URLs.", metavar="PATH|URL...")
    ],
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Reading processes.")] = 1,
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default: $RACECARD_DB).")] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per transaction.")] = 200,
    read: Annotated[bool, typer.Option("--read/--no-read", help="Read now, or store for `racecard reread`.")] = True,
) -> None:
    """Read text, HTML, RSS/Atom, EDGAR filings and CT.gov records into the store."""
    from racecard.ingest.run import ingest
    from racecard.store import Store

    store = Store(db)
    try:
        with _Bar("ingest") as bar:
            summary = ingest(sources, store=store, workers=workers, batch_size=batch, read=read, progress=bar)
    finally:
        store.close()
    seen = summary.read + summary.duplicates
    rate = seen / summary.elapsed if summary.elapsed else 0.0
    typer.echo(
        f"read {summary.read}, skipped as duplicate {summary.duplicates}, failed {len(summary.failed)}"
        f" ({summary.elapsed:.1f}s, {rate:.0f} documents/s)"
    )
    for skip in summary.skipped:
        typer.echo(f"  skipped {skip.source}: {skip.reason}")
    for skip in summary.failed:
        typer.echo(f"  failed {skip.source}: {skip.reason}", err=True)
    if summary.failed:
        raise typer.Exit(2)


def reread_command(
    all_: Annotated[bool, typer.Option("--all", help="Re-read every document, not only older readings.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Reading processes.")] = 1,
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default: $RACECARD_DB).")] = None,
) -> None:
    """Re-read stored documents with the current extractor; analyst reviews are kept."""
    from racecard.ingest.reread import reread
    from racecard.store import Store

    store = Store(db)
    try:
        with _Bar("reread") as bar:
            summary = reread(store=store, everything=all_, workers=workers, progress=bar)
    finally:
        store.close()
    typer.echo(f"re-read {summary.reread}, failed {len(summary.failed)} ({summary.elapsed:.1f}s)")
    for skip in summary.failed:
        typer.echo(f"  failed {skip.source}: {skip.reason}", err=True)
    if summary.failed:
        raise typer.Exit(2)
