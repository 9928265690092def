"""Text and JSON for `dedup eval`: the scores of a clustering against gold labels."""

from __future__ import annotations

import json
from dataclasses import asdict

from dedup.evaluate import Evaluation
from dedup.render.escape import json_text

EVAL_SCHEMA_VERSION = 1


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else "0/0"


def render_eval_text(result: Evaluation) -> str:
    """A plain, fixed-layout text report (no colour, so it can be diffed and pasted)."""
    s, labels = result.scores, result.labels
    lines = [
        f"documents           {result.documents} ({result.excluded} excluded from scoring)",
        f"clusters            {result.predicted_clusters} predicted, "
        f"{result.gold_clusters} gold (scored documents)",
        f"pairwise precision  {s.precision:.3f}",
        f"pairwise recall     {s.recall:.3f}",
        f"pairwise F1         {s.f1:.3f}",
        f"ARI                 {s.ari:.3f}",
        f"pairs               {s.true_pairs} correct of {s.predicted_pairs} predicted, "
        f"{s.gold_pairs} gold",
        f"candidate recall    {_share(labels.proposed, labels.gold_pairs)} gold pairs proposed "
        "by LSH",
        f"gold copies         {_share(labels.copies_labelled, labels.copies)} labelled "
        "duplicate/near-duplicate (word n-gram Jaccard at or above the threshold)",
        f"gold rewrites       {_share(labels.rewrites_same_event, labels.rewrites)} verified "
        f"same-event, {labels.rewrites_as_copies} labelled as copies",
        "pair relations      "
        + ", ".join(f"{name} {count}" for name, count in result.pair_relations.items()),
        "member relations    "
        + ", ".join(f"{name} {count}" for name, count in result.member_relations.items()),
    ]
    return "\n".join(lines) + "\n"


def eval_as_dict(result: Evaluation) -> dict[str, object]:
    """The evaluation as JSON-ready data (the `--format json` document)."""
    return {"schema_version": EVAL_SCHEMA_VERSION, **asdict(result)}


def render_eval_json(result: Evaluation) -> str:
    """The evaluation as one indented JSON document, keys sorted."""
    data = eval_as_dict(result)
    return json_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)) + "\n"
