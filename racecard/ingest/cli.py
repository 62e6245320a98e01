"""The ``ingest`` and ``reread`` commands: parse options, call the library, print a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.progress import Progress

__all__ = ["ingest_command", "reread_command"]

_PROGRESS_MIN = 20  # inputs from which a progress bar is shown


def _progress(label: str) -> Progress:
    """A progress bar on stderr, shown once a run has enough inputs to be worth one."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=Console(stderr=True),
    )


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
        with _progress("ingest") as bar:
            task = bar.add_task("ingest", total=None, visible=False)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, visible=total >= _PROGRESS_MIN)

            summary = ingest(sources, store=store, workers=workers, batch_size=batch, read=read, progress=step)
    finally:
        store.close()
    rate = summary.read / summary.elapsed if summary.elapsed else 0.0
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
        with _progress("reread") as bar:
            task = bar.add_task("reread", total=None, visible=False)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, visible=total >= _PROGRESS_MIN)

            summary = reread(store=store, everything=all_, workers=workers, progress=step)
    finally:
        store.close()
    typer.echo(f"re-read {summary.reread}, failed {len(summary.failed)} ({summary.elapsed:.1f}s)")
    for skip in summary.failed:
        typer.echo(f"  failed {skip.source}: {skip.reason}", err=True)
    if summary.failed:
        raise typer.Exit(2)
