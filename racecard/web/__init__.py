"""The web dashboard and its JSON API: every page has a twin under ``/api/v1``.

    from racecard.web import create_app, Settings
    app = create_app(Settings(database="sqlite:///racecard.db"))

Pages and JSON call the same view function (``racecard.views``); one error envelope
(``{"ok": false, "error", "errors", "status"}``) for every JSON error; writes (analyst
reviews) need a token made by ``racecard token create``. Static assets, Plotly's
JavaScript included, are served from the package: the dashboard works offline.
"""

from __future__ import annotations

from racecard.web.app import create_app
from racecard.web.settings import Settings

__all__ = ["Settings", "create_app"]
