"""Every threshold and parameter that changes results, in one frozen settings object.

Sections belong to the stages that read them. The index records `as_meta()` so that an index
built with other parameters is refused instead of silently mixed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """Sentence alignment and diff (read by dedup.align_score and dedup.align).

    Scores are in [0, 1]: rarity-weighted word overlap blended with rapidfuzz's token ratio and
    the cosine of static sentence vectors, plus bonuses for rare shared words and for the lead.
    Chosen on the ECB+ development half's sentence-alignment gold (README, "Diff and facts").
    """

    # A pair joins the in-order alignment at or above this score.
    match_threshold: float = 0.25
    # Between two in-order pairs, leftover sentences pair at this lower score.
    gap_threshold: float = 0.1
    # A leftover sentence next to an in-order pair pairs with the leftover next to its partner
    # at this score (a rewrite beyond word overlap still sits in the same place).
    neighbour_threshold: float = 0.04
    # An out-of-order pair counts as moved at or above this score when each is the other's best.
    move_threshold: float = 0.22
    # Two sentences merge against one when the merge scores this much above the best single...
    merge_margin: float = 0.02
    # ...or when each of the two alone scores at least this against the one (a restatement).
    merge_member: float = 0.3
    # A one-sided sentence joins the row of its neighbour (one-to-many) when it scores at least
    # `extend_single`, and `extend_share` of its own best score, against the neighbour's
    # partner, and the merged row at least `extend_merged`, at most `extend_drop` below the row
    # it grows from.
    extend_single: float = 0.05
    extend_share: float = 0.3
    extend_merged: float = 0.3
    extend_drop: float = 0.1
    # Score taken off an in-order pair per unit of distance from the diagonal (relative positions).
    position_weight: float = 0.5
    # Added per word (at most two) that each report uses in exactly one sentence, both here.
    unique_word_bonus: float = 0.1
    # "Rare in English" for that bonus: wordfreq Zipf frequency below this (landmine 2.5,
    # presence 4.7).
    rare_zipf: float = 4.0
    # Weight of rapidfuzz's token_sort_ratio against the rarity-weighted overlap (words part).
    ratio_weight: float = 0.25
    # Weight of the sentence-vector cosine against the words part; cosines below the floor
    # (unrelated sentences of one topic reach 0.2) count nothing.
    semantic_weight: float = 0.5
    semantic_floor: float = 0.1
    # Added to a pair of first sentences, fading to nothing at `lead_sentences` into either report.
    lead_bonus: float = 0.15
    lead_sentences: int = 3
    # Two reports with at most this many sentence pairs (two articles of 200 sentences; a long
    # report against a short one) are aligned with every pair scored; more, in blocks of at
    # most `block_sentences` a side along anchors (dedup.align_blocks), found among each
    # sentence's `candidates_per_sentence` best partners by stems used in at most
    # `candidate_postings` sentences of either side.
    exact_pairs: int = 40_000
    block_sentences: int = 100
    candidates_per_sentence: int = 5
    candidate_postings: int = 20


@dataclass(frozen=True, slots=True)
class FactsSettings:
    """Conflicts and omissions between two reports (read by dedup.factcheck.compare/omissions)."""

    # Two facts of one slot are about the same thing when their sentences are aligned or the
    # rare words within `context_window` words of each overlap at least this much.
    related_overlap: float = 0.35
    context_window: int = 8
    # Added to that overlap when the aligner paired the two facts' sentences, or when the two
    # sentences hold another pair of facts related at least `link_strength`.
    aligned_bonus: float = 0.25
    link_strength: float = 0.6
    # Two reports' tolls are compared when both open their reports, or when the words around
    # them overlap at least this much.
    toll_overlap: float = 0.1
    # rapidfuzz ratio at which two spellings name one person ("Gauerke", "Gaurke").
    name_similarity: float = 85.0
    # One-sided facts a report lists by default, most salient first (`--all` lists every one).
    omissions_shown: int = 8


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Signatures, LSH candidates, verification and clustering (read by the clustering stages)."""

    num_perm: int = 128
    seed: int = 1
    # Representation. Word n-gram shingles catch near-verbatim copies; content terms (words
    # rarer than `min_rarity` in wordfreq's English list, figures, names) survive rewording.
    shingle_size: int = 5
    min_rarity: float = 3.5
    number_weight: float = 3.0
    name_boost: float = 3.0
    # Corpus document frequencies, when known, sharpen rarity: weight × idf ** corpus_idf_power.
    corpus_idf_power: float = 0.5
    # MinHash/LSH candidates: over shingles for copies, over each document's `event_terms`
    # most salient content terms for independent coverage; thresholds are Jaccard targets.
    near_lsh_threshold: float = 0.5
    event_terms: int = 10
    event_lsh_threshold: float = 0.05
    # A same-event bucket larger than this (a term shared by many pages) proposes no pairs: it
    # says nothing about any two of its members, and would cost O(n²) pairs. 32 vs 64: the
    # same dev-set F1 within 0.003, 2.4× fewer raw pairs on 100k generated documents.
    max_bucket: int = 32
    # A near-duplicate (shingle) bucket larger than `max_bucket` holds a burst of copies (a
    # wire story reprinted by hundreds) or a template shared by unrelated pages, which
    # verification tells apart: each member is paired with the bucket's first member and its
    # next `bucket_sample - 1` (0: none), linear in the bucket. 2 rather than 1: a first
    # member that is no copy of the others does not leave them unpaired. No such bucket occurs
    # in ECB+, gva or 20k generated documents (exact copies are paired once, `dedup.copies`).
    bucket_sample: int = 2
    # Each document keeps its `candidates_per_document` nearest candidates (most shared band
    # keys, then closest publication dates); a pair is verified when either end keeps it.
    candidates_per_document: int = 40
    # Verification.
    near_duplicate_jaccard: float = 0.5
    same_event_score: float = 0.15
    # Publication dates more than `date_grace_days` apart damp the score by
    # 1 / (1 + date_decay · ln(1 + extra days)); both dates must be known.
    date_grace_days: int = 3
    date_decay: float = 0.3
    # Clustering: average-link over verified pairs whose scores are first damped unless the two
    # documents are among each other's `neighbours` nearest (× non_mutual_factor per side).
    neighbours: int = 10
    non_mutual_factor: float = 0.6
    cluster_threshold: float = 0.15
    # Two groups do not merge when, without the one member that links them most (a roundup
    # of several incidents), their average falls below `bridge_factor` × `cluster_threshold`
    # (`dedup.cluster`). 0.25: gva F1 −0.002, ECB+ ±0, and a roundup written from two ECB+
    # events no longer glues them; 0.5 costs ECB+ 0.007.
    bridge_factor: float = 0.25
    # Two documents that each name years (1950–2039) but no year in common.
    disjoint_years_factor: float = 0.7
    # The event's own day, from the text (`dedup.event_dates`): each document keeps its event
    # day and the first `named_days` days it names. Two event days at most `event_agree_days`
    # apart, or one of them among the days the other names (a follow-up names its
    # incident's day), agree: the score is multiplied by `event_agree_factor` and not damped
    # by publication dates. Event days more than `event_disagree_days` apart, neither named
    # by the other, multiply it by `event_disagree_factor`. A missing day is neutral.
    named_days: int = 4
    # Full names of people (`dedup.full_names`) are content terms of base weight
    # `full_name_weight`. One held by at most `rare_name_df` documents of the corpus (all of
    # them, without corpus statistics) is rare: two documents that share one get
    # `name_bonus` added to their score, and each document's first `name_keys` full names are
    # LSH keys (candidates).
    full_name_weight: float = 5.0
    rare_name_df: int = 16
    name_bonus: float = 0.1
    name_keys: int = 4
    event_agree_days: int = 1
    event_agree_factor: float = 1.5
    event_disagree_days: int = 2
    event_disagree_factor: float = 0.7


@dataclass(frozen=True, slots=True)
class ReadSettings:
    """Limits and decoding when reading input (read by dedup.read, dedup.walk, dedup.decode).

    The limits keep a hostile or broken input from taking minutes or gigabytes: anything past
    one is skipped with a warning naming it (refused under --strict). They never change what an
    ordinary article gives, so the index does not record them.
    """

    # A .txt/.md/.html file, a jsonl line or a csv row larger than this is not an article: the
    # longest of gva's 2,982 dev texts is 100 KB (crawled pages), ECB+'s 9 KB. Facts take
    # ~5 s a MB of text, so 4 MiB keeps one document to ~20 s in the slowest command.
    max_document_bytes: int = 4 << 20
    # A line of article text longer than this (characters) is a dump, not prose: the longest
    # line in gva's dev texts has 8,971 characters.
    max_line_chars: int = 200_000
    # JSON nesting deeper than this in a jsonl line is refused (an article record is 1-3 deep;
    # the standard parser would recurse once per level).
    max_json_depth: int = 64
    # Undecodable bytes are replaced and the file kept as UTF-8 while they are at most this
    # share of its non-ASCII characters (a stray byte in a UTF-8 file); past it, UTF-8 "clearly
    # fails" and the encoding is detected (a latin-1 or cp1252 file, where every non-ASCII
    # byte is invalid UTF-8).
    max_bad_utf8_share: float = 0.2


@dataclass(frozen=True, slots=True)
class Settings:
    """All settings; the defaults are the measured choices documented in the README."""

    align: AlignSettings = field(default_factory=AlignSettings)
    match: MatchSettings = field(default_factory=MatchSettings)
    read: ReadSettings = field(default_factory=ReadSettings)
    facts: FactsSettings = field(default_factory=FactsSettings)

    def as_meta(self) -> dict[str, str]:
        """Flat `section.name -> value` pairs, sorted, for the index's meta table."""
        flat: dict[str, str] = {}
        for section, values in asdict(self).items():
            for name, value in values.items():
                flat[f"{section}.{name}"] = repr(value)
        return dict(sorted(flat.items()))


DEFAULT_SETTINGS = Settings()
