"""One article's facts: every mention typed with the slot it fills, in one pass over the text.

Kinds: `count` (people by role: killed, injured, shot, arrested, missing, displaced; see
dedup.factcheck.people), the typed quantities of dedup.factcheck.quantities (`age`,
`quantity` for a counted noun, `money`, `percent`, `distance`, `weight`, `duration`, `speed`,
`area`, `magnitude`, `caliber`, `record`), `date` (absolute or resolved relative,
dedup.factcheck.dates), `time` (clock times, dedup.factcheck.times), the names of
dedup.factcheck.entities (`person`, `place`, `org`, `name`), a victim's `condition`
(dedup.factcheck.conditions), a criminal `charge` (dedup.factcheck.charges), and `number` for a
figure none of these explains (shown, never compared).
Mentions are claimed in that order, so a figure is read once: "7 p.m." is a time, never a 7.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from dedup.article import Article
from dedup.factcheck.charges import find_charges
from dedup.factcheck.conditions import find_conditions
from dedup.factcheck.dates import find_dates
from dedup.factcheck.entities import find_names
from dedup.factcheck.numbers import find_numbers, format_number
from dedup.factcheck.people import find_counts
from dedup.factcheck.qualifiers import Interval
from dedup.factcheck.quantities import find_quantities
from dedup.factcheck.spans import Spans
from dedup.factcheck.summary import Summary, summarize
from dedup.factcheck.times import TimeMention, find_times
from dedup.segment import Sentence, split_sentences

NAME_KINDS = ("person", "place", "org", "name")
KINDS = (
    "count", "condition", "charge", "date", "time", "age", "record", "money", "quantity", "percent",
    "distance", "weight", "duration", "speed", "area", "magnitude", "caliber", "number",
    *NAME_KINDS,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Fact:
    """One typed value stated at text[start:end], in sentence `sentence`.

    `value` is the canonical value (a count "6", a date "2023-11-13", a time "19:00", an amount
    in its base unit "25000"); `text` is how the article states it ("six", "Tuesday",
    "about 7 p.m.", "$25,000"). `unit` is the base unit or, for a counted noun, the noun's
    lemma; `low`/`high` bound what the statement allows (None: unbounded or not numeric);
    `anchor` is whom or what the value belongs to (the person of an age)."""

    kind: str
    value: str
    text: str
    start: int
    end: int
    sentence: int
    role: str | None = None
    unit: str | None = None
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    anchor: str | None = None
    # How the article states the value, briefly ("at least three", "$25,000"); `text` if empty.
    figure: str = ""

    @property
    def stated(self) -> str:
        """The value as the article states it."""
        return self.figure or self.text

    @property
    def interval(self) -> Interval | None:
        """What the statement allows, or None when it is not a figure."""
        if self.low is None and self.high is None:
            return None
        low = -float("inf") if self.low is None else self.low
        high = float("inf") if self.high is None else self.high
        return Interval(low, high)

    @property
    def slot(self) -> str:
        """What the value measures, as a reader would name it: "killed", "age", "shots"."""
        if self.kind == "count":
            return self.role or "count"
        if self.kind == "quantity":
            return self.unit or "quantity"
        return self.kind

    def as_dict(self) -> dict[str, object]:
        """The fact as a JSON-ready mapping."""
        return {
            "kind": self.kind,
            "slot": self.slot,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "role": self.role,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "interval": None if self.interval is None else self.interval.as_list(),
            "anchor": self.anchor,
            "stated": self.stated,
        }


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Every fact of one article, its sentences, and the summary of its main event."""

    id: str
    sentences: tuple[Sentence, ...]
    facts: tuple[Fact, ...]
    summary: Summary
    published: str | None = None
    text: str = ""

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data: one document of `dedup facts --format json` (a `jsonl` line)."""
        from dedup.render.json import facts_as_dict

        return facts_as_dict(self)


def _bounds(interval: Interval | None) -> tuple[float | None, float | None]:
    if interval is None:
        return None, None
    low = None if interval.low == -float("inf") else interval.low
    high = None if interval.high == float("inf") else interval.high
    return low, high


def extract_facts(article: Article) -> ArticleFacts:
    """The facts of one article (relative dates resolved against its `published` date)."""
    text = article.text
    sentences = split_sentences(text)
    starts = [sentence.start for sentence in sentences]

    def sentence_of(position: int) -> int:
        return max(0, bisect_right(starts, position) - 1)

    facts: list[Fact] = []
    taken = Spans()

    def add(fact: Fact) -> None:
        facts.append(fact)
        taken.add(fact.start, fact.end)

    reference = article.published or dateline(text, sentences)
    dates = find_dates(text, published=reference)
    times = find_times(text)
    full_dates = [sentence_of(d.start) for d in dates if not d.relative and _YEAR.search(d.text)]
    stamps = _stamp_sentences(text, sentences, times, full_dates)
    for t in times:
        low, high = _bounds(t.window)
        at = sentence_of(t.start)
        add(Fact("time", t.value, t.text, t.start, t.end, at, unit="min", low=low, high=high,
                 qualifier="stamp" if at in stamps else t.qualifier))  # fmt: skip
    dates = [d for d in dates if not taken.overlaps(d.start, d.end)]
    for d in dates:
        at = sentence_of(d.start)
        # The page's own date at its top ("March 12, 2013") dates the report, not the event.
        own = d.value == reference and at < _DATELINE_SENTENCES and not d.relative
        qualifier = "stamp" if at in stamps or own else "relative" if d.relative else "exact"
        add(Fact("date", d.value, d.text, d.start, d.end, at, unit=d.precision,
                 qualifier=qualifier))  # fmt: skip
    counts = find_counts(text)
    for c in counts:
        low, high = _bounds(c.interval)
        value = "" if c.value is None else str(c.value)
        add(Fact("count", value, c.text, c.start, c.end, sentence_of(c.start), role=c.role,
                 qualifier=c.qualifier, low=low, high=high, figure=c.figure))  # fmt: skip
    for held in find_conditions(text, starts):
        at = sentence_of(held.start)
        facts.append(Fact("condition", held.grade, held.text, held.start, held.end, at,
                          anchor=held.anchor, figure=held.text))  # fmt: skip
    for charge in find_charges(text):
        facts.append(Fact("charge", charge.charge, text[charge.start : charge.end], charge.start,
                          charge.end, sentence_of(charge.start), unit=charge.crime))  # fmt: skip
    numbers = find_numbers(text)
    for q in find_quantities(text, numbers, claimed=list(taken)):
        low, high = _bounds(q.interval)
        kind = q.kind
        value = q.unit if q.kind == "record" else format_number(round(q.value, 6))
        unit = q.unit if q.kind != "record" else None
        add(Fact(kind, value, q.text, q.start, q.end, sentence_of(q.start), unit=unit,
                 qualifier=q.qualifier, low=low, high=high, anchor=q.anchor or q.noun))  # fmt: skip
    for n in numbers:
        if not n.is_year and not taken.overlaps(n.start, n.end):
            add(Fact("number", n.label, n.text, n.start, n.end, sentence_of(n.start)))
    for name in find_names(text, sentences):
        if name.address or not taken.overlaps(name.start, name.end):
            facts.append(Fact(name.kind, name.value, text[name.start : name.end], name.start,
                              name.end, sentence_of(name.start), figure=name.shown,
                              unit="address" if name.address else None))  # fmt: skip
    facts.sort(key=lambda fact: (fact.start, KINDS.index(fact.kind), fact.end))
    summary = summarize(
        counts=counts,
        dates=dates,
        places=[f.value for f in facts if f.kind == "place"],
        text=text,
        sentences=sentences,
        published=reference,
    )
    return ArticleFacts(
        id=article.id,
        sentences=sentences,
        facts=tuple(facts),
        summary=summary,
        published=article.published,
        text=text,
    )


_STAMP = re.compile(
    r"\b(?:updated|published|posted|last\s+modified|created)\b|\d:\d\d:\d\d|\d\s*:\s*\d\d\s*:\s*\d\d|"
    r"\b(?:GMT|UTC|[ECMP][SD]T|ET|BST|CET|IST)\b",
    re.IGNORECASE,
)
_STAMP_WORDS = 14
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _stamp_sentences(
    text: str, sentences: tuple[Sentence, ...], times: list[TimeMention], dated: list[int]
) -> set[int]:
    """Sentences that date the page rather than the event: "Updated 1:32 PM PDT", "Tue Jul 2,
    2013 1:28PM GMT", a short line holding a full date (with its year) and a clock time;
    `dated` are the sentences with such a date. ("It happened about 3:15 p.m. Tuesday" is the
    event's time.)"""
    stamps = set()
    timed = {bisect_right([s.start for s in sentences], t.start) - 1 for t in times}
    for index in timed | set(dated):
        sentence = sentences[max(0, index)]
        short = len(sentence.text.split()) <= _STAMP_WORDS
        if (index in timed and _STAMP.search(sentence.text)) or (
            short and index in timed and index in dated
        ):
            stamps.add(max(0, index))
    return stamps


_DATELINE_SENTENCES = 3


def dateline(text: str, sentences: tuple[Sentence, ...]) -> str | None:
    """The date a page gives itself near its top ("Tue Jul 2, 2013 1:28PM GMT"), to resolve
    relative dates by when the article has no published date: the first full date (day, month
    and year) in its first sentences."""
    if not sentences:
        return None
    top = sentences[min(len(sentences), _DATELINE_SENTENCES) - 1].end
    for mention in find_dates(text[:top]):
        if mention.precision == "day" and not mention.relative:
            return mention.value
    return None
