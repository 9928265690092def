"""JSON for `dedup facts`: one document of all articles, or one line per article.

Apart from `dedup.render.json` (which renders diffs and loads the aligner), so that the facts
command and its worker processes load nothing they do not use.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from dedup.factcheck import ArticleFacts
from dedup.render.escape import json_text

# 2: facts carry their slot, unit, qualifier, interval, anchor and how the article states them.
FACTS_SCHEMA_VERSION = 2


def facts_as_dict(facts: ArticleFacts) -> dict[str, object]:
    """One document's facts and summary, JSON-ready."""
    return {
        "id": facts.id,
        "facts": [fact.as_dict() for fact in facts.facts],
        "summary": facts.summary.as_dict(),
    }


def render_facts_json(documents: Sequence[ArticleFacts]) -> str:
    """All documents' facts as one JSON document."""
    payload = {
        "schema_version": FACTS_SCHEMA_VERSION,
        "documents": [facts_as_dict(facts) for facts in documents],
    }
    return json_text(json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2)) + "\n"


def render_facts_jsonl(documents: Sequence[ArticleFacts]) -> str:
    """One JSON line per document: {"id", "facts", "summary"}."""
    return "".join(facts_line(facts) for facts in documents)


def facts_line(facts: ArticleFacts) -> str:
    """One document's JSON line, with its line end."""
    return json_text(json.dumps(facts_as_dict(facts), ensure_ascii=False, sort_keys=True)) + "\n"
