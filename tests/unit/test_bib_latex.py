"""LaTeX-to-Unicode decoding of BibTeX field values: percent signs, unknown macros, quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperguide.core.base.diagnostics import Severity
from paperguide.core.bib.bibtex import parse_bib_text
from paperguide.core.bib.latex import decode_latex, unknown_macros
from paperguide.core.bib.macros import assemble


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # In a field value % is text: BibTeX does not read it as a comment.
        ("{Pruning 90% of weights -- a study}", "Pruning 90% of weights – a study"),
        (r"Pruning 90\% of weights -- a study", "Pruning 90% of weights – a study"),
        (r"50% \emph{off}", "50% off"),
        (r"\url{https://example.org/a%20b}", "https://example.org/a%20b"),
        # \\ before % is a line break, not an escape: the % is still text.
        (r"a\\% b", "a % b"),
        # Math stays verbatim for the site's math renderer, % included.
        (r"$50\%$ of \emph{x}", r"$50\%$ of x"),
    ],
)
def test_percent_is_text_not_a_comment(raw: str, text: str) -> None:
    assert decode_latex(raw) == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (r"{\LuaTeX} and {\XeTeX} in {\ConTeXt}", "LuaTeX and XeTeX in ConTeXt"),
        (r"\foo{bar} baz", "bar baz"),
        (r"\foo{} baz", "foo baz"),
        (r"{\foo}", "foo"),
        (r"input\slash output", "input/output"),
        (r"{\LaTeX}, {\TeX}, {\BibTeX}", "LaTeX, TeX, BibTeX"),
        (r"{\MF} and {\MP}", "METAFONT and METAPOST"),
        (r"{\METAFONT} and {\METAPOST}", "METAFONT and METAPOST"),
        (r"{\AmS}-{\LaTeX} with {\eTeX} and {\pdfTeX}", "AMS-LaTeX with ε-TeX and pdfTeX"),
        (r"\hologo{LuaLaTeX}", "LuaLaTeX"),
        # Known macros that print nothing stay silent; arguments of text macros are kept.
        (r"{\em Deep} {\bf nets} {\relax Th}e", "Deep nets The"),
        (r"\texttt{PyTorch} \mbox{X-Net} \textsf{Y}", "PyTorch X-Net Y"),
        (r"\noopsort{a}Zed", "Zed"),
        (r"\MakeUppercase{bert}", "BERT"),
    ],
)
def test_unknown_and_logo_macros_keep_their_text(raw: str, text: str) -> None:
    assert decode_latex(raw) == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("``Quoted'' results", "“Quoted” results"),
        ("{``Quoted''} results", "“Quoted” results"),
        ("a `single' quote", "a ‘single’ quote"),
        (r"It's \emph{x}", "It's x"),
        ("``It's here'' and `Don't'", "“It's here” and ‘Don't’"),
        # Not TeX quotes: a Markdown-style `code` span and unpaired marks stay as typed.
        ("{A} `code` span", "A `code` span"),
        (r"\emph{A} `code` and 5'' and ``open", "A `code` and 5'' and ``open"),
        ("a -- b --- c", "a – b — c"),
        ("{a--b}", "a–b"),
        ("well-known {BERT}", "well-known BERT"),
        (r"$f''(x)$ and ``y''", "$f''(x)$ and “y”"),
        (r"R&D at \emph{Acme}", "R&D at Acme"),
    ],
)
def test_tex_quotes_and_dashes(raw: str, text: str) -> None:
    assert decode_latex(raw) == text


def test_plain_values_are_returned_unchanged() -> None:
    value = "Pruning 90% of weights: it's fine"
    assert decode_latex(value) is value


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (r"{\Acme} and {\foo{x}} and \Acme{} again", ("Acme", "foo")),
        (r"Sch{\"o}lkopf \emph{x} {\LuaTeX} \slash {\em y}\/", ()),
        (r"$\softmax(x)$ outside math", ()),
        ("no macros at all", ()),
    ],
)
def test_unknown_macros_lists_names_in_order_once(raw: str, names: tuple[str, ...]) -> None:
    assert unknown_macros(raw) == names


def test_assemble_reports_each_unknown_macro_once_with_its_first_location() -> None:
    parsed = parse_bib_text(
        "@misc{a,\n  title = {{\\Acme} at \\Bcorp{} {\\LuaTeX} scale},\n}\n"
        "@misc{b,\n  note = {more \\Acme{} and \\emph{x}},\n  journal = {\\Zed}\n}\n",
        "refs.bib",
    )
    library, problems = assemble([parsed])
    assert library.get("a").title == "Acme at Bcorp LuaTeX scale"
    reported = [(p.message, p.line, p.field, p.severity) for p in problems]
    assert reported == [
        ("unknown LaTeX macro '\\Acme' (its text is kept)", 2, "title", Severity.INFO),
        ("unknown LaTeX macro '\\Bcorp' (its text is kept)", 2, "title", Severity.INFO),
        ("unknown LaTeX macro '\\Zed' (its text is kept)", 6, "journal", Severity.INFO),
    ]
    assert all(p.hint for p in problems)


@given(st.text(alphabet="ab -{}`'%&#!?,\n", max_size=14))
@settings(max_examples=300, deadline=None)
def test_values_without_macros_decode_as_the_parser_would(value: str) -> None:
    # \relax{} prints nothing and sends the value through the LaTeX parser. (Values that need
    # no decoding at all are returned untouched, spaces included.)
    assert " ".join(decode_latex(value).split()) == decode_latex("\\relax{}" + value)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (r"\href{https://example.org}{the text}", "the text"),
        (r"\textcolor{red}{Red} results", "Red results"),
        (r"Title\footnote{Funded by X}", "Title"),
        # pylatexenc's own replacements for these raise when the arguments are missing.
        (r"{\href} and {\textcolor}", "and"),
        (r"\input", "input"),
        (r"\footnote", ""),
    ],
)
def test_macros_whose_replacement_would_raise_still_decode(raw: str, text: str) -> None:
    assert decode_latex(raw) == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("The USENET Cookbook\\emdash an Experiment", "The USENET Cookbook—an Experiment"),
        ("Pages 3\\endash 9", "Pages 3–9"),
        ("TeX\\Dash a Survey", "TeX—a Survey"),
        ("1987\\unskip--", "1987–"),
    ],
)
def test_dash_macros_and_spacing_hints_print_what_tex_prints(raw, text):
    assert decode_latex(raw) == text
