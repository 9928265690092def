"""Build the word-frequency table that dedup.frequencies ships: wordfreq's English list.

Run: python scripts/build_frequencies.py
Writes dedup/data/wordfreq_en.bin from the installed wordfreq's "best" English list (its words
by centibel bucket; wordfreq's data is CC BY-SA 4.0, see dedup/data/README.md). The package reads
the table at run time instead of importing wordfreq; tests/test_frequencies.py fails when the
table and the installed wordfreq disagree, and says to run this script.
"""

from __future__ import annotations

from importlib.metadata import version

import wordfreq

from dedup.frequencies import TABLE, encode_table


def main() -> None:
    pack = wordfreq.get_frequency_list("en", "best")
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    TABLE.write_bytes(encode_table(pack))
    print(f"wrote {TABLE} ({TABLE.stat().st_size:,} bytes, wordfreq {version('wordfreq')})")


if __name__ == "__main__":
    main()
