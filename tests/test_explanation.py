"""Explanations of a pair: the reasons follow the verdict and the thresholds."""

from __future__ import annotations

from dedup.article import Article
from dedup.explanation import explain_pair

STORY = (
    "Six people were killed when a landmine exploded near Khojavand on Tuesday, officials said. "
    "The blast hit a truck carrying police officers to the front line."
)


def test_a_copy_is_explained_by_its_jaccard() -> None:
    """A near-verbatim copy: near-duplicate because the Jaccard reaches the threshold."""
    why = explain_pair(Article(id="a", text=STORY), Article(id="b", text=STORY + " More soon."))
    assert why.relation == "near-duplicate"
    assert why.reasons[0].startswith("near-duplicate: word 5-gram Jaccard 0.")
    assert why.reasons[0].endswith("≥ threshold 0.5") and why.shared_bands["near"] > 0


def test_unrelated_pair_says_lsh_never_compares_it() -> None:
    """Two stories sharing nothing: unrelated, and no band key shared."""
    other = Article(id="c", text="The central bank raised its interest rate to 4.5% in March.")
    why = explain_pair(Article(id="a", text=STORY), other)
    assert why.relation == "unrelated" and not why.proposed
    assert why.reasons[-1].startswith("LSH does not propose the pair")
    assert why.to_dict()["schema_version"] == 1
