"""Write tokens: ``racecard token create NAME`` makes one; reviews need one.

Only a SHA-256 of each token is kept, in a JSON file (``$RACECARD_TOKENS``, else
``tokens.json`` in the user's data directory), with the analyst's name it stands for.
A review made with a token is recorded as by that name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from racecard.errors import ConfigError, InputError

__all__ = ["ENV", "Token", "create_token", "token_path", "verify_token"]

ENV = "RACECARD_TOKENS"
_NAME = re.compile(r"^[\w .@'-]{1,64}$")


@dataclass(frozen=True, slots=True)
class Token:
    """A new token (shown once) and the analyst it stands for."""

    name: str
    token: str
    path: Path


def token_path(path: Path | None = None) -> Path:
    """The token file: ``path``, else ``$RACECARD_TOKENS``, else in the user data directory."""
    if path is not None:
        return path
    env = os.environ.get(ENV, "").strip()
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("racecard", appauthor=False)) / "tokens.json"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _load(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the token file: {exc}", source=str(path)) from exc
    if not isinstance(data, list) or not all(isinstance(t, dict) and {"name", "sha256"} <= t.keys() for t in data):
        raise InputError("the token file is not a list of {name, sha256}", source=str(path))
    return data


def create_token(*, name: str, path: Path | None = None) -> Token:
    """Make a token for the analyst ``name``; only its hash is written."""
    if not _NAME.match(name.strip()):
        raise ConfigError(f"{name!r} is not a usable name (letters, digits, space . @ ' - ; up to 64)", field="name")
    where = token_path(path)
    tokens = _load(where)
    token = "rc_" + secrets.token_urlsafe(24)
    tokens.append({"name": name.strip(), "sha256": _digest(token), "created": dt.datetime.now(dt.UTC).isoformat()})
    where.parent.mkdir(parents=True, exist_ok=True)
    tmp = where.with_suffix(".tmp")
    tmp.write_text(json.dumps(tokens, indent=1), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(where)
    return Token(name.strip(), token, where)


def verify_token(token: str, *, path: Path | None = None) -> str | None:
    """The analyst a token stands for, or None when it is not one of ours."""
    if not token or len(token) > 200:
        return None
    digest = _digest(token)
    for entry in _load(token_path(path)):
        if hmac.compare_digest(entry["sha256"], digest):
            return entry["name"]
    return None
