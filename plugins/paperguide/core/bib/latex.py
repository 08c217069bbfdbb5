"""LaTeX-to-Unicode decoding for BibTeX fields, only where a field needs it, memoised.

Decoding every field of every entry up front is what makes bibtexparser's middleware slow
(~16 s for 5,000 entries); fields without a backslash, tilde or dollar are decoded without the
(slow) LaTeX parser, and the rest are parsed once per distinct string.

Where this differs from pylatexenc's defaults, on purpose:

* ``%`` is text. BibTeX reads a field value without comments, so ``{90% of}`` means "90% of";
  the value is handed to the parser with every unescaped ``%`` escaped.
* An unknown macro keeps its text instead of vanishing: ``{\\Acme}`` prints "Acme" (biber leaves
  it for LaTeX to typeset, which prints something there too), ``\\foo{bar}`` prints "bar".
  :func:`unknown_macros` names them so that the loader can say so.
* TeX quotes become typographic: ````x''`` is “x” and ```x'`` is ‘x’; a bare ``&`` is "&".
* A macro whose pylatexenc replacement raises (``\\href`` without its arguments) is printed
  as an unknown one: a field value never stops a build.
"""

from __future__ import annotations

import functools
import re

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context_db
from pylatexenc.latexwalker import (
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexNode,
    LatexWalker,
)
from pylatexenc.latexwalker import get_default_latex_context_db as parser_context_db

from .latex_macros import TEXT_SPECIALS, parser_specs, text_specs

_NEEDS_PARSER = frozenset("\\~$")
_GROUPS_OR_DASHES = frozenset("{}-")
# A % with an even number (maybe zero) of backslashes before it starts a comment in LaTeX.
_COMMENT_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
_MACRO_NAME = re.compile(r"\\([A-Za-z]+)")
# TeX quotes, ``x'' and `x', when they pair up; an apostrophe inside a word does not close one.
_DOUBLE_QUOTED = re.compile(r"``((?:(?!``|'')[^$])*)''")
_SINGLE_QUOTED = re.compile(r"(?<!`)`((?:[^`'$]|'(?=[A-Za-z]))*)'(?![A-Za-z'])")


def _typographic_quotes(text: str) -> str:
    """“x” and ‘x’ for paired TeX quotes outside math; a lone backquote stays (`code`)."""
    parts = text.split("$")
    for index in range(0, len(parts), 2):  # even parts are outside $...$
        part = _DOUBLE_QUOTED.sub("“\\1”", parts[index])
        parts[index] = _SINGLE_QUOTED.sub("‘\\1’", part)
    return "$".join(parts)


def _unknown_macro_text(node: LatexMacroNode, l2tobj: LatexNodes2Text) -> str:
    """An unknown macro prints its arguments, or its name when it has none."""
    argd = node.nodeargd
    args = [arg for arg in (argd.argnlist if argd else []) if arg is not None]
    if args:  # the parser knows its arguments (\label{x}) though the converter does not
        return str(l2tobj.nodelist_to_text(args))
    source, end = node.parsing_state.s, node.pos + node.len
    while end < len(source) and source[end].isspace():
        end += 1
    if source.startswith("{", end) and not source.startswith("{}", end):
        return ""  # \foo{bar}: the group that follows is its argument, and prints itself
    return str(node.macroname)


_UNKNOWN = MacroTextSpec("", simplify_repl=_unknown_macro_text)


class _Converter(LatexNodes2Text):
    """pylatexenc's converter, except that a macro it cannot print is printed as unknown.

    Some of its replacements assume arguments that its parser does not give them (``\\input``,
    ``\\title``, ``\\sqrt`` outside math) and raise; a field value must never stop a build.
    """

    def macro_node_to_text(self, node: LatexMacroNode) -> str:
        try:
            return str(super().macro_node_to_text(node))
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            return _unknown_macro_text(node, self)


_parser_context = parser_context_db()
_parser_context.add_context_category("paperguide", prepend=True, macros=parser_specs())
_text_context = text_context_db()
_text_context.add_context_category(
    "paperguide", prepend=True, macros=text_specs(), specials=TEXT_SPECIALS
)
_text_context.set_unknown_macro_spec(_UNKNOWN)
# Math stays verbatim ($\ell_1$) so that titles can be typeset by the site's math renderer.
_converter = _Converter(latex_context=_text_context, math_mode="verbatim", strict_latex_spaces=True)


def _is_unknown(name: str) -> bool:
    return _text_context.get_macro_spec(name) is _UNKNOWN


def _unknown_in(nodes: list[LatexNode]) -> tuple[str, ...]:
    """Unknown macro names outside math, in reading order, each once."""
    found: dict[str, None] = {}
    stack = list(reversed(nodes))
    while stack:  # iterative: a hostile value may nest braces thousands deep
        node = stack.pop()
        children: list[LatexNode | None] = []
        if isinstance(node, LatexMacroNode):
            if node.macroname.isalpha() and _is_unknown(node.macroname):  # \| prints |
                found.setdefault(node.macroname)
            children = list(node.nodeargd.argnlist) if node.nodeargd else []
        elif isinstance(node, (LatexGroupNode, LatexEnvironmentNode)):
            children = list(node.nodelist)
        stack.extend(child for child in reversed(children) if child is not None)
    return tuple(found)


@functools.lru_cache(maxsize=65536)
def _analyse(text: str) -> tuple[str, tuple[str, ...]]:
    """The decoded text of a value and the unknown macros in it, from one parse."""
    source = _COMMENT_PERCENT.sub(r"\1\\%", text)
    nodes = LatexWalker(source, latex_context=_parser_context, tolerant_parsing=True)
    nodelist = nodes.get_latex_nodes()[0]
    decoded = _converter.nodelist_to_text(nodelist)
    if "`" in decoded:
        decoded = _typographic_quotes(decoded)
    return " ".join(decoded.split()), _unknown_in(nodelist)


def _without_macros(text: str) -> str:
    """What the parser makes of a value with no macro, tie or math: the same, much faster."""
    text = text.replace("---", "—").replace("--", "–").replace("{", "").replace("}", "")
    if "`" in text:
        text = _typographic_quotes(text)
    return " ".join(text.split())


def decode_latex(text: str) -> str:
    """Unicode text for a BibTeX field value (accents, braces, dashes, quotes, ``\\&``)."""
    if _NEEDS_PARSER.intersection(text) or "!`" in text or "?`" in text:
        return _analyse(text)[0]
    if _GROUPS_OR_DASHES.intersection(text) or "`" in text:
        return _without_macros(text)
    return text


def unknown_macros(value: str) -> tuple[str, ...]:
    """Names of the macros in ``value`` that decoding does not know (outside math), each once."""
    if "\\" not in value or not any(map(_is_unknown, _MACRO_NAME.findall(value))):
        return ()
    return _analyse(value)[1]
