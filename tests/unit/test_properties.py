"""Property-based tests: loaders and text helpers never raise on arbitrary input.

Whatever an author (or an attacker) puts in a note or a .bib file, the result is data plus
diagnostics — never a traceback.
"""

from __future__ import annotations

import html

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperguide.core.base.diagnostics import Diagnostic
from paperguide.core.base.markdown_text import escape_text
from paperguide.core.base.yamlsource import load_yaml
from paperguide.core.bib.bibtex import parse_bib_text
from paperguide.core.bib.macros import assemble
from paperguide.core.notes.loading import parse_note
from paperguide.core.notes.rules import check_note
from paperguide.core.texmath.reader import TexSyntaxError, find_occurrences, parse

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_ish = st.text(
    alphabet=st.sampled_from(list("key: -[]{}&*!|>'\"#@%`\n\t abc012.,?")), max_size=200
)

scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
)
note_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "category",
                    "question",
                    "status",
                    "answer",
                    "tex",
                    "symbols",
                    "meaning",
                    "title",
                    "url",
                    "evidence",
                    "key",
                ]
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=20,
)
note_documents = st.fixed_dictionaries(
    {"key": st.one_of(st.just("ma2019qhadam"), st.text(max_size=10))},
    optional={
        name: note_values
        for name in (
            "summary",
            "status",
            "goal",
            "context",
            "unknowns",
            "figures",
            "code",
            "method",
            "results",
            "formulas",
            "related",
            "prerequisites",
            "anchors",
        )
    },
)


def _well_formed(diagnostics) -> None:
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert d.line is None or d.line >= 1
        assert d.column is None or d.column >= 1
        assert "\n" not in d.format()


@FAST
@given(st.text(max_size=300))
def test_yaml_loader_never_raises_on_any_text(text):
    _well_formed(load_yaml(text, "f.yml").diagnostics)


@FAST
@given(yaml_ish)
def test_yaml_loader_never_raises_on_yaml_like_text(text):
    _well_formed(load_yaml(text, "f.yml").diagnostics)


@FAST
@given(note_documents)
def test_note_parser_and_rules_never_raise_on_any_structure(document):
    import yaml

    text = yaml.safe_dump(document, allow_unicode=True)
    loaded = parse_note(text, "content/papers/x.yml", "papers/x.yml")
    _well_formed(loaded.diagnostics)
    if loaded.note is not None:
        _well_formed(check_note(loaded.note))


@FAST
@given(st.text(max_size=300))
def test_markdown_note_parser_never_raises(text):
    _well_formed(parse_note("---\n" + text, "n.md", "papers/n.md").diagnostics)


bib_ish = st.text(
    alphabet=st.sampled_from(list('@article{}=,"#\\ \nkeytitlauhorjan0123%')), max_size=300
)


@FAST
@given(st.one_of(st.text(max_size=300), bib_ish))
def test_bibtex_never_raises(text):
    bibliography, diagnostics = assemble([parse_bib_text(text, "refs.bib")])
    _well_formed(diagnostics)
    for entry in bibliography.entries.values():
        # Every derived field a page shows must be computable.
        _ = (
            entry.title,
            entry.authors,
            entry.short_authors,
            entry.year,
            entry.venue,
            entry.links(),
            entry.month,
        )


@FAST
@given(st.text(max_size=80))
def test_tex_reader_only_raises_its_own_error(text):
    try:
        parse(text)
        find_occurrences(text, "x")
    except TexSyntaxError:
        pass


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=120))
def test_escaped_text_renders_back_to_itself(text):
    rendered = markdown.markdown(escape_text(text), extensions=["attr_list", "tables"])
    assert "<" not in html.unescape(rendered).replace("<p>", "").replace("</p>", "") or "<" in text
    body = rendered.removeprefix("<p>").removesuffix("</p>")
    assert html.unescape(body) == " ".join(text.split())
