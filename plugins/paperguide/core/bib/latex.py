"""LaTeX-to-Unicode decoding for BibTeX fields, only where a field needs it, memoised.

Decoding every field of every entry up front is what makes bibtexparser's middleware slow
(~16 s for 5,000 entries); fields without a backslash, brace, tilde or dollar are returned as-is,
and the rest are decoded once per distinct string.
"""

from __future__ import annotations

import functools

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

_context = get_default_latex_context_db()
_context.add_context_category(
    "paperguide",
    prepend=True,
    macros=[
        MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
        MacroTextSpec("TeX", simplify_repl="TeX"),
        MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
        MacroTextSpec("url", simplify_repl="%s"),
    ],
)
# Math stays verbatim ($\ell_1$) so that titles can be typeset by the site's math renderer.
_converter = LatexNodes2Text(latex_context=_context, math_mode="verbatim", strict_latex_spaces=True)

_NEEDS_DECODING = frozenset("\\{}~$-")
_NEEDS_PARSER = frozenset("\\~$")


@functools.lru_cache(maxsize=65536)
def _decode(text: str) -> str:
    return _converter.latex_to_text(text)


def decode_latex(text: str) -> str:
    """Unicode text for a BibTeX field value (accents, braces, dashes, ``\\&``)."""
    if not _NEEDS_DECODING.intersection(text):
        return text
    if not _NEEDS_PARSER.intersection(text) and "--" not in text:
        # Only case-protecting braces: strip them without the (slow) LaTeX parser.
        return " ".join(text.replace("{", "").replace("}", "").split())
    return " ".join(_decode(text).split())
