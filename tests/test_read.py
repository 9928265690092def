"""Reading articles from txt, md, html, jsonl and csv files and directories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedup.errors import InputError
from dedup.read import DEFAULT_FIELDS, FieldNames, jsonl_articles, normalise_date, read_paths
from tests.conftest import CORPUS, SEED_LEFT, SEED_RIGHT


def _read(*paths: Path, fields: FieldNames = DEFAULT_FIELDS) -> list:  # type: ignore[type-arg]
    return list(read_paths(paths, fields=fields))


def _collect(*paths: Path) -> tuple[list, list[str]]:  # type: ignore[type-arg]
    problems: list[str] = []
    articles = list(read_paths(paths, on_problem=lambda p: problems.append(str(p))))
    return articles, problems


def test_seed_dateline_becomes_published_metadata() -> None:
    """The leading `date 2023-11-13` of seed 003 is metadata, not text."""
    (article,) = _read(SEED_RIGHT)
    assert article.published == "2023-11-13"
    assert "date 2023-11-13" not in article.text
    assert article.text.startswith("In a recent move")


def test_txt_headline_becomes_title() -> None:
    """A first line with no sentence end, then a blank line, is the headline."""
    (article,) = _read(SEED_LEFT)
    assert article.title == (
        "In order to drive Armenian forces out of Karabakh, Azerbaijan conducts military operations"
    )
    assert article.text.lstrip().startswith("Azerbaijan has initiated")


def test_directory_walk_is_sorted_relative_and_skips_docs() -> None:
    """A directory is walked recursively in sorted order; ids are paths relative to it."""
    articles = _read(CORPUS)
    ids = [a.id for a in articles]
    assert ids[-2:] == ["000_fcc5a75e636137bc.txt", "003_74b6125a896b40ce.txt"] or (
        "seeds/000_fcc5a75e636137bc.txt" in ids
    )
    assert len(articles) == 498
    assert not any("README" in a.id or "LICENSE" in a.id for a in articles)
    assert [a.id for a in _read(CORPUS)] == ids


def test_jsonl_keeps_unknown_fields_as_extra(tmp_path: Path) -> None:
    """Unknown jsonl fields are kept as metadata; known ones fill the article."""
    path = tmp_path / "a.jsonl"
    rows = [
        {"id": "x1", "text": "Two killed.", "published": "2014-01-31T10:00:00", "cluster": "c"},
        {"text": "No id here."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    first, second = _read(path)
    assert (first.id, first.published, first.extra) == ("x1", "2014-01-31", {"cluster": "c"})
    assert second.id == "a.jsonl:2"


def test_jsonl_field_names_are_options(tmp_path: Path) -> None:
    """Other field names can be given for id and text."""
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"key": "k", "body": "Some article text."}) + "\n")
    (article,) = _read(path, fields=FieldNames(id="key", text="body"))
    assert (article.id, article.text) == ("k", "Some article text.")


def test_csv_rows(tmp_path: Path) -> None:
    """CSV columns carry the same fields as jsonl."""
    path = tmp_path / "c.csv"
    path.write_text('id,text,title\n1,"First, with a comma.",T1\n2,Second.,\n')
    first, second = _read(path)
    assert (first.id, first.text, first.title) == ("1", "First, with a comma.", "T1")
    assert (second.id, second.title) == ("2", None)


def test_html_uses_trafilatura_for_text_and_metadata(tmp_path: Path) -> None:
    """Main text, title, date and url come from the page, not its navigation or footer."""
    body = "Azerbaijan launched a military operation in Nagorno-Karabakh on Tuesday. " * 4
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Offensive begins</title>"
        '<meta property="article:published_time" content="2023-09-19">'
        '<link rel="canonical" href="https://example.org/a"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Offensive begins</h1>"
        f"<p>{body}</p><p>Six people were killed by landmines, officials said.</p></article>"
        "<footer>Contact us</footer></body></html>"
    )
    (article,) = _read(path)
    assert article.title == "Offensive begins"
    assert article.published == "2023-09-19"
    assert article.url == "https://example.org/a"
    assert "Six people were killed" in article.text
    assert "Home | World" not in article.text


def test_unknown_encoding_is_detected(tmp_path: Path) -> None:
    """A Latin-1 file is decoded by charset detection, not rejected."""
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Le ministre a déclaré que la réunion était très importante. ".encode("cp1252") * 5
    )
    (article,) = _read(path)
    assert "déclaré" in article.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bin.txt", b"\x00\x01\x02binary", "bin.txt: binary file, not text"),
        ("empty.txt", b"  \n\n", "empty.txt: empty document"),
        ("x.pdf", b"%PDF-1.4", "x.pdf: unsupported file type '.pdf'"),
        ("bad.jsonl", b'{"text": "ok"}\n{"text": \n', "bad.jsonl line 2: not valid JSON"),
        (
            "list.jsonl",
            b"[1, 2]\n",
            'list.jsonl line 1: expected a JSON object with a "text" field, got a list',
        ),
        ("notext.jsonl", b'{"body": "x"}\n', 'notext.jsonl line 1: no "text" field'),
        ("nocol.csv", b"id,body\n1,x\n", 'nocol.csv: no "text" column in the header'),
        ("wide.csv", b"id,text\n1,a,b\n", "wide.csv line 2: more fields than the header has"),
    ],
)
def test_bad_input_names_file_and_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    """Each kind of bad input is one problem that names the file (and line)."""
    path = tmp_path / name
    path.write_bytes(content)
    _, problems = _collect(path)
    assert len(problems) == 1
    assert problems[0].startswith(str(tmp_path / message.split(":")[0]))
    assert message.split(": ", 1)[1] in problems[0]


def test_missing_path_always_raises(tmp_path: Path) -> None:
    """A path that does not exist is a mistake in the command: it raises."""
    with pytest.raises(InputError, match="no such file or directory"):
        _read(tmp_path / "nope")


def test_batch_skips_bad_items_and_keeps_the_rest(tmp_path: Path) -> None:
    """A bad line is reported and skipped; the good lines around it are read."""
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "a", "text": "One."}\nnot json\n{"id": "b", "text": "Two."}\n')
    articles, problems = _collect(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert len(problems) == 1


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    """Two documents with one id: the second is reported and skipped."""
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n')
    articles, problems = _collect(path)
    assert [a.text for a in articles] == ["One."]
    assert "duplicate id 'a'" in problems[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-11-13", "2023-11-13"),
        ("2014-01-31T10:21:00Z", "2014-01-31"),
        ("January 31, 2014", "2014-01-31"),
        ("sometime", "sometime"),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    """Dates and timestamps become ISO dates; unparseable strings are kept."""
    assert normalise_date(value) == expected


def test_jsonl_is_read_line_by_line_with_whole_file_line_numbers(tmp_path: Path) -> None:
    """A BOM, CR line ends and a raw U+2028 inside a line number lines as the whole file does."""
    path = tmp_path / "lines.jsonl"
    lines = [json.dumps({"text": "first"}), '{"text": "a\u2028b"}', "", json.dumps({"x": 1})]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\n")
    articles, problems = _collect(path)
    # splitlines() cuts the U+2028 line in two (lines 2 and 3), so the last record is line 5.
    assert [a.id for a in articles] == ["lines.jsonl:1"]
    assert [p.split(":")[0].rsplit(" ", 1)[-1] for p in problems] == ["2", "3", "5"]
    whole: list[str] = []
    text = path.read_bytes().decode("utf-8-sig")
    expected = jsonl_articles(
        text,
        rel="lines.jsonl",
        source=str(path),
        fields=DEFAULT_FIELDS,
        on_problem=lambda p: whole.append(str(p)),
    )
    assert list(expected) == articles and whole == problems


def test_jsonl_not_in_utf8_falls_back_to_whole_file_decoding(tmp_path: Path) -> None:
    """A cp1252 line after UTF-8 ones is decoded by charset detection, numbering kept."""
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "plain ascii story about a council meeting"}) + "\n"
    latin = '{"text": "Le ministre a déclaré que la réunion était très importante."}\n'
    path.write_bytes(good.encode("utf-8") * 3 + latin.encode("cp1252") * 20)
    articles = _read(path)
    assert len(articles) == 23 and articles[3].id == "mixed.jsonl:4"
    assert "déclaré" in articles[3].text and articles[22].id == "mixed.jsonl:23"


def test_csv_field_keeps_its_newlines_and_names_its_first_line(tmp_path: Path) -> None:
    """A quoted CSV field spanning lines keeps its line breaks; problems name the row's first line."""
    path = tmp_path / "multi.csv"
    path.write_text(
        'id,text\n1,"First para.\n\nSecond para."\n2,"One\nline too many",x\n3,Third.\n',
        encoding="utf-8",
    )
    articles, problems = _collect(path)
    assert [a.text for a in articles] == ["First para.\n\nSecond para.", "Third."]
    assert problems == [
        f"{path} line 5: more fields than the header has (quote fields that contain commas)"
    ]


def test_csv_record_without_id_is_named_by_its_first_line(tmp_path: Path) -> None:
    """A CSV row without an id gets `file.csv:LINE` with the line the row starts on."""
    path = tmp_path / "noid.csv"
    path.write_text('text\n"A\nB."\nC.\n', encoding="utf-8")
    assert [a.id for a in _read(path)] == ["noid.csv:2", "noid.csv:4"]


def test_crlf_text_file_keeps_its_headline_and_dateline(tmp_path: Path) -> None:
    """Windows line endings do not stop dateline and headline detection."""
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"date 2023-11-13\r\nTroops advance\r\n\r\nThe army moved in.\r\nMore.\r\n")
    (article,) = _read(path)
    assert (article.title, article.published) == ("Troops advance", "2023-11-13")
    assert article.text == "The army moved in.\nMore.\n"


def test_same_names_under_two_arguments_get_their_argument_as_prefix(tmp_path: Path) -> None:
    """`dirA dirB` with `a.txt` in each reads both, as `dirA/a.txt` and `dirB/a.txt`; names
    that only one argument has keep their relative id."""
    for folder, text in (("dirA", "One report."), ("dirB", "Another report.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "dirB" / "b.txt").write_text("Only here.", encoding="utf-8")
    articles, problems = _collect(tmp_path / "dirA", tmp_path / "dirB")
    assert problems == []
    assert [a.id for a in articles] == [f"{tmp_path}/dirA/a.txt", f"{tmp_path}/dirB/a.txt", "b.txt"]
