"""``racecard serve`` and ``racecard token create``: parse the options, call the library."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from racecard.errors import ConfigError

__all__ = ["serve_cmd", "token_app"]

token_app = typer.Typer(name="token", help="Write tokens for analyst reviews.", no_args_is_help=True)


def serve_cmd(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (an IP address).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    case_file: Annotated[list[str] | None, typer.Option(
        "--case-file", help="A forecast case the dashboard offers (PATH, or BUNDLE#CASE_ID); repeatable.")] = None,
) -> None:
    """Serve the dashboard and its JSON API (database: $RACECARD_DB)."""
    import uvicorn

    from racecard.web.app import create_app
    from racecard.web.settings import Settings

    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host != "localhost":
            raise ConfigError(f"{host!r} is not an IP address", field="--host") from None
    if not 1 <= port <= 65535:
        raise ConfigError(f"port {port} is out of range 1-65535", field="--port")
    settings = Settings.from_env(case_files=tuple(case_file or ()))
    app = create_app(settings)
    typer.echo(f"Racecard on http://{host}:{port}/ (API docs at /api/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="The analyst the token stands for (recorded with each review).")],
) -> None:
    """Make a write token (printed once; only its hash is kept, in $RACECARD_TOKENS)."""
    from racecard.web.tokens import create_token

    made = create_token(name=name)
    typer.echo(f"Token for {made.name} (kept hashed in {made.path}); it is shown only now:", err=True)
    typer.echo(made.token)
