"""The analyst's commands: ``race``, ``asset``, ``deals``, ``digest``, ``related``, ``demo``.

Each command parses its options and calls the library function of the same name in
``racecard.views``; ``racecard.cli`` registers them. The database is ``$RACECARD_DB``
(default: SQLite in the user's data directory).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Connection

from racecard.errors import ConfigError

__all__ = ["COMMANDS"]

Format = Annotated[str, typer.Option("--format", "-f", help="table, json, csv or markdown.")]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Only facts published on or before this date (YYYY-MM-DD).")
]


def parse_day(value: str | None, option: str) -> dt.date | None:
    """An ISO day from an option, or a ConfigError naming the option."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{value!r} is not a date; write it as YYYY-MM-DD", field=option) from None


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(allowed)}", field="--format")


@contextmanager
def _connection() -> Iterator[Connection]:
    from racecard.store import Store

    with Store() as store, store.begin() as conn:
        yield conn


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def race_cmd(
    target: Annotated[str, typer.Argument(help="A target ('KRAS G12C', 'OX40') or a drug class.")],
    indication: Annotated[str | None, typer.Option("--indication", "-i", help="Only facts in this indication.")] = None,
    market: Annotated[str | None, typer.Option("--market", "-m", help="A market: China, US, Japan, EU …")] = None,
    as_of: AsOf = None,
    format: Format = "table",
) -> None:
    """The race board: every asset on a target, ranked by its furthest stage in a market."""
    from racecard.views.layout import race_tables
    from racecard.views.race import race
    from racecard.views.render import FORMATS, render

    _check_format(format, FORMATS)
    day = parse_day(as_of, "--as-of")
    with _connection() as conn:
        board = race(conn=conn, target=target, indication=indication, market=market, as_of=day)
    _emit(render(board, race_tables(board), format))




def asset_cmd(
    name: Annotated[str, typer.Argument(help="Any name or code of the drug: 'rocatinlimab', 'KHK4083'.")],
    as_of: AsOf = None,
    format: Format = "table",
) -> None:
    """The asset dossier: names, targets, originator, rights timeline, every event with its source."""
    from racecard.views.asset import asset
    from racecard.views.layout import asset_tables
    from racecard.views.render import FORMATS, render

    _check_format(format, FORMATS)
    day = parse_day(as_of, "--as-of")
    with _connection() as conn:
        dossier = asset(conn=conn, name=name, as_of=day)
    _emit(render(dossier, asset_tables(dossier), format))



def deals_cmd(
    territory: Annotated[
        str | None, typer.Option("--territory", "-t", help="Only licences covering this territory.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only deals signed on or after (YYYY-MM-DD).")] = None,
    party: Annotated[str | None, typer.Option("--party", "-p", help="Only deals with this company.")] = None,
    phase: Annotated[str | None, typer.Option("--phase", help="Only assets at this phase when signed.")] = None,
    as_of: AsOf = None,
    format: Format = "table",
) -> None:
    """The deal table with its terms, and a summary (count, median upfront, milestones, hand-backs)."""
    from racecard.views.deals import deals
    from racecard.views.layout import deal_tables
    from racecard.views.render import FORMATS, render

    _check_format(format, FORMATS)
    start, day = parse_day(since, "--since"), parse_day(as_of, "--as-of")
    with _connection() as conn:
        table = deals(conn=conn, territory=territory, since=start, party=party, phase=phase, as_of=day)
    _emit(render(table, deal_tables(table), format))



def digest_cmd(
    since: Annotated[str, typer.Option("--since", help="Facts published after this date (YYYY-MM-DD).")],
    watch: Annotated[
        Path | None, typer.Option("--watch", "-w", help="Watchlist (YAML/JSON): targets, assets, companies, markets.")
    ] = None,
    as_of: AsOf = None,
    format: Annotated[str, typer.Option("--format", "-f", help="markdown, html or json.")] = "markdown",
) -> None:
    """What is new since a date for a watchlist, and the race positions that changed."""
    from racecard.views.digest import digest, load_watchlist
    from racecard.views.layout import digest_tables, digest_title
    from racecard.views.render import html_tables, markdown, render

    _check_format(format, ("markdown", "html", "json"))
    start = parse_day(since, "--since")
    if start is None:
        raise ConfigError("give the date the digest starts from", field="--since")
    watchlist = load_watchlist(watch) if watch is not None else None
    with _connection() as conn:
        news = digest(conn=conn, since=start, watch=watchlist, as_of=parse_day(as_of, "--as-of"))
    tables = digest_tables(news)
    if format == "json":
        _emit(render(news, tables, "json"))
    elif format == "html":
        _emit(html_tables(tables, digest_title(news)))
    else:
        _emit(f"# {digest_title(news)}\n\n" + markdown(tables, heading="##"))



def related_cmd(
    document: Annotated[str, typer.Argument(help="A stored document's id or URL.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many stories.")] = 10,
    as_of: AsOf = None,
    format: Format = "table",
) -> None:
    """The stories sharing the most entities and facts with a document."""
    from racecard.views.layout import related_tables
    from racecard.views.related import related
    from racecard.views.render import FORMATS, render

    _check_format(format, FORMATS)
    day = parse_day(as_of, "--as-of")
    with _connection() as conn:
        stories = related(conn=conn, document=document, limit=limit, as_of=day)
    _emit(render(stories, related_tables(stories), format))



def demo_cmd(
    format: Format = "table",
) -> None:
    """Build a store from the demo corpus; show the KRAS G12C China race and the rocatinlimab dossier."""
    from racecard.views.demo import demo
    from racecard.views.layout import asset_tables, race_tables, read_tables
    from racecard.views.render import FORMATS, render

    _check_format(format, FORMATS)
    typer.echo("Reading the demo corpus (20 articles) …", err=True)
    run = demo()
    for failure in run.failed:
        typer.echo(f"racecard: warning: {failure}", err=True)
    typer.echo(f"Stored {run.documents} documents and {run.facts} facts in {run.url}", err=True)
    if format == "json":
        _emit(render(run, [], "json"))
        return
    tables = [*read_tables(run.read), *race_tables(run.board), *race_tables(run.board_before),
              *asset_tables(run.dossier)]
    _emit(render(run, tables, format))
    typer.echo(
        f"Explore it: RACECARD_DB={run.url} racecard race 'KRAS G12C' --market China --as-of 2024-06-30", err=True
    )


COMMANDS: dict[str, Callable[..., Any]] = {
    "race": race_cmd,
    "asset": asset_cmd,
    "deals": deals_cmd,
    "digest": digest_cmd,
    "related": related_cmd,
    "demo": demo_cmd,
}
