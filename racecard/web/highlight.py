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
    """The text with ``<span class="fact">`` per fact sentence and ``<mark>`` per mention.

    One sweep over the cut points, keeping the spans open at each: linear in the text's
    pieces plus the spans, so a long filing with thousands of mentions stays fast.
    """
    spans = [f for f in facts if 0 <= f.start < f.end <= len(text)]
    marks = [m for m in mentions if 0 <= m.start < m.end <= len(text)]
    cuts = {0, len(text)}
    for f in spans:
        cuts.update((f.start, f.end))
    for m in marks:
        cuts.update((m.start, m.end))
    points = sorted(cuts)
    opening: dict[int, list[DocFact]] = {}
    for f in sorted(spans, key=lambda f: f.id):
        opening.setdefault(f.start, []).append(f)
    mark_at: dict[int, list[DocMention]] = {}
    for m in marks:
        mark_at.setdefault(m.start, []).append(m)
    open_facts: dict[int, DocFact] = {}
    open_marks: list[DocMention] = []
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        for f in opening.get(a, ()):
            out.append(f'<a class="anchor" id="fact-{f.id}"></a>')
            open_facts[f.id] = f
        open_marks.extend(mark_at.get(a, ()))
        open_marks = [m for m in open_marks if m.end > a]
        for fid in [i for i, f in open_facts.items() if f.end <= a]:
            del open_facts[fid]
        piece = escape(text[a:b])
        mention = next((m for m in open_marks if m.start <= a and b <= m.end), None)
        if mention is not None:
            piece = Markup('<mark class="mention k-{}" title="{}: {}">{}</mark>').format(
                mention.kind, mention.kind, mention.name, piece
            )
        if open_facts:
            ids = " ".join(str(i) for i in sorted(open_facts))
            piece = Markup('<span class="fact" data-facts="{}">{}</span>').format(ids, piece)
        out.append(str(piece))
    return Markup("".join(out))
