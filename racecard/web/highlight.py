"""Article text as HTML with mentions and fact sentences marked, built from character offsets.

Every piece of text is escaped on its own (``markupsafe.escape``) and only our own tags
are put around it, so hostile article text (``<script>``, ``onerror=``) shows as text.
Overlapping spans are flattened: the text is cut at every span boundary and each piece
says which mentions and facts cover it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from markupsafe import Markup, escape

from racecard.web.document import DocFact, DocMention

__all__ = ["highlight"]


def highlight(text: str, mentions: Sequence[DocMention], facts: Sequence[DocFact]) -> Markup:
    """The text with ``<span class="fact">`` per fact sentence and ``<mark>`` per mention."""
    cuts = {0, len(text)}
    for m in mentions:
        cuts.update((m.start, m.end))
    for f in facts:
        if f.end > f.start:
            cuts.update((f.start, f.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    starts: dict[int, list[int]] = {}
    for f in facts:
        if f.end > f.start:
            starts.setdefault(f.start, []).append(f.id)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        piece = escape(text[a:b])
        for fid in starts.get(a, ()):
            out.append(f'<a class="anchor" id="fact-{fid}"></a>')
        covering = [f.id for f in facts if f.start <= a and b <= f.end and f.end > f.start]
        mention = next((m for m in mentions if m.start <= a and b <= m.end), None)
        if mention is not None:
            piece = Markup('<mark class="mention k-{}" title="{}: {}">{}</mark>').format(
                mention.kind, mention.kind, mention.name, piece
            )
        if covering:
            ids = " ".join(str(i) for i in covering)
            piece = Markup('<span class="fact" data-facts="{}">{}</span>').format(ids, piece)
        out.append(str(piece))
    return Markup("".join(out))
