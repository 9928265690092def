"""Content terms of a scanned batch as arrays: dropped tokens and added names."""

from __future__ import annotations

from dedup.scan import scan
from dedup.settings import MatchSettings
from dedup.spellings import TERMS, token_values
from dedup.term_arrays import content_terms, name_tokens, outlet_tokens

MATCH = MatchSettings()


def _terms(numbers: list[int]) -> list[str]:
    return [TERMS.strings[t] for t in numbers]


def test_an_outlets_own_words_are_dropped_from_its_text_only() -> None:
    """A domain word is dropped from the text of its outlet, kept in the other's."""
    scanned = scan(["WTVM reports a shooting in Columbus.", "WTVM reports a shooting in Columbus."])
    values = token_values(scanned, min_rarity=MATCH.min_rarity, number_weight=MATCH.number_weight)
    dropped = outlet_tokens(scanned, values, [frozenset({"wtvm"}), frozenset()])
    content = content_terms(scanned, values, name_boost=MATCH.name_boost, dropped=dropped)
    first = _terms(content.terms[content.bounds[0] : content.bounds[1]].tolist())
    second = _terms(content.terms[content.bounds[1] : content.bounds[2]].tolist())
    assert "wtvm" in second and "wtvm" not in first
    absent = outlet_tokens(scanned, values, [frozenset({"nowhere"}), frozenset()])
    assert absent is None or not absent.any()


def test_added_names_are_terms_of_their_weight() -> None:
    """A full name added to a document is one of its terms, of the given base weight."""
    scanned = scan(["Marcus Pope was arrested.", "No one was arrested."])
    values = token_values(scanned, min_rarity=MATCH.min_rarity, number_weight=MATCH.number_weight)
    name = TERMS.number("marcus pope")
    content = content_terms(
        scanned, values, name_boost=MATCH.name_boost, extra=name_tokens([[name], []], weight=4.0)
    )
    first = content.terms[content.bounds[0] : content.bounds[1]].tolist()
    assert name in first
    assert content.weights[content.bounds[0] + first.index(name)] == 4.0
    assert name not in content.terms[content.bounds[1] : content.bounds[2]].tolist()
