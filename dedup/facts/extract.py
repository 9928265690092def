"""Facts of an article: typed values with their span and sentence, and a per-article summary."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from dedup.article import Article
from dedup.facts.dates import find_dates
from dedup.facts.numbers import find_numbers
from dedup.facts.people import find_counts
from dedup.facts.summary import Summary, summarize
from dedup.segment import Sentence, split_sentences

KINDS = ("count", "date", "number", "person", "place", "name")

_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|Rev|St)\.[ ]+)?"
    r"[A-Z][\w’'-]*[a-z][\w’'-]*(?:[ ]+(?:(?:of|the|de|for)[ ]+){0,2}[A-Z][\w’'-]*[a-z][\w’'-]*)*"
)
_OPENING = re.compile(r"[\"“‘(]\s*$")
_DEMONYM = re.compile(r"(?:ian|ians|ani|anis|ese|ish|ean|eans)$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TITLE = re.compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Cpl|Det|Sen|Rep|Gov|Officer|Deputy|"
    r"Sheriff|Chief|President|Minister|Secretary|Judge|Pastor|Rev|Mayor|spokesman|"
    r"spokeswoman|spokesperson|ombudsman|official|resident|victim|suspect)\.?\s+$"
)
_TITLE_LIST = (
    "Mr Mrs Ms Dr Gen Lt Col Sgt Capt Cpl Det Sen Rep Gov Officer Deputy Sheriff Chief "
    "President Minister Secretary Judge Pastor Rev Mayor Prime"
)
_TITLE_WORDS = frozenset(_TITLE_LIST.split())
_AGE_AFTER = re.compile(r"^,\s*\d{1,3}\s*,|^\s+said\b|^\s+told\b|^,\s+(?:a|an|the)\s+\d")
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|across|into|from|at|to|towards|of)\s+(?:the\s+)?)$"
)
_PLACE_WORDS = re.compile(
    r"\b(?:County|City|Town|Township|Village|Street|Avenue|Road|Drive|Boulevard|Park|Parish|"
    r"Region|Province|District|Valley|Heights|Island|Beach)$"
)
_NOT_NAME_LIST = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept "
    "Oct Nov Dec I AM PM"
)
_NOT_NAMES = frozenset(_NOT_NAME_LIST.split())


@dataclass(frozen=True, slots=True)
class Fact:
    """One typed value stated at text[start:end], in sentence `sentence`."""

    kind: str
    value: str
    text: str
    start: int
    end: int
    sentence: int
    role: str | None = None

    def as_dict(self) -> dict[str, str | int | None]:
        """The fact as a JSON-ready mapping."""
        return {
            "kind": self.kind,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "role": self.role,
        }


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Every fact of one article, its sentences, and the summary of its main event."""

    id: str
    sentences: tuple[Sentence, ...]
    facts: tuple[Fact, ...]
    summary: Summary

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data: one document of `dedup facts --format json` (a `jsonl` line)."""
        from dedup.render.json import facts_as_dict

        return facts_as_dict(self)


def _names(text: str, sentences: tuple[Sentence, ...]) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) for capitalised names; sentence-initial words count only when
    the article also writes them capitalised mid-sentence (so "However" and "The" do not)."""
    starts = {sentence.start for sentence in sentences}
    found: list[tuple[str, str, int, int]] = []
    mid_sentence: set[str] = set()
    matches = list(_NAME.finditer(text))
    for match in matches:
        lead = text[max(0, match.start() - 2) : match.start()]
        if match.start() not in starts and not _OPENING.search(lead):
            mid_sentence.add(match.group(0).split()[0])
    for match in matches:
        words = match.group(0).split()
        start = match.start()
        lead = text[max(0, start - 2) : start]
        at_start = start in starts or bool(_OPENING.search(lead))
        if at_start and words[0] not in mid_sentence:
            if len(words) == 1:
                continue
            start += len(words[0]) + 1 + (len(text[start:]) - len(text[start:].lstrip()))
            words = words[1:]
        titled = [i for i, word in enumerate(words[:-1]) if word.rstrip(".") in _TITLE_WORDS]
        if titled:
            cut = titled[-1] + 1
            start += len(" ".join(words[:cut])) + 1
            words = words[cut:]
        value = _POSSESSIVE.sub("", " ".join(words))
        if not value or value in _NOT_NAMES or len(value) < 2:
            continue
        if len(words) == 1 and _DEMONYM.search(value):
            continue
        end = start + len(" ".join(words))
        before = text[max(0, start - 40) : start]
        after = text[end : end + 12]
        if titled or _TITLE.search(before) or (len(words) >= 2 and _AGE_AFTER.match(after)):
            kind = "person"
        elif _PLACE_BEFORE.search(before) or _PLACE_WORDS.search(value):
            kind = "place"
        else:
            kind = "name"
        found.append((kind, value, start, end))
    return found


def extract_facts(article: Article) -> ArticleFacts:
    """The facts of one article (relative dates resolved against its `published` date)."""
    text = article.text
    sentences = split_sentences(text)
    sentence_starts = [sentence.start for sentence in sentences]

    def sentence_of(position: int) -> int:
        return max(0, bisect_right(sentence_starts, position) - 1)

    facts: list[Fact] = []
    dates = find_dates(text, published=article.published)
    date_spans = [(mention.start, mention.end) for mention in dates]
    for mention in dates:
        facts.append(
            Fact(
                "date",
                mention.value,
                mention.text,
                mention.start,
                mention.end,
                sentence_of(mention.start),
            )
        )
    for number in find_numbers(text):
        if number.is_year or any(s < number.end and number.start < e for s, e in date_spans):
            continue
        facts.append(
            Fact(
                "number",
                number.label,
                number.text,
                number.start,
                number.end,
                sentence_of(number.start),
            )
        )
    counts = find_counts(text)
    for count in counts:
        value = "?" if count.value is None else str(count.value)
        facts.append(
            Fact(
                "count",
                value,
                count.text,
                count.start,
                count.end,
                sentence_of(count.start),
                role=count.role,
            )
        )
    for kind, value, start, end in _names(text, sentences):
        facts.append(Fact(kind, value, text[start:end], start, end, sentence_of(start)))
    facts.sort(key=lambda fact: (fact.start, KINDS.index(fact.kind), fact.end))
    summary = summarize(
        counts=counts,
        dates=dates,
        places=[f.value for f in facts if f.kind == "place"],
        text=text,
        sentences=sentences,
        published=article.published,
    )
    return ArticleFacts(id=article.id, sentences=sentences, facts=tuple(facts), summary=summary)
