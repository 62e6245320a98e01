"""One small exception hierarchy with a single root.

    RacecardError                 (status 500)
    ├── InputError                a file or text that cannot be read (400)
    │   └── ConfigError           a case file, config or option that is wrong (400)
    ├── NotFoundError             an asset, target, document … that is not known (404)
    ├── LexiconError              the packaged reference data is missing or broken (500)
    └── StoreError                the database refused or failed (500)

Every error carries context (the file or item it is about) and an HTTP ``status``,
and its message says what happened and, where there is one, the fix. Third-party
exceptions are mapped at the boundary: ``raise StoreError(str(e)) from e``.
"""

from __future__ import annotations


class RacecardError(Exception):
    """The root of every error Racecard raises on purpose."""

    status = 500

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(RacecardError):
    """A file, URL or text that cannot be read: binary, empty, badly encoded, too big, malformed."""

    status = 400


class ConfigError(InputError):
    """A case file, configuration or option with a wrong field; ``field`` names it."""

    def __init__(self, message: str, *, source: str | None = None, field: str | None = None) -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message, source=source)


class NotFoundError(RacecardError):
    """Something asked for by name that Racecard does not know."""

    status = 404


class LexiconError(RacecardError):
    """The packaged reference vocabulary is missing or broken; rebuild it with `make lexicon`."""


class StoreError(RacecardError):
    """The database refused or failed an operation."""
