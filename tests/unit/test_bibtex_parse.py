"""parse_bib_text: what it keeps, and where every problem it reports is (line and column)."""

from __future__ import annotations

from paperguide.core.base.diagnostics import Severity
from paperguide.core.bib.bibtex import parse_bib_text
from paperguide.core.bib.macros import assemble

REPEATED = (
    "@article{knuth84,\n"  # 1
    "  author = {Knuth, Donald},\n"  # 2
    "  title  = {Literate Programming},\n"  # 3
    "  year   = 1984,\n"  # 4
    "    title = {Something Else},\n"  # 5
    "}\n"
)


def test_repeated_field_keeps_the_entry_and_its_first_value():
    parsed = parse_bib_text(REPEATED, "refs.bib")
    [entry] = parsed.entries
    assert entry.key == "knuth84"
    assert [(name, raw) for name, raw, _ in entry.fields] == [
        ("author", "{Knuth, Donald}"),
        ("title", "{Literate Programming}"),
        ("year", "1984"),
    ]
    library, _ = assemble([parsed])
    assert library.get("knuth84").title == "Literate Programming"


def test_repeated_field_is_one_warning_at_the_repeat():
    [problem] = parse_bib_text(REPEATED, "refs.bib").diagnostics
    assert (problem.path, problem.line, problem.column) == ("refs.bib", 5, 5)
    assert problem.message == "field 'title' is repeated; the first value is kept"
    assert problem.field == "title"
    assert problem.severity == Severity.WARNING
    assert "delete one of the two 'title' fields" in (problem.hint or "")
    assert "line 3" in (problem.hint or "")
    text = problem.format()
    assert "failed_block" not in text and "ignore_error_block" not in text
    assert "missing '}'" not in text


def test_repeated_field_differing_only_in_case_is_a_repeat_too():
    # BibTeX field names ignore case: `Title` repeats `title`, and the first one counts.
    parsed = parse_bib_text("@misc{a,\n  title = {One},\n  Title = {Two}\n}\n", "refs.bib")
    [entry] = parsed.entries
    assert entry.fields == (("title", "{One}", 2),)
    [problem] = parsed.diagnostics
    assert (problem.line, problem.column, problem.field) == (3, 3, "title")


def test_three_copies_are_two_warnings_and_the_entry_still_counts_for_duplicates():
    parsed = parse_bib_text(
        "@misc{a, note={1}, note={2},\n note={3}}\n@misc{a, title={again}}\n", "refs.bib"
    )
    [entry] = parsed.entries
    assert entry.fields == (("note", "{1}", 1),)
    repeats = [(p.line, p.column) for p in parsed.diagnostics if "repeated" in p.message]
    assert repeats == [(1, 20), (2, 2)]
    [duplicate] = [p for p in parsed.diagnostics if "duplicate key" in p.message]
    assert (duplicate.line, duplicate.column) == (3, 1)
    assert "first defined on line 1" in duplicate.message


# A field value with a line ending in a backslash (a LaTeX line break `\\`, common in
# `tableofcontents`), then more entries: every later line must still be exact.
DRIFT = (
    "@book{toc,\n"  # 1
    "  title = {Contents},\n"  # 2
    "  tableofcontents = {1. Intro \\\\\n"  # 3
    "                     2. Body \\\\\n"  # 4
    "                     3. End \\\n"  # 5
    "                     },\n"  # 6
    "  year = 2001\n"  # 7
    "}\n"  # 8
    "\n"  # 9
    '@string{pub = "Addison"}\n'  # 10
    "\n"  # 11
    "@misc{later,\n"  # 12
    "  note  = {x},\n"  # 13
    "    year = 2002,\n"  # 14
    "  note = {y}\n"  # 15
    "}\n"  # 16
    "   @misc{toc, title={dup}}\n"  # 17
    "@misc{broken, title={unclosed\n"  # 18
    "@misc{last, title={fine}}\n"  # 19
)


def test_lines_after_a_backslash_at_line_end_do_not_drift():
    parsed = parse_bib_text(DRIFT, "refs.bib")
    toc, later, last = parsed.entries
    assert [(name, line) for name, _, line in toc.fields] == [
        ("title", 2),
        ("tableofcontents", 3),
        ("year", 7),
    ]
    assert parsed.strings == (("pub", '"Addison"', 10),)
    assert (later.line, later.column) == (12, 1)
    assert later.field_columns == (3, 5)
    assert [(name, line) for name, _, line in later.fields] == [("note", 13), ("year", 14)]
    assert last.line == 19


def test_every_diagnostic_after_the_backslash_has_its_line_and_column():
    problems = parse_bib_text(DRIFT, "refs.bib").diagnostics
    located = {(p.message.split(":")[0].split(";")[0], p.line, p.column) for p in problems}
    assert located == {
        ("field 'note' is repeated", 15, 3),
        ("duplicate key 'toc' (first defined on line 1)", 17, 4),
        ("cannot parse this entry", 18, 1),
    }


def test_duplicate_key_is_located_at_its_at_sign():
    text = "@misc{a, title={one}}\n\n  @misc{a, title={two}}\n"
    [problem] = parse_bib_text(text, "refs.bib").diagnostics
    assert (problem.line, problem.column) == (3, 3)
    assert problem.message == "duplicate key 'a' (first defined on line 1)"


def test_unparseable_entry_is_located_at_its_at_sign_and_names_where_it_stopped():
    text = "@misc{ok, title={x}}\n\t@misc{bad,\n  year = 2020,\n  title {x}\n}\n"
    parsed = parse_bib_text(text, "refs.bib")
    [problem] = parsed.diagnostics
    assert (problem.line, problem.column) == (2, 2)
    assert problem.message.startswith("cannot parse this entry")
    assert "line 4" in problem.message  # the `title` without its `=`
    assert [e.key for e in parsed.entries] == ["ok"]


def test_duplicate_string_is_located():
    text = '@string{a = "x"}\n @string{a = "y"}\n'
    parsed = parse_bib_text(text, "refs.bib")
    [problem] = parsed.diagnostics
    assert (problem.line, problem.column) == (2, 2)
    assert parsed.strings == (("a", '"x"', 1),)


def test_parenthesised_entries_and_crlf_lines_are_located():
    text = "@misc(a,\r\n  title = {A \\\\\r\n B},\r\n  title = {C}\r\n)\r\n@misc{a, note={n}}\r\n"
    parsed = parse_bib_text(text, "refs.bib")
    [entry] = parsed.entries
    assert entry.fields == (("title", "{A \\\\\r\n B}", 2),)
    located = [(p.line, p.column, p.message.split(" (")[0]) for p in parsed.diagnostics]
    assert located == [
        (4, 3, "field 'title' is repeated; the first value is kept"),
        (6, 1, "duplicate key 'a'"),
    ]


def test_empty_fields_are_kept_empty_and_reported_by_nobody_here():
    text = '@misc{a,\n  url = {},\n  doi = "",\n  note = {},\n  title = {T}\n}\n'
    parsed = parse_bib_text(text, "refs.bib")
    assert parsed.diagnostics == ()
    [entry] = parsed.entries
    assert entry.fields == (
        ("url", "{}", 2),
        ("doi", '""', 3),
        ("note", "{}", 4),
        ("title", "{T}", 5),
    )
    library, problems = assemble([parsed])
    fields = library.get("a").fields
    assert (fields["doi"], fields["note"], fields["url"]) == ("", "", "")
    # The URL check belongs to macros.py; nothing else may complain about empty values.
    assert [p for p in problems if p.field != "url"] == []
