"""The conformance harness itself: reading biber's XML, the comparison form, counting differences.

These run without biber, so that the harness is known to see a difference when there is one.
"""

from __future__ import annotations

from types import MappingProxyType

import pytest

from paperguide.core.bib.entries import BibEntry

from .biber import RefEntry, RefPerson, read_biblatexml
from .compare import compare_file, load_allowed, overall
from .normalise import reference, reference_year

XML = """<?xml version="1.0" encoding="UTF-8"?>
<bltx:entries xmlns:bltx="http://biblatex-biber.sourceforge.net/biblatexml">
  <bltx:entry id="k1" entrytype="book">
    <bltx:names type="author" morenames="1">
      <bltx:name>
        <bltx:namepart type="family" initial="K">Knuth</bltx:namepart>
        <bltx:namepart type="given">
          <bltx:namepart initial="D">Donald</bltx:namepart>
          <bltx:namepart initial="E">E.</bltx:namepart>
        </bltx:namepart>
      </bltx:name>
      <bltx:name>
        <bltx:namepart type="family"><bltx:namepart>Project</bltx:namepart>
          <bltx:namepart>Team</bltx:namepart></bltx:namepart>
        <bltx:namepart>\\LaTeX</bltx:namepart>
      </bltx:name>
    </bltx:names>
    <bltx:names type="translator"><bltx:name>
      <bltx:namepart type="family">Nobody</bltx:namepart></bltx:name></bltx:names>
    <bltx:title>The {\\TeX}book</bltx:title>
    <bltx:date type="orig">1900</bltx:date>
    <bltx:date><bltx:start>1984</bltx:start><bltx:end>1986</bltx:end></bltx:date>
  </bltx:entry>
</bltx:entries>
"""


def test_reads_name_parts_untyped_parts_others_and_dates():
    entry = read_biblatexml(XML)["k1"]
    assert entry.people == {
        "author": (
            RefPerson("Knuth", "Donald E.", "", ""),
            RefPerson("Project Team", "\\LaTeX", "", ""),  # biber 2.18 drops type="given"
        )
    }
    assert entry.more == {"author": True}
    assert entry.date == "1984"
    assert entry.title == "The {\\TeX}book"


@pytest.mark.parametrize(
    ("biber", "text"),
    [
        ("The {\\TeX}book", "The TeXbook"),
        ("Vo{ß}~and Ko{\\-}{ł}o", "Voß and Koło"),
        ("Bela\u0131\u0308d", "Belaïd"),
        ("a\\Dash b--c ``q''", "a — b–c “q”"),
        ("$\\ell_1$ \\mkbibquote{x}\\slash y", "$\\ell_1$ x/y"),
    ],
)
def test_reference_text_is_what_tex_prints(biber, text):
    assert reference(biber) == text


@pytest.mark.parametrize(
    ("date", "year"),
    [
        ("1986-07", "1986"),
        ("{\\noopsort{1973b}}1973-10", "1973"),
        ("{\\noopsort{1973a}}{\\switchargs{--90}{1968}}", "1968–90"),
        ("1981--1982-00", "1981–1982"),
        ("2005-2016", "2005-2016"),
        ("1987\\unskip--", "1987–"),
        (None, ""),
    ],
)
def test_reference_year(date, year):
    assert reference_year(date) == year


def _ours(key: str, **fields: str) -> BibEntry:
    return BibEntry(key, "book", MappingProxyType(fields), "t.bib", 1)


def test_counts_a_wrong_name_a_wrong_year_and_a_missing_entry():
    ref = {
        "a": RefEntry("a", {"author": (RefPerson("Knuth", "Donald E."),)}, {}, "1984", "T"),
        "b": RefEntry("b", {"editor": (RefPerson("Lamport", "Leslie"),)}, {}, "1994", "U"),
    }
    ours = {"a": _ours("a", author="Knuth, Donald", year="1985", title="{T}")}
    result = compare_file("t.bib", 10, ref, ours)
    assert (result.biber_entries, result.paperguide_entries, result.shared) == (2, 1, 1)
    assert result.totals == {"people": 2, "years": 2, "titles": 2}
    fields = sorted((d.key, d.field) for d in result.differences)
    assert fields == [
        ("a", "author[0]"),
        ("a", "year"),
        ("b", "editor[0]"),
        ("b", "entry"),
        ("b", "title"),
        ("b", "year"),
    ]
    assert overall([result], set()) == {"people": 0.0, "years": 0.0, "titles": 50.0}
    allowed = {d.ident() for d in result.differences if d.key == "a"}
    assert overall([result], allowed)["people"] == 50.0


def test_allow_list_items_need_a_reason(tmp_path):
    path = tmp_path / "allowed.yml"
    path.write_text(
        "- {file: a.bib, key: k, field: year, biber: '1', paperguide: '2', reason: ' '}\n"
    )
    with pytest.raises(ValueError, match="no reason"):
        load_allowed(path)
