"""Cleaning: take page junk out of an article's text and keep what was taken.

Junk is judged line by line, because crawled pages put each widget, banner and prompt on a line of
its own. A line is junk when one of the rules below matches the whole line, or when it is a short
non-sentence (a heading, a lone "FAQ", a menu word) stranded after the last article sentence.
The rules are deliberately anchored and specific: a rule that could match a real article sentence
("the team had more than its share of bad luck") does not belong here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dedup.article import Article

NORMALISER_VERSION = 1


@dataclass(frozen=True, slots=True)
class JunkRule:
    """A named pattern that matches a whole line of page junk."""

    kind: str
    pattern: re.Pattern[str]


_ALTERNATIVES: list[tuple[str, tuple[str, ...]]] = []


def _rule(kind: str, *alternatives: str) -> JunkRule:
    _ALTERNATIVES.append((kind, alternatives))
    body = "|".join(f"(?:{alt})" for alt in alternatives)
    return JunkRule(kind, re.compile(rf"^\s*(?:{body})\s*$", re.IGNORECASE))


RULES: tuple[JunkRule, ...] = (
    _rule(
        "cookie banner",
        r"buttons=\(.*\)\s*days=\(\d+\)",
        r".*\b(?:website|site|we) uses? cookies\b.*",
        r".*\bby (?:continuing|using) (?:to use )?(?:this|our) (?:site|website)\b.*cookies.*",
        r"accept\s*!?",
        r"(?:accept|reject|allow) (?:all )?cookies",
        r"learn more",
        r"cookie (?:policy|settings)",
    ),
    _rule(
        "share widget",
        r"(?:share(?: this)?:?\s*)?(?:(?:facebook|twitter|google\+?|pinterest|linkedin|reddit|"
        r"whatsapp|tumblr|pocket|email|e-mail|print|more|share|comments?|copy link(?: copy)?)"
        r"\s*[|,•]?\s*)+",
        r"read or share this story:.*",
        r"like this:\s*like loading\.*",
        r"message: \* a friend wanted you to see this item.*",
        r"a friend wanted you to see this item.*",
        r"\d+ pending comments?",
        r"(?:e-?mail|share) this (?:story|article)",
        r"click here for reuse options!?",
        r"hide transcript show transcript",
        r"follow [\w.\-]{1,30}(?: [\w.\-]{1,30})?:\s*(?:(?:facebook|twitter|instagram)\b.*)?",
        r"(?:stay up to date, )?follow [\w.\- ]{1,40} on (?:twitter|facebook|instagram)\.?",
        r"join the conversation on the [\w.\- ]{1,40} facebook page",
        r"never miss another facebook post from .*",
        r"on twitter:",
    ),
    _rule(
        "captcha",
        r"you must enter the characters.*",
        r"(?:type|enter) the (?:characters|code|text) (?:you see|shown).*",
        r"please (?:verify|confirm) (?:that )?you are (?:a )?human.*",
        r"i'?m not a robot",
    ),
    _rule(
        "paywall",
        r".*\b(?:subscribe|subscription) (?:now|today) to (?:continue|keep) reading.*",
        r"(?:you have|you've) reached (?:your|the) (?:limit|maximum) of free articles.*",
        r"login screen name or email password.*",
        r"(?:sign|log) in to (?:continue|read|comment).*",
        r"(?:email )?newsletters? sign up for .*newsletters?\.?",
        r"sign up for (?:one of )?our (?:email )?newsletters?\.?",
        r"subscribe to the [\w.\- ]{1,40} newsletter!?",
        r"your notification has been saved\.?",
        r"there was a problem saving your notification\.?",
        r"email notifications are only sent once a day.*",
    ),
    _rule(
        "video or ad",
        r"please enable javascript to watch this video\.?",
        r"advertisement",
        r"skip ad.*",
        r"having trouble viewing the video\?.*",
        r"you need the latest version of the adobe flash player.*",
    ),
    _rule(
        "app promotion",
        r".*\bdownload (?:the|our) [\w.\- ]{0,40}\bapps?\b.*",
        r"click here to download our .*app.*",
        r">*\s*download the .* app for .*",
        r"free apps \|.*",
    ),
    _rule(
        "copyright",
        r"\(?(?:copyright|©|\(c\))\s*(?:\(c\)\s*)?\d{4}\b.{0,200}",
        r"\(?©\s*[\w .,\-/]{1,60}\)?",
        r"\(?copyright (?:associated press|the associated press)\b.*",
        r"all rights reserved\.?",
        r"\(source: [^)]*©.*",
    ),
    _rule(
        "navigation",
        r"related(?: stories| coverage| links?)?:?",
        r"trending stories:?",
        r"more local news",
        r"photos",
        r"-{2,}|_{2,}|\*{2,}|[-–—•]",
    ),
)

# A line that reads like article prose: a few words and a sentence end.
_SENTENCE_END = re.compile(r"[.!?\"”’')\]]\s*$")
_MAX_STRAY_WORDS = 4
# Banners and widgets are short; a long paragraph is article text even if it mentions cookies.
_MAX_JUNK_WORDS = 50


def _more_words_than(count: int) -> re.Pattern[str]:
    r"""Matches a line holding more than `count` `\w+` words; stops at the word after the
    count instead of listing every word (`findall` on a long paragraph costs ~10 µs)."""
    return re.compile(rf"\W*+(?:\w++\W++){{{count}}}\w")


_MANY_WORDS = _more_words_than(_MAX_JUNK_WORDS)
_FEW_WORDS = _more_words_than(_MAX_STRAY_WORDS)


# Alternatives starting with ".*" scan the whole line (several µs a line); each needs one of
# these words, so an ASCII line without any of them is tried without those alternatives.
SCAN_WORDS = ("cookies", "subscri", "download")
# Letters that IGNORECASE matches to an ASCII letter but `str.lower` does not turn into it
# (`sre_compile`'s case equivalences), so a non-ASCII line is searched for those words too.
_CASE_EQUIVALENTS = str.maketrans({"ı": "i", "ſ": "s"})


def _any_rule(*, scanning: bool) -> re.Pattern[str]:
    """All rules in one pattern, tried in order: the first rule whose pattern matches the
    whole line names it (alternation backtracks into the next rule when one cannot finish)."""
    groups = []
    for n, (_, alternatives) in enumerate(_ALTERNATIVES):
        kept = [alt for alt in alternatives if scanning or not alt.startswith(".*")]
        if kept:
            body = "|".join(f"(?:{alt})" for alt in kept)
            groups.append(rf"(?P<rule{n}>^\s*(?:{body})\s*$)")
    return re.compile("|".join(groups), re.IGNORECASE)


_ANY_RULE = _any_rule(scanning=True)
_QUICK_RULE = _any_rule(scanning=False)
_KINDS = {f"rule{n}": kind for n, (kind, _) in enumerate(_ALTERNATIVES)}
# A \w+ word takes at least two characters with its separator: a shorter line cannot hold
# more than _MAX_JUNK_WORDS words, so its words need no counting.
_SHORT_LINE = 2 * _MAX_JUNK_WORDS


def classify_line(line: str) -> str | None:
    """The junk kind a whole line matches, or None when it may be article text."""
    if len(line) >= _SHORT_LINE and _MANY_WORDS.match(line):
        return None
    lowered = line.lower() if line.isascii() else line.lower().translate(_CASE_EQUIVALENTS)
    scan = any(word in lowered for word in SCAN_WORDS)
    match = (_ANY_RULE if scan else _QUICK_RULE).match(line)
    return None if match is None or match.lastgroup is None else _KINDS[match.lastgroup]


_SPACE_CHARS = "\u00a0\u2007\u202f\t"
_INVISIBLE_CHARS = "\u200b\ufeff"
_SPACES = re.compile(f"[{_SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_RUNS = re.compile(r" {2,}")


def normalise_text(text: str) -> str:
    """Unicode NFC, unified line ends and spaces, one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each substitution is skipped when a C-level search finds nothing for it to do.
    if any(space in text for space in _SPACE_CHARS):
        text = _SPACES.sub(" ", text)
    if any(mark in text for mark in _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    if "  " in text:
        text = _RUNS.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    for line in lines:
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _is_stray(line: str) -> bool:
    """A short line that is no sentence: a heading or a menu word."""
    return not _FEW_WORDS.match(line) and not _SENTENCE_END.search(line)


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the article text without junk lines, and the junk lines that were removed."""
    lines = normalise_text(text).split("\n\n") if text.strip() else []
    keep: list[str] = []
    removed: list[str] = []
    for line in lines:
        if classify_line(line) is None:
            keep.append(line)
        else:
            removed.append(line)
    # Stray headings after the last sentence ("FAQ", "Photos", a station name) are page furniture.
    trailing: list[str] = []
    while keep and _is_stray(keep[-1]):
        trailing.append(keep.pop())
    if not keep:  # nothing but short lines: keep them rather than empty the article
        keep = trailing[::-1]
        trailing = []
    removed.extend(reversed(trailing))
    return "\n\n".join(keep), tuple(removed)


def clean_article(article: Article) -> Article:
    """The article with page junk removed from its text (kept in `removed`)."""
    text, removed = clean_text(article.text)
    return article.with_text(text, removed=removed)
