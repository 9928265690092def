"""`dedup diff`: two reports side by side and where they disagree; or many pairs in one run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from dedup.cli.documents import by_id, by_reference, load, read_pairs
from dedup.cli.exits import exit_codes, warn_skipped
from dedup.cli.options import (
    ConfigOpt,
    InputFormatOpt,
    NearDuplicateOpt,
    OutOpt,
    SameEventOpt,
    StrictOpt,
    format_option,
)
from dedup.cli.output import console_on, report_file, write_lines
from dedup.cli.tuning import tuned
from dedup.errors import InputError, UsageError

if TYPE_CHECKING:
    from dedup.article import Article
    from dedup.diff import DiffReport
    from dedup.settings import Settings


class DiffFormat(StrEnum):
    """The formats `dedup diff` prints (jsonl: one report per line, as each is done)."""

    TERMINAL = "terminal"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    HTML = "html"


DocumentsArg = Annotated[
    list[str],
    typer.Argument(
        help="LEFT RIGHT: two files of one document each (- is standard input), or FILE#ID "
        "to pick one by id; with "
        "--ids or --pairs, the files and folders (CORPUS...) that hold the documents.",
        show_default=False,
        metavar="DOCUMENTS...",
    ),
]
IdsOpt = Annotated[
    tuple[str, str] | None,
    typer.Option("--ids", help="Diff the documents with these two ids in CORPUS.", metavar="A B"),
]


def pairs_of(
    documents: list[str], ids: tuple[str, str] | None, *, strict: bool, input_format: str
) -> tuple[list[Article], list[tuple[str, str]]]:
    """The articles and the id pairs a diff or explain command line asks for."""
    if ids is None:
        if len(documents) != 2:
            raise UsageError("give LEFT and RIGHT, or CORPUS... with --ids A B or --pairs FILE")
        left, right = (
            by_reference(reference, strict=strict, input_format=input_format)
            for reference in documents
        )
        return [left, right], [(left.id, right.id)]
    corpus = load([Path(d) for d in documents], strict=strict, input_format=input_format)
    where = " ".join(documents)
    return [by_id(corpus, doc_id, where=where) for doc_id in ids], [ids]


def diff_command(
    documents: DocumentsArg,
    ids: IdsOpt = None,
    pairs_file: Annotated[
        Path | None,
        typer.Option(
            "--pairs",
            help="A CSV of id pairs (a header, then two ids a row) to diff in CORPUS, one "
            "report each.",
        ),
    ] = None,
    output_format: Annotated[DiffFormat, format_option(DiffFormat)] = DiffFormat.TERMINAL,
    out: OutOpt = None,
    strict: StrictOpt = False,
    input_format: InputFormatOpt = "txt",
    config: ConfigOpt = None,
    near_duplicate: NearDuplicateOpt = None,
    same_event: SameEventOpt = None,
    every_omission: Annotated[
        bool,
        typer.Option(
            "--all", help="List every one-sided fact, not only the most salient (8 by default)."
        ),
    ] = False,
) -> None:
    """Show two reports side by side, sentence against sentence, and where they disagree.

    A header with both documents' metadata and their relation (duplicate, near-duplicate,
    same-event, unrelated) with its scores; aligned sentences (= same, ~ changed, ↕ moved,
    < left only, > right only) with changed words and conflicting facts highlighted; then the
    discrepancies: conflicts (the same slot, such as a casualty count, a person's age or an
    amount, stated with incompatible values; "evolving" when the reports are of different
    days), then the salient facts only one report states (casualties, when and where, who,
    key figures), most salient first, then differing metadata. `dedup explain` says why the
    two are (not) put together. html: one self-contained page (findings linked to their rows,
    both reports side by side), to open or share.
    """
    with exit_codes(), report_file(out) as sink:
        from dedup.api import diff

        settings = tuned(config, near_duplicate=near_duplicate, same_event=same_event).settings
        if pairs_file is not None:
            if ids is not None:
                raise UsageError("give --ids or --pairs, not both")
            if output_format is DiffFormat.JSON:
                raise UsageError("--pairs prints one report per pair: use --format jsonl")
            paths = [Path(d) for d in documents]
            corpus = {a.id: a for a in load(paths, strict=strict, input_format=input_format)}
            reports = _diff_pairs(
                pairs_file, corpus, strict=strict, settings=settings, every_omission=every_omission
            )
            if output_format is DiffFormat.JSONL:
                write_lines((_render(report, output_format) for report in reports), sink)
            else:
                for report in reports:  # one report after the other
                    _write(report, output_format, sink)
            return
        articles, _ = pairs_of(documents, ids, strict=strict, input_format=input_format)
        report = diff(articles[0], articles[1], settings=settings, every_omission=every_omission)
        _write(report, output_format, sink)


def _diff_pairs(
    pairs_file: Path,
    corpus: dict[str, Article],
    *,
    strict: bool,
    settings: Settings,
    every_omission: bool,
) -> Iterator[DiffReport]:
    """Each pair's report, as it is done; a pair naming an unknown id is warned about."""
    from dedup.api import diff

    for line, left, right in read_pairs(pairs_file):
        missing = [doc_id for doc_id in (left, right) if doc_id not in corpus]
        if missing:
            problem = InputError(f"{pairs_file} line {line}", f"no document with id {missing[0]!r}")
            if strict:
                raise problem
            warn_skipped(problem)
            continue
        yield diff(corpus[left], corpus[right], settings=settings, every_omission=every_omission)


def _write(report: DiffReport, output_format: DiffFormat, sink: TextIO) -> None:
    if output_format is DiffFormat.TERMINAL:
        from dedup.render.terminal import print_diff

        print_diff(report, console_on(sink))
    else:
        sink.write(_render(report, output_format))


def _render(report: DiffReport, output_format: DiffFormat) -> str:
    """The report as text in `output_format` (not terminal, which is drawn on a console)."""
    if output_format is DiffFormat.JSONL:
        from dedup.render.json import diff_as_dict

        return json.dumps(diff_as_dict(report), ensure_ascii=False, sort_keys=True) + "\n"
    if output_format is DiffFormat.JSON:
        from dedup.render.json import render_diff_json

        return render_diff_json(report)
    if output_format is DiffFormat.MARKDOWN:
        from dedup.render.markdown import render_diff_markdown

        return render_diff_markdown(report)
    from dedup.render.html_diff import render_diff_html

    return render_diff_html(report)
