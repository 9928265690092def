"""The shipped word-frequency table: wordfreq's values to the bit, found without wordfreq."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import wordfreq

import dedup.frequencies
from dedup.frequencies import (
    TABLE,
    FrequencyTable,
    encode_table,
    frequency,
    frequency_dict,
    zipf_frequency,
)

from .conftest import loaded_after


@pytest.fixture(scope="module")
def expected() -> dict[str, float]:
    """wordfreq's own English dictionary."""
    found: dict[str, float] = wordfreq.get_frequency_dict("en")
    return found


def test_table_is_the_installed_wordfreq_list(expected: dict[str, float]) -> None:
    """Every word and frequency equal wordfreq's (else run scripts/build_frequencies.py)."""
    assert frequency_dict() == expected


def test_bisection_finds_what_the_dictionary_holds(expected: dict[str, float]) -> None:
    """Known words, unknown ones, other cases, accents and odd strings all agree with wordfreq."""
    table = FrequencyTable(TABLE)
    words = random.Random(7).sample(sorted(expected), 2000)
    words += ["khojavand", "Police", "POLICE", "café", "naïve", "don't", "", " ", "\ud800", "0"]
    words += [min(expected), max(expected)]
    for word in words:
        assert table.get(word) == expected.get(word), word


def test_many_distinct_words_build_the_dictionary_once(
    monkeypatch: pytest.MonkeyPatch, expected: dict[str, float]
) -> None:
    """After the set number of distinct words the whole list is one dictionary; answers stay."""
    monkeypatch.setattr(dedup.frequencies, "_BISECTED_WORDS", 3)
    table = FrequencyTable(TABLE)
    words = ["the", "police", "unknownword", "landmine", "said", "the"]
    assert [table.get(word) for word in words] == [expected.get(word) for word in words]
    assert table.as_dict() is table.as_dict() and len(table.as_dict()) == len(expected)


def test_a_small_table_round_trips(tmp_path: Path) -> None:
    """A table written from a cBpack reads back each word at its bucket's frequency."""
    path = tmp_path / "tiny.bin"
    path.write_bytes(encode_table([[], ["the"], [], ["zebra", "apple", "é"]]))
    table = FrequencyTable(path)
    assert table.get("the") == 10 ** (-1 / 100)
    assert table.get("apple") == table.get("é") == 10 ** (-3 / 100)
    assert table.get("pear") is None
    assert table.as_dict() == {
        "apple": 10 ** (-3 / 100),
        "the": 10 ** (-1 / 100),
        "zebra": 10 ** (-3 / 100),
        "é": 10 ** (-3 / 100),
    }


def test_a_foreign_file_is_refused(tmp_path: Path) -> None:
    """A file that is not a table says how to rebuild it."""
    path = tmp_path / "other.bin"
    path.write_bytes(b"XXXX" + bytes(100))
    with pytest.raises(ValueError, match="build_frequencies"):
        FrequencyTable(path).get("the")


def test_a_word_with_a_newline_cannot_be_stored() -> None:
    """The table separates words by newlines, so such a word is refused when building."""
    with pytest.raises(ValueError, match="newline"):
        encode_table([["a\nb"]])


def test_rarity_never_imports_wordfreq() -> None:
    """Looking a word up (and its rarity) in a fresh interpreter leaves wordfreq unloaded."""
    assert loaded_after("from dedup.tokens import rarity\nrarity('landmine')", "wordfreq") == []
    assert frequency("landmine") == wordfreq.get_frequency_dict("en")["landmine"]


def test_zipf_frequency_is_wordfreqs(expected: dict[str, float]) -> None:
    """Words of the list, unknown words, apostrophes, figures and years: wordfreq's Zipf value."""
    rng = random.Random(11)
    plain = [w for w in expected if w.isascii() and all(c.islower() or c == "'" for c in w)]
    words = rng.sample(plain, 3000)
    words += [
        "".join(rng.choice("abcdefghij'") for _ in range(rng.randint(1, 8))) for _ in range(500)
    ]
    words += [str(rng.randint(0, 10**7)) for _ in range(500)] + [
        str(year) for year in range(1900, 2100)
    ]
    words += [f"{rng.randint(0, 10**9):,}" for _ in range(200)] + ["3.5", "0", "7", "007", "1.2.3"]
    words += ["Police", "café", "x-ray", "abc123", "", "'", "l'amour", "o'neil"]
    for word in words:
        assert zipf_frequency(word) == wordfreq.zipf_frequency(word, "en"), word


def test_zipf_of_plain_words_and_figures_never_imports_wordfreq() -> None:
    """Lowercase words, the list's apostrophe words and figures are answered from the table."""
    code = "from dedup.frequencies import zipf_frequency as z\n[z(w) for w in ('landmine', 'don\\'t', '2023', '120,000', '3.5', '7', 'qqqq')]"
    assert loaded_after(code, "wordfreq") == []
