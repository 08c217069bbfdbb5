"""The text both readers' values are compared as: biber's leftover LaTeX typeset, then folded.

Biber decodes accent and symbol macros to Unicode (``{\\"u}`` is ``ü``) but leaves every other
control sequence, brace and TeX ligature as written (``{\\LaTeX}``, ``\\mkbibquote{x}``,
``1987--``). The reference text is what TeX would print for that: :func:`typeset` applies the
ligatures, the logos and symbols below, drops any other command word (keeping its braced
argument as text, as for a font switch) and leaves ``$math$`` verbatim, as paperguide does.
:func:`fold` then applies to *both* sides: Unicode NFC, ties and no-break or thin spaces as
spaces, soft hyphens dropped, braces removed, curly single quotes as ``'``, whitespace
collapsed.
"""

from __future__ import annotations

import re
import unicodedata

#: Logos from the LaTeX kernel and the TeX-community style files (tugboat.def) of the inputs.
LOGOS = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "AmSTeX": "AmS-TeX",
    "AMSTeX": "AMS-TeX",
    "AmS": "AmS",
    "ConTeXt": "ConTeXt",
    "LuaTeX": "LuaTeX",
    "LuaLaTeX": "LuaLaTeX",
    "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX",
    "pdfTeX": "pdfTeX",
    "pdfLaTeX": "pdfLaTeX",
    "eTeX": "e-TeX",
    "METAFONT": "METAFONT",
    "MF": "METAFONT",
    "MP": "MetaPost",
    "PiCTeX": "PiCTeX",
    "AllTeX": "(La)TeX",
    "SliTeX": "SliTeX",
}
#: Symbols and spacing commands that print something (or nothing) other than their name.
SYMBOLS = {
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "slash": "/",
    "emdash": "—",
    "endash": "–",
    "Dash": "\u2009—\u2009",  # tugboat.def: a thin-spaced em dash
    "thinspace": " ",
    "quad": " ",
    "qquad": " ",
    "textendash": "–",
    "textemdash": "—",
    "textquoteright": "'",
    "textquoteleft": "'",
    "textbackslash": "\\",
}
#: Control symbols: ``\\&`` prints ``&``, ``\\/`` (italic correction) and ``\\-`` nothing.
CONTROL_SYMBOLS = {
    "&": "&",
    "#": "#",
    "_": "_",
    "%": "%",
    "$": "$",
    "{": "",  # an escaped brace prints one; as braces are folded away, so is this
    "}": "",
    "/": "",
    "-": "",
    ",": " ",
    ";": " ",
    " ": " ",
    "@": "",
}
#: The @preamble of xampl.bib and biblatex-examples.bib: ``\\noopsort{k}`` prints nothing (the
#: key only sorts) and ``\\switchargs{a}{b}`` prints ``ba``.
_NOOPSORT = re.compile(r"\\noopsort\s*\{[^{}]*\}")
_SWITCHARGS = re.compile(r"\\switchargs\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_KERN = re.compile(r"\\kern\s*-?[\d.]+\s*(?:em|ex|pt|mu)")
_COMMAND = re.compile(r"\\([A-Za-z@]+)\s*|\\(.)", re.DOTALL)
_MATH = re.compile(r"(\$[^$]*\$)")
_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"))
#: Biber writes ``\\"{\\i}`` as a dotless i with a combining diaeresis, which NFC keeps apart;
#: TeX prints an ordinary accented i (and j).
_DOTLESS = re.compile("([\u0131\u0237])(?=[\u0300-\u036f])")
_SPACES = {"~": " ", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " "}
_QUOTES = {"\u2018": "'", "\u2019": "'"}
#: ``\\-`` (a hyphenation point) prints nothing in TeX; paperguide keeps it as a soft hyphen,
#: which browsers do not show either.
_INVISIBLE = {"\u00ad": ""}


def _command(match: re.Match[str]) -> str:
    word, symbol = match.group(1), match.group(2)
    if word is not None:
        if word in LOGOS:
            return LOGOS[word]
        return SYMBOLS.get(word, "")
    return CONTROL_SYMBOLS.get(symbol, symbol)


def _typeset_text(text: str) -> str:
    text = _NOOPSORT.sub("", text)
    text = _SWITCHARGS.sub(r"\2\1", text)
    text = _KERN.sub("", text)
    # Ligatures first: ``\\-`` and ``--`` must not be confused, so commands are replaced after.
    for ascii_, glyph in _LIGATURES:
        text = text.replace(ascii_, glyph)
    text = _COMMAND.sub(_command, text)
    return _DOTLESS.sub(lambda m: "i" if m.group(1) == "\u0131" else "j", text)


def typeset(text: str) -> str:
    """Biber's value as TeX would print it (math left verbatim)."""
    pieces = _MATH.split(text)
    return "".join(p if p.startswith("$") and p.endswith("$") else _typeset_text(p) for p in pieces)


def fold(text: str) -> str:
    """The comparison form of a value from either reader."""
    text = unicodedata.normalize("NFC", text)
    for table in (_SPACES, _QUOTES, _INVISIBLE):
        for char, repl in table.items():
            text = text.replace(char, repl)
    text = text.replace("{", "").replace("}", "")
    return " ".join(text.split())


def reference(text: str | None) -> str:
    """A biber value in comparison form."""
    return fold(typeset(text)) if text else ""


def paperguide(text: str | None) -> str:
    """A paperguide value (already decoded) in comparison form."""
    return fold(text) if text else ""


_ISO_DATE = re.compile(r"(-?\d{4})(?:-\d\d){0,2}")
_MONTH_SUFFIX = re.compile(r"(.*)-\d\d")


def reference_year(date: str | None) -> str:
    """The year of biber's date: its ISO year, or, when biber could not parse the BibTeX
    ``year``, that text as typeset (biber appends ``-MM`` from ``month`` even then)."""
    if not date:
        return ""
    if match := _ISO_DATE.fullmatch(date.strip()):
        return match.group(1)
    if match := _MONTH_SUFFIX.fullmatch(date.strip()):
        date = match.group(1)
    return reference(date)
