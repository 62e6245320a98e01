"""Which event families a sentence may hold: one Aho-Corasick pass over its lower-cased text.

A keyword counts at the start of a word only. The keyword tables live beside each family's
triggers (``triggers/*.py`` ``KEYWORDS``); only the families whose keywords occur run their
regular expressions on the sentence.
"""

from __future__ import annotations

import ahocorasick

from racecard.extract.events.triggers import deals, portfolio, regulatory, trials

__all__ = ["tags_of"]


def _automaton() -> ahocorasick.Automaton:
    table: dict[str, set[str]] = {}
    for module in (deals, regulatory, trials, portfolio):
        for tag, words in module.KEYWORDS.items():
            for w in words:
                table.setdefault(w, set()).add(tag)
    auto = ahocorasick.Automaton()
    for word, tags in table.items():
        auto.add_word(word, (len(word), word[0].isalnum(), frozenset(tags)))
    auto.make_automaton()
    return auto


_AUTO = _automaton()


def tags_of(low: str) -> frozenset[str]:
    """The sub-families (``license``, ``approval``, ``trial`` …) whose keywords occur in ``low``."""
    found: set[str] = set()
    for end, (size, word_start, tags) in _AUTO.iter(low):
        start = end - size + 1
        if word_start and start > 0 and low[start - 1].isalnum():
            continue  # a keyword counts only at the start of a word ("ink" is not in "think")
        found |= tags
    return frozenset(found)
