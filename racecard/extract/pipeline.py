"""The reading pipeline: an ordered list of named stages over one working draft.

    furniture → sentences → lexicon → shapes → aliases → propagate → filer → entities → events

Each stage is a function ``(Draft) -> None`` that fills its part of the draft; the loop
in :func:`run` names the stage that failed. :func:`read` is the public entry point.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from racecard import __version__
from racecard.errors import InputError, RacecardError
from racecard.extract import grounding, patterns, rules
from racecard.extract.events import find_events
from racecard.extract.matcher import Hit, Matcher, fold
from racecard.extract.sentences import sentences as split_sentences
from racecard.ingest.clean import furniture as find_furniture
from racecard.lexicon import Lexicon, curated_stems, load
from racecard.model import Document, Entity, EntityKind, Event, Mention, Reading, Span

__all__ = ["EXTRACTOR", "STAGES", "Draft", "document_of", "read", "run"]

EXTRACTOR = f"racecard-{__version__}"


@dataclass(slots=True)
class Draft:
    """The working state of one document's reading, filled stage by stage."""

    doc: Document
    lexicon: Lexicon
    matcher: Matcher
    folded: str = ""
    furniture: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    regions: tuple[Span, ...] = ()
    mentions: list[Mention] = field(default_factory=list)
    pending: list[Hit] = field(default_factory=list)
    names: grounding.Names = field(default_factory=grounding.Names)
    occupied: bytearray = field(default_factory=bytearray)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def add(self, mention: Mention) -> bool:
        """Add a mention where the text is still free; whether it was added."""
        if self.occupied.find(1, mention.start, mention.end) >= 0:
            return False
        self.occupied[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        self.mentions.append(mention)
        return True

    def replace_inside(self, mention: Mention) -> bool:
        """Put ``mention`` in place of shorter lexicon mentions it strictly contains ("KRYSTAL" in "KRYSTAL-1")."""
        inside = [m for m in self.mentions if m.start < mention.end and mention.start < m.end]
        if not inside or any(not mention.span.contains(m.span) or len(m.span) == len(mention.span) for m in inside):
            return False
        if any(not m.how.startswith("lexicon") for m in inside):
            return False
        for m in inside:
            self.mentions.remove(m)
            self.occupied[m.start : m.end] = b"\x00" * (m.end - m.start)
        return self.add(mention)

    def drop(self, mention: Mention) -> None:
        self.mentions.remove(mention)
        self.occupied[mention.start : mention.end] = b"\x00" * (mention.end - mention.start)



# "CD20xCD3", "BCMA×CD3": a bispecific's two targets, read as if written "CD20/CD3"
_BISPECIFIC_X = re.compile(r"[x×](?=[A-Z][A-Z0-9-]*\d|[A-Z]{2,})")


def stage_furniture(d: Draft) -> None:
    d.folded = fold(d.doc.text)
    if "x" in d.doc.text or "×" in d.doc.text:
        for m in _BISPECIFIC_X.finditer(d.doc.text):
            if m.start() and (d.doc.text[m.start() - 1].isupper() or d.doc.text[m.start() - 1].isdigit()):
                d.folded = d.folded[: m.start()] + "/" + d.folded[m.end() :]
    d.occupied = bytearray(len(d.doc.text) + 1)
    d.furniture = find_furniture(d.doc.text)
    for span in d.furniture:  # nothing is read inside furniture
        d.occupied[span.start : span.end] = b"\x01" * (span.end - span.start)


def stage_sentences(d: Draft) -> None:
    d.sentences = split_sentences(d.doc.text, d.furniture)
    d.regions = _regions(len(d.doc.text), d.furniture)


def _regions(length: int, furniture: tuple[Span, ...]) -> tuple[Span, ...]:
    """The text between pieces of furniture: where patterns are looked for, in few passes."""
    out, pos = [], 0
    for f in furniture:
        if f.start > pos:
            out.append(Span(pos, f.start))
        pos = max(pos, f.end)
    if pos < length:
        out.append(Span(pos, length))
    return tuple(out)


def stage_lexicon(d: Draft) -> None:
    text = d.doc.text
    for hit in d.matcher.hits(text, d.folded):
        if d.occupied.find(1, hit.start, hit.end) >= 0:  # in furniture
            continue
        if text[hit.end : hit.end + 2].startswith("-") and text[hit.end + 1 : hit.end + 2].isdigit():
            hit = hit._replace(candidates=tuple(c for c in hit.candidates if c.kind != EntityKind.COMPANY))
            if not hit.candidates:  # "KRYSTAL-12" is a trial, not the company Krystal
                continue
        first = hit.candidates[0]
        if not grounding.needs_support(hit) and all(
            c.kind == first.kind and c.name == first.name for c in hit.candidates
        ):
            how = f"lexicon:{first.status.name.lower()}:{first.source}"
            d.add(Mention(hit.start, hit.end, text[hit.start : hit.end], first.kind, first.name, how))
        else:
            d.pending.append(hit)
            d.occupied[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)


_LEGAL = re.compile(rules.LEGAL_SUFFIX)


def stage_legal_names(d: Draft) -> None:
    """A company mention takes in its legal suffix: "Kyowa Kirin" → "Kyowa Kirin Co., Ltd."."""
    text = d.doc.text
    for i, m in enumerate(d.mentions):
        if m.kind != EntityKind.COMPANY:
            continue
        legal = _LEGAL.match(text, m.end)
        if legal and not any(d.occupied[m.end : legal.end()]) and text[legal.end() - 1 : legal.end()] != ",":
            d.occupied[m.end : legal.end()] = b"\x01" * (legal.end() - m.end)
            d.mentions[i] = replace(m, end=legal.end(), text=text[m.start : legal.end()])


def _context_words(lexicon: Lexicon, hit: Hit) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in hit.candidates:
        words = lexicon.attrs(c.kind, c.name).get("context") or []
        out[c.name] = list(words) if isinstance(words, list) else str(words).split("|")
    return out


def stage_ambiguous(d: Draft) -> None:
    known = {(m.kind, m.name) for m in d.mentions}
    text = d.doc.text
    for hit in d.pending:
        choice = grounding.choose(hit, text, known, _context_words(d.lexicon, hit))
        d.occupied[hit.start : hit.end] = b"\x00" * (hit.end - hit.start)
        if choice is not None:
            kind, name, how = choice
            d.add(Mention(hit.start, hit.end, text[hit.start : hit.end], kind, name, how, 0.8))
    d.pending.clear()


@lru_cache(maxsize=1)
def _stems() -> dict[str, tuple[str, str]]:
    """Stems that mark a new INN: the rules' own list and the curated recent families."""
    stems = dict(rules.INN_STEMS)
    for stem in curated_stems():
        if stem.position == "suffix":
            meaning = stem.meaning.split("(")[0].strip().rstrip(",;")
            stems.setdefault(stem.stem.strip("-").lower(), (meaning, stem.modality))
    return stems


def stem_hint(name: str) -> dict[str, Any]:
    """What a new INN's stem says of it: its class and modality ("-rasib": RAS inhibitor)."""
    first = name.split()[0]
    for stem in sorted(_stems(), key=len, reverse=True):
        if first.endswith(stem):
            cls, modality = _stems()[stem]
            return {"class": cls, "modality": modality, "stem": f"-{stem}", "recognised_by": "inn-stem"}
    return {"recognised_by": "inn-stem"}


def stage_shapes(d: Draft) -> None:
    text, sents = d.doc.text, d.regions
    found = [
        *patterns.ncts(text, sents),
        *patterns.trials(text, sents),
        *patterns.company_shapes(text, sents),
        *patterns.company_contexts(text, sents),
        *patterns.codes(text, sents),
        *patterns.inn_stems(text, sents, _stems()),
    ]
    for f in found:
        mention = Mention(f.start, f.end, text[f.start : f.end], f.kind, f.name, f.how, 0.7)
        if not d.add(mention) and f.how in _OVERRIDING:
            d.replace_inside(mention)
    for start, end, paren in patterns.tickers(text):
        owner = [m for m in d.mentions if m.kind == EntityKind.COMPANY and 0 <= paren - m.end <= 3]
        if owner and not any(d.occupied[start:end]):
            d.add(Mention(start, end, text[start:end], EntityKind.COMPANY, owner[-1].name, "ticker", 0.9))


_OVERRIDING = ("code-pattern", "trial-context", "nct")
_SECOND_WORD = re.compile(r"\s+([a-z]{4,})\b")


def stage_aliases(d: Draft) -> None:
    text = d.doc.text
    d.mentions.sort(key=lambda m: m.start)
    for i, m in enumerate(d.mentions):
        if m.kind != EntityKind.DRUG:
            continue
        second = _SECOND_WORD.match(text, m.end)  # "disitamab" + "vedotin": a two-word INN
        if second and rules.inn_second_word(second.group(1)) and not any(d.occupied[m.end : second.end(1)]):
            name = m.name if m.name.endswith(second.group(1)) else f"{m.name} {second.group(1)}"
            d.occupied[m.end : second.end(1)] = b"\x01" * (second.end(1) - m.end)
            d.mentions[i] = replace(m, end=second.end(1), text=text[m.start : second.end(1)], name=name)
    for a, b in zip(d.mentions, d.mentions[1:], strict=False):  # "CHS-006/JS006": one thing, two names
        if a.kind == b.kind and a.kind in (EntityKind.DRUG, EntityKind.TRIAL) and text[a.end : b.start] == "/":
            keep, other = (a, b) if grounding.better(a, b) else (b, a)
            d.names.merge(a.kind, keep.name, other.name)
    for drug, trial in grounding.trial_codes(text, d.mentions):  # "the HARMONi-2 study (AK112-303)"
        d.drop(drug)
        d.add(trial)
    for m in grounding.define_aliases(text, d.mentions, d.names):
        d.add(m)


def stage_propagate(d: Draft) -> None:
    """A form grounded once (a defined alias, a trial found in context) counts everywhere."""
    forms: dict[tuple[str, EntityKind], str] = {}
    for m in d.mentions:
        if m.how.split(":", 1)[0] in ("defined-alias", "trial-context", "code-pattern", "inn-stem", "ticker",
                                      "company-shape", "company-context"):
            forms.setdefault((m.text, m.kind), m.name)
    for (form, kind), name in forms.items():
        if len(form) < 2:
            continue
        for span in grounding.occurrences(
            d.doc.text, form, d.sentences, d.occupied, whole=kind == EntityKind.TRIAL
        ):
            d.add(Mention(span.start, span.end, form, kind, name, "propagated", 0.8))


_HEAD = re.compile(r"([A-Z][a-z]{3,})[\s-]+[A-Z]")
_NAME_GOES_ON = re.compile(r"[\s-]+[A-Z&]")


def stage_company_heads(d: Draft) -> None:
    """A company named in full is named again by the first word of its name ("Kelun-Biotech", then "Kelun";
    "Arrowhead Pharmaceuticals", then "Arrowhead"), where that word is a name: no place, no generic word, never
    written in lower case in the story, and the head of no other company's name."""
    text = d.doc.text
    heads: dict[str, set[str]] = {}
    for m in d.mentions:
        shape = _HEAD.match(m.text) if m.kind == EntityKind.COMPANY else None
        if shape:
            heads.setdefault(shape.group(1), set()).add(m.name)
    if not heads:
        return
    forms = {m.text for m in d.mentions}
    for head, names in heads.items():
        if (
            len(names) > 1
            or head in forms
            or head.lower() in rules.GENERIC_NAME_WORDS
            or head in rules.OWNER_PLACES
            or re.search(rf"\b{head.lower()}\b", text)
        ):
            continue
        name = names.pop()
        for span in grounding.occurrences(text, head, d.sentences, d.occupied, whole=True):
            if not _NAME_GOES_ON.match(text, span.end):  # "Novo Holdings" is not "Novo Nordisk"
                d.add(Mention(span.start, span.end, head, EntityKind.COMPANY, name, "company-head", 0.7))


def stage_prune(d: Draft) -> None:
    """Drop what the document does not support: lone tickers, context-free gene symbols, generic words."""
    text = d.doc.text
    in_parens = [Span(m.start(), m.end()) for m in rules.EXCHANGE_TICKER.finditer(text)]
    named = {m.name for m in d.mentions if m.kind == EntityKind.COMPANY and not m.how.startswith("lexicon:ticker")}
    targeted = {m.name for m in d.mentions if m.kind == EntityKind.TARGET and _target_context(text, m)}

    def unsupported(m: Mention) -> bool:
        curated = ":curated" in m.how
        if m.how.startswith("lexicon:ticker"):  # a ticker alone does not bring a company into the story
            return m.name not in named and not any(p.contains(m.span) for p in in_parens)
        if m.kind == EntityKind.TARGET:  # an open-data gene symbol counts only where spoken of as a target
            return not curated and m.name not in targeted
        if m.kind == EntityKind.DRUG:  # a class of treatment ("immunotherapy") is not an asset
            if _RECEPTOR_AFTER.match(text, m.end):  # "adenosine A2a receptor", "tyrosine kinase": names a target
                return True
            if _PRIOR_THERAPY.match(text, m.end):  # "irinotecan-based chemotherapy": a backbone, not an asset
                return True
            return not curated and bool(rules.NOT_DRUG_NAME.search(m.name))
        if m.kind == EntityKind.INDICATION:
            bare = _bare(m.name)
            return (
                bare in rules.GENERIC_INDICATIONS
                or m.text.lower() in rules.NOT_INDICATIONS  # a symptom word, whatever it was mapped to
                or (bare in rules.NOT_INDICATIONS and not curated)
                or text[max(0, m.start - 4) : m.start].lower() == "non-"
                or text[max(0, m.start - 8) : m.start].lower() == "without "  # "participants without diabetes"
                # "for MDD, PPD and other psychiatric disorders": the rest of a class, not a use of its own
                or (text[max(0, m.start - 6) : m.start].lower() == "other " and _UMBRELLA.match(m.text) is not None)
                or m.text.lower().startswith(_ADVERSE)  # "drug-induced liver injury": a harm, not a use
                or _HARMED_BY.search(text, max(0, m.start - 30), m.start) is not None  # "died of acute liver failure"
                or _STAGE_OF.match(text, m.end) is not None  # "mild dementia due to Alzheimer's disease"
            )
        return False

    for m in [m for m in d.mentions if unsupported(m)]:
        d.drop(m)
    harms: dict[str, list[bool]] = {}
    for m in d.mentions:
        if m.kind == EntityKind.INDICATION:
            harms.setdefault(m.name, []).append(_adverse_finding(text, m))
    for m in [m for m in d.mentions if m.kind == EntityKind.INDICATION and all(harms[m.name])]:
        d.drop(m)  # "adverse reactions included nausea, stomatitis and alopecia": harms of a drug, not its uses


# a harm listed: "the most common adverse reactions included …", "warnings for …", "high rates of …"
_HARM_LIST = re.compile(
    r"\b(?:(?:adverse\s+(?:events?|reactions?|effects?)|side\s+effects?|toxicit(?:y|ies))\b"
    r"[^.;:]{0,40}?\b(?:includ\w*|such\s+as|like|were|was)|warnings?\s+(?:for|of|about)|rates?\s+of|cases?\s+of|"
    r"incidence\s+of|reports?\s+of|episodes?\s+of)\s+"
    r"(?:(?!(?:in|for|with|to|of|patients|people)\b)[\w-]+(?:,|\s+and|\s+or)?\s+){0,8}?$",
    re.I,
)
_HARM_CUE = re.compile(r"\b(?:adverse|side\s+effects?|toxicit(?:y|ies)|warnings?|safety|tolerability|ocular)\b", re.I)
# told as a harm after the name: "Interstitial lung disease (ILD) was reported in 6.5% of patients"
_HARM_REPORTED = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:was|were)\s+(?:reported|observed|seen)\s+in\s+[\d.]+\s*%", re.I)


def _adverse_finding(text: str, m: Mention) -> bool:
    """Whether an indication mention names a harm the drug caused, listed among its side effects."""
    start = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start), m.start - 200) + 1
    before = text[start : m.start]
    if _HARM_REPORTED.match(text, m.end):
        return True
    return bool(_HARM_CUE.search(before)) and _HARM_LIST.search(before[-120:]) is not None


# Banks, brokers and research houses quote analysts; investors (private equity, venture) are
# parties to deals and stay.
_OBSERVER = re.compile(r"\b(?:investment bank|research firm|broker|consultan|analyst firm)", re.I)


def stage_observers(d: Draft) -> None:
    """Banks and research firms quoted in a story are not its companies unless it is about them."""
    title = (d.doc.title or "") + "\n" + d.doc.text[: d.doc.text.find("\n") if "\n" in d.doc.text else 200]
    for m in list(d.mentions):
        if m.kind != EntityKind.COMPANY or not _OBSERVER.search(str(d.lexicon.attrs(m.kind, m.name).get("note", ""))):
            continue
        if m.name.lower() not in title.lower():
            d.drop(m)


# A drug named as the base of a regimen or a patient's history, also in a suspended list ("fluoropyrimidine-,
# oxaliplatin-, and irinotecan-based chemotherapy").
_PRIOR_THERAPY = re.compile(
    rf"-(?:{rules.PRIOR_THERAPY}|intolerant)\b"
    r"|-(?=\s*,|\s+(?:and|or)\s+[\w-]+-(?:based|containing|pretreated|treated|refractory|resistant)\b)",
    re.I,
)
# a harm the drug did, not a use: "a second patient died of acute liver failure", "cases of pneumonitis"
_HARMED_BY = re.compile(r"\b(?:died|dying|death|deaths)\s+(?:\w+\s+)?(?:of|from)\s+(?:acute\s+|sudden\s+)?$", re.I)
# a stage of the disease named next: "mild cognitive impairment and mild dementia due to Alzheimer's disease"
_STAGE_OF = re.compile(r"(?:\s+(?:and|or)\s+(?:[\w-]+\s+){1,3}?)?\s*(?:\([^)]*\)\s*)?due\s+to\s", re.I)
_UMBRELLA = re.compile(  # a class named by a field of medicine, not by a disease ("other HER2-positive cancers" stays)
    r"(?:psychiatric|neurological|neurodegenerative|neuropsychiatric|autoimmune|immunological|immune-mediated|"
    r"inflammatory|metabolic|cardiometabolic|rare|respiratory|infectious|movement|mood|fibrotic|dermatological|"
    r"skin|eye|liver|kidney|renal)\s+(?:disorders|diseases|conditions)$",
    re.I,
)
_ADVERSE = ("drug-induced", "treatment-related", "treatment-emergent", "immune-related", "infusion-related")
_RECEPTOR_AFTER = re.compile(r"[\s/-]+(?:[\w/-]+\s+){0,2}?(?:receptors?|kinases?|proteases?)\b", re.I)


def _bare(name: str) -> str:
    """A canonical name without a disambiguating identifier: "cancer [DOID:162]" → "cancer"."""
    return re.sub(r"\s*\[[^\]]*\]$", "", name).lower()


def _target_context(text: str, m: Mention) -> bool:
    window = text[max(0, m.start - 30) : m.end + 30]
    return bool(rules.TARGET_CONTEXT.search(window))


def stage_nested_targets(d: Draft) -> None:
    """A target inside a biomarker-defined indication ("HER2-positive cancer") is a target mention too."""
    text = d.doc.text
    for m in [m for m in d.mentions if m.kind == EntityKind.INDICATION and rules.BIOMARKER_WORD.search(m.text)]:
        for hit in d.matcher.all_hits(text[m.start : m.end]):
            cands = [c for c in hit.candidates if c.kind == EntityKind.TARGET]
            if cands and hit.start == 0:
                start, end = m.start + hit.start, m.start + hit.end
                how = f"lexicon:{cands[0].status.name.lower()}:{cands[0].source}"
                d.mentions.append(Mention(start, end, text[start:end], EntityKind.TARGET, cands[0].name, how, 0.8))


_CLASS_AFTER = re.compile(
    r"[\s-]+(?:inhibitors|blockers|agonists|antagonists|antibodies|modulators|degraders|drugs|therapies)\b"
    r"|[\s-]+inhibitor\s+(?:\([^)]*\)\s+)?payloads?\b",
    re.I,
)


def stage_class_targets(d: Draft) -> None:
    """A target named only as a class of other drugs ("calcineurin inhibitors", "a topoisomerase
    inhibitor payload") is not one the story's own drugs aim at: it is no target of the story."""
    text = d.doc.text
    aimed: set[str] = set()
    for m in d.mentions:
        if m.kind == EntityKind.DRUG:
            aimed.update(str(t) for t in d.lexicon.attrs(EntityKind.DRUG, m.name).get("targets") or ())
    by_name: dict[str, list[Mention]] = {}
    for m in d.mentions:
        if m.kind == EntityKind.TARGET:
            by_name.setdefault(m.name, []).append(m)
    for name, ms in by_name.items():
        if name in aimed or not all(_CLASS_AFTER.match(text, m.end) for m in ms):
            continue
        for m in ms:
            d.drop(m)


def stage_short_indications(d: Draft) -> None:
    """An indication that ends a longer one in the same story is its short form ("colitis", "lung cancer" in a
    story of small cell lung cancer); one that ends several is their class, not an indication of its own."""
    names = {m.name for m in d.mentions if m.kind == EntityKind.INDICATION}
    for m in list(d.mentions):
        if m.kind != EntityKind.INDICATION:
            continue
        short = m.name.lower()  # "lung cancer" in "small cell lung cancer", "anemia" in "anemia of CKD"
        owners = {n for n in names if n.lower().endswith(" " + short) or n.lower().startswith(short + " of ")}
        if len(owners) == 1:
            d.names.merge(EntityKind.INDICATION, owners.pop(), m.name)
        elif len(owners) > 1:  # "lymphoma" beside follicular and diffuse large B-cell lymphoma: their class
            d.drop(m)


def stage_short_trials(d: Draft) -> None:
    """A trial named by the last part of a longer trial's name in the same story is that trial ("HORIZON" in a
    story of ROCKET-HORIZON)."""
    names = {m.name for m in d.mentions if m.kind == EntityKind.TRIAL}
    for name in names:
        owners = {n for n in names if n != name and n.upper().endswith(("-" + name.upper(), " " + name.upper()))}
        if len(owners) == 1:
            d.names.merge(EntityKind.TRIAL, owners.pop(), name)


def stage_filer(d: Draft) -> None:
    title = d.doc.title or ""
    title_companies = [
        c.name for h in d.matcher.hits(title) for c in h.candidates[:1] if c.kind == EntityKind.COMPANY
    ]
    for m in grounding.filer_mentions(d.doc.text, title, title_companies, d.mentions, d.sentences, d.occupied):
        d.add(m)


def stage_entities(d: Draft) -> None:
    find = d.names.find
    d.mentions = [m if (name := find(m.kind, m.name)) == m.name else replace(m, name=name) for m in d.mentions]
    d.mentions.sort(key=lambda m: m.start)
    grouped: dict[tuple[EntityKind, str], list[Mention]] = {}
    for m in d.mentions:
        grouped.setdefault((m.kind, m.name), []).append(m)
    for (kind, name), ms in grouped.items():
        attrs: dict[str, Any] = dict(d.lexicon.attrs(kind, name))
        if not attrs and any(m.how == "inn-stem" for m in ms):
            attrs = stem_hint(name)
        aliases = tuple(dict.fromkeys(m.text for m in ms))
        d.entities.append(Entity(kind, name, aliases, attrs))


def stage_events(d: Draft) -> None:
    d.events.extend(find_events(d))


Stage = Callable[[Draft], None]
STAGES: tuple[tuple[str, Stage], ...] = (
    ("furniture", stage_furniture),
    ("sentences", stage_sentences),
    ("lexicon", stage_lexicon),
    ("ambiguous", stage_ambiguous),
    ("legal-names", stage_legal_names),
    ("shapes", stage_shapes),
    ("aliases", stage_aliases),
    ("propagate", stage_propagate),
    ("company-heads", stage_company_heads),
    ("prune", stage_prune),
    ("observers", stage_observers),
    ("class-targets", stage_class_targets),
    ("short-indications", stage_short_indications),
    ("nested-targets", stage_nested_targets),
    ("short-trials", stage_short_trials),
    ("filer", stage_filer),
    ("entities", stage_entities),
    ("events", stage_events),
)


_MATCHERS: dict[int, tuple[Lexicon, Matcher]] = {}


def matcher_for(lexicon: Lexicon) -> Matcher:
    """The automaton for a lexicon, built once and kept while the lexicon lives."""
    cached = _MATCHERS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        if len(_MATCHERS) >= 4:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        cached = (lexicon, Matcher(lexicon.terms))
        _MATCHERS[id(lexicon)] = cached
        # The lexicon and its automaton are a million objects that live as long as the process:
        # out of the collector's sight, full collections no longer walk them while reading.
        gc.collect()
        gc.freeze()
    return cached[1]


def run(doc: Document, lexicon: Lexicon | None = None) -> Reading:
    """Run every stage over ``doc`` and return what was read."""
    lex = lexicon if lexicon is not None else load()
    draft = Draft(doc, lex, matcher_for(lex))
    for name, stage in STAGES:
        try:
            stage(draft)
        except RacecardError:
            raise
        except Exception as exc:  # a bug in a stage: say which, on which document
            raise RacecardError(f"stage {name!r} failed: {exc!r}", source=doc.id or doc.url) from exc
    return Reading(
        document=doc,
        sentences=draft.sentences,
        furniture=draft.furniture,
        mentions=tuple(draft.mentions),
        entities=tuple(draft.entities),
        events=tuple(draft.events),
    )


_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _published(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = str(value).strip()
    if not _ISO.match(text[:10]):
        raise InputError(f"published date {value!r} is not an ISO date (YYYY-MM-DD)")
    parts = [int(p) for p in text[:10].split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise InputError(f"published date {value!r} is impossible: {exc}") from exc


def document_of(text: str, **metadata: Any) -> Document:
    """A Document from text and metadata (published may be a date or an ISO string)."""
    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}")
    return Document(
        text=text,
        id=str(metadata.get("id") or ""),
        url=metadata.get("url"),
        title=metadata.get("title"),
        published=_published(metadata.get("published")),
        source=metadata.get("source"),
    )


def read(text: str, *, lexicon: Lexicon | None = None, **metadata: Any) -> Reading:
    """Read one text with its metadata (``published``, ``url``, ``title``, ``source``, ``id``)."""
    return run(document_of(text, **metadata), lexicon)
