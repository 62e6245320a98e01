"""The command line: each command parses its arguments and calls a library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from racecard.errors import RacecardError

app = typer.Typer(
    name="racecard",
    help="Open-source biopharma competitive intelligence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Racecard: read biopharma news, record every fact with its sentence, show who is winning each race."""


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"racecard: error: {message}", err=True)
    return typer.Exit(code)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Text files (NNN.txt with optional NNN.meta.json).")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, json or table.")] = "jsonl",
) -> None:
    """Read files and print the entities and events of each, with evidence."""
    from racecard.extract.files import extract_files, reading_json, render

    if format not in ("jsonl", "json", "table"):
        raise fail(f"unknown format {format!r}; choose jsonl, json or table")
    failures = 0
    collected = []
    for result in extract_files(paths):
        if result.error is not None:
            failures += 1
            typer.echo(f"racecard: error: {result.error}", err=True)
        elif format == "json" and result.reading is not None:
            collected.append(reading_json(result.reading))
        else:
            sys.stdout.write(render(result, format))
            sys.stdout.flush()
    if format == "json":
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    if failures:
        raise typer.Exit(2)


from racecard.ingest.cli import ingest_command, reread_command  # noqa: E402

app.command(name="ingest")(ingest_command)
app.command(name="reread")(reread_command)

from racecard.forecast.cli import forecast_cli  # noqa: E402

app.command(name="forecast")(forecast_cli)


from racecard.views.cli import COMMANDS as _VIEW_COMMANDS  # noqa: E402  (race, asset, deals, digest, related, demo)

for _name, _command in _VIEW_COMMANDS.items():
    app.command(_name)(_command)


from racecard.web.cli import serve_cmd, token_app  # noqa: E402

app.command(name="serve")(serve_cmd)
app.add_typer(token_app)


def main() -> None:
    """Entry point: run the app, turning Racecard's errors into one-line messages."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        app()
    except RacecardError as exc:
        typer.echo(f"racecard: error: {exc}", err=True)
        sys.exit(1)
    except SQLAlchemyError as exc:  # a database error that escaped the store's own mapping
        from racecard.store import brief

        typer.echo(f"racecard: error: database: {brief(exc)}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
