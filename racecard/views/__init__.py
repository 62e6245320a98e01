"""What an analyst comes to Racecard for: plain, typed functions over the store.

    race(conn=…, target="KRAS G12C", market="China")    race.py     the race board
    asset(conn=…, name="KHK4083")                        asset.py    the asset dossier
    deals(conn=…, territory="Greater China")             deals.py    the deal table
    digest(conn=…, since=date(2026, 1, 1), watch=…)      digest.py   what is new, what moved
    related(conn=…, document="…")                        related.py  related stories
    demo()                                               demo.py     the demo store and answers

Each takes a SQLAlchemy connection and ``as_of`` (facts published later are invisible)
and returns a frozen dataclass; ``render.py`` turns it into a table, JSON, CSV or
Markdown (``layout.py`` lays each result out), and ``cli.py`` holds the commands. The
queries live in ``facts.py`` and ``board.py``; markets, stages and rights in their own
modules. Nothing here is imported until used, so the CLI starts fast.
"""
