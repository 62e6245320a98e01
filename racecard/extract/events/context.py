"""The reading context the event families share: sentences with their mentions, and company references.

A company may be named ("Kyowa Kirin"), described ("the Japanese drugmaker", "the
company") or be the filer ("we" in a filing). :meth:`Doc.companies_in` turns all three
into references with canonical names, so role patterns see one kind of thing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from racecard.extract.events.places import country_of
from racecard.lexicon import Lexicon
from racecard.model import EntityKind, Mention, Span

__all__ = ["Doc", "Ref", "Sent"]

_NOUN = (
    r"(?:company|firm|drugmaker|drug\s?maker|biotech|biotechnology\s+company|pharma|pharmaceutical\s+company|"
    r"pharma\s+company|pharmaceutical\s+group|group|developer|acquirer|buyer|"
    r"pharma\s+giant|giant|major|biopharma|biopharmaceutical\s+company|startup|start-up)"
)
# "Rahway, NJ-based", "South San Francisco-based", "Thousand Oaks, Calif.-based"
_PLACE_BASED = r"(?:[A-Z][a-z]+\s+){0,2}[A-Z][\w.]*(?:,\s*[A-Z][\w.]*)?-based"
_DESC = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts|[Tt]his)\s+(?:(?P<adj>{_PLACE_BASED}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}|U\.S\.|US)\s+)?"
    rf"(?:(?:big|large|small|mid-sized|clinical-stage|commercial-stage|biotech|"
    rf"drug|pharma|pharmaceutical)\s+)?{_NOUN}\b(?!\s*['’]s\s+\w+\s+(?:said|"
    rf"says))"
)
_WE = re.compile(r"\b(?:we|We|our|Our|us)\b")
_IT = re.compile(
    r"\b(?:(?:said|says|added|noted|announced|stated|disclosed|explained)\s+(?:that\s+)?|(?:which|whereby)\s+)(?:it|they)\b"
)
# "In December 2022 it licensed …", "It then sold …": a clause-opening "it" that acts in a deal is a company
_IT_OPENS = re.compile(
    r"^(?:(?:In|On|By|Earlier|Later|Last|Then|Previously|Since|Back\s+in)\b[^,;]{0,30}?,?\s+)?(?P<it>[Ii]t)\s+"
    r"(?:also\s+|then\s+|later\s+|previously\s+)?(?=(?:in-|out-)?licen[cs]ed\b|acquired\b|bought\b|sold\b|"
    r"granted\b|returned\b|handed\b|regained\b|struck\b|signed\b|paid\b|agreed\b|entered\b|partnered\b)"
)
_COMPARATOR = re.compile(
    r"\b(?:versus|vs\.?|over|against|than|compared\s+(?:with|to)|beat|beats|bested|outperform\w*|rivals?|"
    # "its most direct challenge yet to Tagrisso"
    r"challenger?s?\s+(?:yet\s+)?to|alternatives?\s+to|competitors?\s+to|"
    r"(?:in\s+)?combination\s+with|combined\s+with|"  # a partner of the drug the sentence is about
    r"comparing\s+(?:[\w-]+\s+){1,5}?with)\s+"
    r"(?:[\w&'’.-]+,?\s+){0,4}$",  # "versus a daratumumab, bortezomib and dexamethasone regimen": each of the list
    re.I,
)
_THAT_DRUG = re.compile(
    r"\s*(?:That|The\s+latter)\s+(?:[\w-]+\s+)?(?:drug|antibody|therapy|medicine|candidate|treatment|product)\b"
)
_DEAL_MODIFIER = re.compile(r"\s+(?:deal|acquisition|buyout|takeover|purchase|transaction|merger)\b")
_TOPIC = re.compile(r"\s*(?:For|As\s+for)\s+")
_GOVERNED = re.compile(r"\b(?:with|from|to|by|of|for|and)\s+(?:the\s+)?$|[(“\"]\s*$", re.I)
_DRUG_ANAPHOR = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Ii]ts)\s+(?:[\w-]+\s+){0,2}?(?:version|formulation)\b"  # "a twice-daily version"
    r"|\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+(?:[\w/-]+\s+){0,3}?(?:drug|"
    r"candidate|therapy|treatment|asset|antibody|"
    r"molecule|medicine|compound|program|programme|inhibitor|agent|agonist|antagonist|bispecific|conjugate|ADC|"
    r"biologic|product|study|trial|(?:vaccine|pill|tablet|shot|injection)(?!\s+[A-Z]))\b"  # not "its shot Yeztugo"
    # "The application was granted priority review": the drug's filing as the subject
    r"|^\s*(?:The|This|Its)\s+(?:[\w-]+\s+){0,2}?(?:application|filing|submission|s?NDA|s?BLA|MAA)\b"
    r"(?!\s+(?:Administration|Evaluation))"
    r"|\b(?:It|it)\s+(?:was|is|has|had|will|failed|met|showed)\b"
    # "The agency had accepted the application for priority review in September": the drug's filing
    r"|\b(?:accepted|validated|reviewing)\s+(?:the|its)\s+(?:[\w-]+\s+){0,2}?(?:application|filing|submission|s?NDA|"
    r"s?BLA|MAA)\b"
    r"|\b(?:approved|cleared|rejected|filed|submitted|launched|discontinued|dropped|scrapped|shelved|developing|"
    r"developed|advancing|testing|halted|abandoned|licensed|returned|sold|marketing|commerciali[sz]ing)\s+it\b"
    # "the agency broadened the label to patients aged 4 and older": the drug's label
    r"|\b(?:broaden\w*|expand\w*|extend\w*|widen\w*|narrow\w*|updat\w*)\s+(?:the|its)\s+label\b"
    r"|\b(?:[Bb]oth|[Aa]ll\s+(?:two|three|four|five))\s+(?:were|have|had|are|will|drugs|candidates|assets|programs"
    r"|programmes)\b"  # "both were pruned": the drugs just named
)


@dataclass(frozen=True, slots=True)
class Ref:
    """A company referred to at ``start:end`` (relative to the sentence): by name, description or 'we'."""

    start: int
    end: int
    name: str
    how: str = "name"


@dataclass(slots=True)
class Sent:
    """One sentence: its text, its place in the document, and the mentions inside it."""

    index: int
    start: int
    end: int
    text: str
    mentions: list[Mention]
    refs: list[Ref] = field(default_factory=list)
    low: str = ""
    dates: list[Any] | None = None  # the date phrases, read once when first asked for
    memo: dict[str, Any] = field(default_factory=dict)  # other per-sentence readings, computed once

    def of(self, kind: EntityKind) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def rel(self, m: Mention) -> int:
        return m.start - self.start

    def names(self, kind: EntityKind) -> list[str]:
        return list(dict.fromkeys(m.name for m in self.mentions if m.kind == kind))


@dataclass(slots=True)
class Doc:
    """The document as the event families see it."""

    text: str
    id: str
    published: date | None
    title: str
    lexicon: Lexicon
    sents: list[Sent]
    counts: Counter[tuple[EntityKind, str]]
    filer: str | None = None
    thousands: bool = False
    memo: dict[str, Any] = field(default_factory=dict)  # readings of the whole story, computed once

    @classmethod
    def build(
        cls,
        text: str,
        doc_id: str,
        published: date | None,
        title: str,
        lexicon: Lexicon,
        sentences: tuple[Span, ...],
        mentions: list[Mention],
        title_companies: tuple[str, ...] = (),
    ) -> Doc:
        ms = sorted(mentions, key=lambda m: m.start)
        sents: list[Sent] = []
        i = 0
        for n, s in enumerate(sentences):
            while i < len(ms) and ms[i].start < s.start:
                i += 1
            j = i
            inside = []
            while j < len(ms) and ms[j].start < s.end:
                inside.append(ms[j])
                j += 1
            body = text[s.start : s.end]
            sents.append(Sent(n, s.start, s.end, body, inside, low=body.lower()))
        counts = Counter((m.kind, m.name) for m in ms)
        doc = cls(text, doc_id, published, title, lexicon, sents, counts, thousands="in thousands" in text)
        doc.filer = doc._filer(ms, title_companies)
        return doc

    def with_refs(self, s: Sent) -> Sent:
        """The sentence with its company references resolved (done only for sentences that need them)."""
        if not s.refs:
            s.refs = self._refs(s)
        return s

    def companies(self) -> list[str]:
        """The article's companies, most mentioned first."""
        return [n for (k, n), _ in self.counts.most_common() if k == EntityKind.COMPANY]

    def country(self, company: str) -> str:
        return str(self.lexicon.attrs(EntityKind.COMPANY, company).get("country") or "")

    def main_drug(self, *, strong: bool = False) -> str | None:
        """The article's drug when one dominates it: named in at least two sentences, and twice as many as any
        other; ``strong`` asks for a story wholly about it (three sentences or more, three times any other).
        No mention as a comparator counts ("beat Keytruda", "versus pembrolizumab")."""
        margin = 3 if strong else 2
        key = f"main/{margin}"
        if key not in self.memo:
            top = self._told().most_common(2)
            leads = bool(top) and top[0][1] >= margin and (len(top) < 2 or top[0][1] >= margin * top[1][1])
            self.memo[key] = top[0][0] if leads else None
        return cast("str | None", self.memo[key])

    def _told(self) -> Counter[str]:
        """How many sentences name each drug other than as a comparator ("Epkinly (epcoritamab)" counts once)."""
        if "told" not in self.memo:
            told: Counter[str] = Counter()
            for s in self.sents:
                told.update({m.name for m in s.of(EntityKind.DRUG) if not self._comparator(s, m)})
            self.memo["told"] = told
        return cast("Counter[str]", self.memo["told"])

    def _comparator(self, s: Sent, m: Mention) -> bool:
        """Whether a drug mention is named as a comparator or rival in its sentence ("beat Keytruda")."""
        return _COMPARATOR.search(self.text, max(s.start, m.start - 80), m.start) is not None

    def refers_back(self, sent: Sent) -> bool:
        """Whether a sentence names its drug only by reference ("the drug", "the study", "it")."""
        return self._anaphor(sent)

    def _anaphor(self, sent: Sent) -> bool:
        """Whether the sentence has a drug anaphor that is not an apposition ("the antibody-drug conjugate
        Enhertu" names its drug; "the drug" alone refers back)."""
        named = {d.start - sent.start for d in sent.of(EntityKind.DRUG)}
        return any(
            not ({m.end(), m.end() + 1} & named) for m in _DRUG_ANAPHOR.finditer(sent.text)
        )

    def recent_drug(self, sent: Sent, *, need_anaphor: bool = True) -> str | None:
        """The drug a sentence refers back to ("the drug", "the therapy"): the last one named before it."""
        if need_anaphor and not self._anaphor(sent):
            return None
        for s in reversed(self.sents[max(0, sent.index - 3) : sent.index]):
            # "a trial comparing BGB-16673 with pirtobrutinib", "its challenge to Tagrisso": not the comparator
            compared = {m.name for m in s.of(EntityKind.DRUG) if self._comparator(s, m)}
            drugs = [d for d in s.names(EntityKind.DRUG) if d not in compared]
            if len(drugs) > 1 and _THAT_DRUG.match(sent.text):
                return drugs[-1]  # "… in contrast to Biogen's first antibody, Aduhelm. That drug won …": the last
            if len(drugs) > 1 and self.main_drug() in drugs:
                return self.main_drug()  # "Roxadustat … makes the body produce its own erythropoietin": the story's
            if drugs:
                return drugs[0] if len(drugs) == 1 else None
        top = [n for (k, n), _ in self.counts.most_common() if k == EntityKind.DRUG][:2]
        if len(top) > 1 and self.counts[(EntityKind.DRUG, top[0])] == self.counts[(EntityKind.DRUG, top[1])]:
            return self._first_drug(top)  # as often named: the one the story opens with
        return self.main_drug() or (self._first_drug(top) if top else None)

    def actor_drug(self, sent: Sent) -> str | None:
        """The drug of the company a drug-less sentence opens with, when the sentence just before names that company
        and one drug of its own ("Lilly said its antibody donanemab slowed decline … Lilly has since completed its
        filing"), not the story's main drug."""
        if sent.index == 0 or sent.of(EntityKind.DRUG):
            return None
        actors = sent.of(EntityKind.COMPANY)
        if not actors or actors[0].start - sent.start > 40:
            return None
        for s in reversed(self.sents[max(0, sent.index - 2) : sent.index]):
            drugs = [m.name for m in s.of(EntityKind.DRUG) if not self._comparator(s, m)]
            if actors[0].name in s.names(EntityKind.COMPANY) and len(set(drugs)) == 1 and drugs[0] != self.main_drug():
                return drugs[0]
        return None

    def _first_drug(self, names: list[str]) -> str | None:
        """Of ``names``, the one the story names first."""
        for s in self.sents:
            for m in s.of(EntityKind.DRUG):
                if m.name in names:
                    return m.name
        return None

    def previous_drug(self, sent: Sent) -> str | None:
        """The one drug the sentence just before names, if it names exactly one: the topic carried on."""
        if sent.index == 0:
            return None
        drugs = self.sents[sent.index - 1].names(EntityKind.DRUG)
        return drugs[0] if len(drugs) == 1 else None

    def sole_trial(self, drug: str) -> str | None:
        """The story's one named trial, when no sentence naming it names another drug: the trial an
        unnamed "Phase 3 study" of ``drug`` is ("… met its endpoints in a Phase 3 study. The COAST 1 study …")."""
        trials = {n for (k, n) in self.counts if k == EntityKind.TRIAL}
        if len(trials) != 1:
            return None
        trial = trials.pop()
        for s in self.sents:
            if trial in s.names(EntityKind.TRIAL) and set(s.names(EntityKind.DRUG)) - {drug}:
                return None
            if trial in s.names(EntityKind.TRIAL) and not s.names(EntityKind.DRUG):
                told = next((p.names(EntityKind.DRUG) for p in reversed(self.sents[max(0, s.index - 3) : s.index])
                             if p.names(EntityKind.DRUG)), [])  # fmt: skip
                if told and drug not in told:
                    return None  # "… retatrutide … Lilly runs Phase 3 studies under its TRIUMPH programme": another's
        return trial

    def trial_drug(self, sent: Sent, trial: str | None) -> str | None:
        """The drug a trial tests, from the sentences that name both (nearest first)."""
        if trial is None:
            return None
        for s in sorted(self.sents, key=lambda x: abs(x.index - sent.index)):
            if trial in s.names(EntityKind.TRIAL):
                # "MARIPOSA, in which the combination cut the risk … versus osimertinib": not the comparator
                compared = {m.name for m in s.of(EntityKind.DRUG) if self._comparator(s, m)}
                drugs = [m.name for m in s.of(EntityKind.DRUG) if m.name not in compared]
                if drugs:
                    return drugs[0]
        return None

    def _filer(self, mentions: list[Mention], title_companies: tuple[str, ...]) -> str | None:
        """Who "we" are: the company the title names (a filing's title names its filer), else the first one."""
        if not _WE.search(self.text[:20000]):
            return None
        if title_companies:
            return title_companies[0]
        title = self.title.lower()
        if title:
            for m in mentions:
                if m.kind == EntityKind.COMPANY and (m.text.lower() in title or m.name.lower() in title):
                    return m.name
        first = next((m.name for s in self.sents[:3] for m in s.of(EntityKind.COMPANY)), None)
        companies = self.companies()
        return first or (companies[0] if companies else None)

    def _recent_company(self, before: int, among: set[str] | None = None) -> str | None:
        """The last company named before sentence ``before`` (this one's start included), one of ``among`` if
        given."""
        for s in reversed(self.sents[max(0, before - 4) : before]):
            named = [  # a partner "with Daiichi Sankyo" is no sentence's subject; "For Merck, the pact …" names a topic
                m
                for m in s.of(EntityKind.COMPANY)
                if (among is None or m.name in among)
                and (
                    not _GOVERNED.search(self.text[max(0, m.start - 12) : m.start])
                    or _TOPIC.fullmatch(self.text[s.start : m.start])
                )
                and not _DEAL_MODIFIER.match(self.text, m.end)  # "The Gracell deal is AstraZeneca's …": the target
            ]
            if named:
                first = named[0]  # a sentence's subject comes first more often than not
                return first.name
        return None

    def _refs(self, s: Sent) -> list[Ref]:
        refs = [Ref(m.start - s.start, m.end - s.start, m.name) for m in s.of(EntityKind.COMPANY)]
        taken = [(r.start, r.end) for r in refs]
        for m in _DESC.finditer(s.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            name = self._describe(s, m)
            if name:
                refs.append(Ref(m.start(), m.end(), name, "description"))
        if self.filer:
            for m in _WE.finditer(s.text):
                refs.append(Ref(m.start(), m.end(), self.filer, "filer"))
        for m in _IT.finditer(s.text):
            before = [r for r in refs if r.end <= m.start()]
            if before:  # "Bristol said it will …": the speaker; "…, pursuant to which it obtained": the subject
                subjects = [r for r in before if not _GOVERNED.search(s.text[max(0, r.start - 12) : r.start])]
                who = (subjects or before)[-1] if m.group(0).lower().startswith(("which", "whereby")) else before[-1]
                refs.append(
                    Ref(m.end() - 2 if m.group(0).endswith("it") else m.end() - 4, m.end(), who.name, "pronoun")
                )
        opening = _IT_OPENS.match(s.text)
        if opening and not any(r.start < opening.end() for r in refs):
            actor = self._recent_company(s.index)
            if actor:
                refs.append(Ref(opening.start("it"), opening.end("it"), actor, "pronoun"))
        return sorted(refs, key=lambda r: r.start)

    def _describe(self, s: Sent, m: re.Match[str]) -> str | None:
        if self.filer and re.match(r"the\s+(?:Group|Company)\b", m.group(0)):
            return self.filer  # a filing names its filer "the Group" or "the Company"
        adj = m.group("adj") or ""
        code = country_of(adj) if adj else ""
        if adj and not code:
            return None
        if code:  # "the Rahway, NJ-based drugmaker": the story's one US company, else the US company named last
            matches = [c for c in self.companies() if self.country(c) == code]
            return matches[0] if len(matches) == 1 else self._recent_company(s.index, among=set(matches))
        earlier = [x for x in s.of(EntityKind.COMPANY) if x.start - s.start < m.start()]
        if earlier:
            return earlier[0].name
        return self._recent_company(s.index)
