"""The LaTeX macros that bibliographies use beyond pylatexenc's defaults, and what they print."""

from __future__ import annotations

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, SpecialsTextSpec
from pylatexenc.latexwalker import LatexMacroNode, LatexNode
from pylatexenc.macrospec import MacroSpec

# Logos print their name (as biber leaves them to LaTeX, which typesets the logo).
LOGOS = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2ε",
    "BibTeX": "BibTeX",
    "LuaTeX": "LuaTeX",
    "LuaLaTeX": "LuaLaTeX",
    "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX",
    "ConTeXt": "ConTeXt",
    "pdfTeX": "pdfTeX",
    "pdfLaTeX": "pdfLaTeX",
    "eTeX": "ε-TeX",
    "MF": "METAFONT",
    "MP": "METAPOST",
    "METAFONT": "METAFONT",
    "METAPOST": "METAPOST",
    "AmS": "AMS",
    "AmSTeX": "AMS-TeX",
    "AMSTeX": "AMS-TeX",
    "AmSLaTeX": "AMS-LaTeX",
    "SliTeX": "SliTeX",
    "PiCTeX": "PiCTeX",
    "BibLaTeX": "BibLaTeX",
    "KOMAScript": "KOMA-Script",
}

# Macros that print nothing: font switches, spacing hints, \relax before a capital.
SILENT = (
    *("relax", "protect", "normalfont", "textnormal", "nobreak", "allowbreak", "par"),
    *("em", "it", "bf", "sc", "rm", "tt", "sf", "sl", "up"),
    *("bfseries", "mdseries", "itshape", "scshape", "upshape", "slshape"),
    *("rmfamily", "sffamily", "ttfamily", "/", "@", "*", "unskip", "xspace", "hfil", "hfill"),
)

# Macros with one braced argument whose text is printed (boxes, scripts, URLs, typefaces).
KEEP_ARGUMENT = (
    *("mbox", "hbox", "vbox", "fbox", "textsuperscript", "textsubscript"),
    *("texttt", "textsf", "textup", "textmd", "path", "doi", "url", "hologo"),
)

# Macros whose one braced argument is not printed (sort keys, hyphenation patterns, dingbats).
DROP_ARGUMENT = (
    *("noopsort", "sortnoop", "SortNoop", "noop"),
    *("hyphenation", "ding", "footnote", "thanks"),
)

# Macros whose last argument is the text (a link's or a colour's), with their arguments.
LAST_ARGUMENT = {"href": "{{", "textcolor": "{{", "colorbox": "{{", "fcolorbox": "{{{"}

TEXT = {
    "slash": "/",
    # Dashes as macros (TUGboat's \Dash is an em dash with thin spaces around it).
    "emdash": "\N{EM DASH}",
    "endash": "\N{EN DASH}",
    "textemdash": "\N{EM DASH}",
    "textendash": "\N{EN DASH}",
    "Dash": "\N{EM DASH}",
    "space": " ",
    "enspace": " ",
    "thinspace": " ",
    "newline": " ",
    "linebreak": " ",
    "nobreakspace": "\N{NO-BREAK SPACE}",
    "textunderscore": "_",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textquotedbl": '"',
    "S": "§",
    "P": "¶",
    "pounds": "£",
    "copyright": "©",
    "ddag": "‡",
    "SS": "SS",
}


def _args_text(node: LatexNode, l2tobj: LatexNodes2Text) -> str:
    argd = getattr(node, "nodeargd", None)
    args = [a for a in (argd.argnlist if argd else []) if a is not None]
    return l2tobj.nodelist_to_text(args)


def _last_arg_text(node: LatexMacroNode, l2tobj: LatexNodes2Text) -> str:
    argd = node.nodeargd
    return l2tobj.nodelist_to_text(argd.argnlist[-1:] if argd else [])


def _upper(node: LatexMacroNode, l2tobj: LatexNodes2Text) -> str:
    return _args_text(node, l2tobj).upper()


def _lower(node: LatexMacroNode, l2tobj: LatexNodes2Text) -> str:
    return _args_text(node, l2tobj).lower()


def text_specs() -> list[MacroTextSpec]:
    """What the macros above print, for pylatexenc's LaTeX-to-text context."""
    specs = [MacroTextSpec(name, simplify_repl=text) for name, text in LOGOS.items()]
    specs += [MacroTextSpec(name, simplify_repl=text) for name, text in TEXT.items()]
    specs += [MacroTextSpec(name, discard=True) for name in (*SILENT, *DROP_ARGUMENT)]
    specs += [MacroTextSpec(name, simplify_repl=_args_text) for name in KEEP_ARGUMENT]
    specs += [MacroTextSpec(name, simplify_repl=_last_arg_text) for name in LAST_ARGUMENT]
    specs += [MacroTextSpec(name, simplify_repl=_upper) for name in ("uppercase", "MakeUppercase")]
    specs += [MacroTextSpec(name, simplify_repl=_lower) for name in ("lowercase", "MakeLowercase")]
    return specs


def parser_specs() -> list[MacroSpec]:
    """The argument each macro above takes, for pylatexenc's parser."""
    case = ("uppercase", "MakeUppercase", "lowercase", "MakeLowercase")
    specs = [MacroSpec(name, "{") for name in (*KEEP_ARGUMENT, *DROP_ARGUMENT, *case)]
    return specs + [MacroSpec(name, args) for name, args in LAST_ARGUMENT.items()]


# TeX's quote ligatures are paired by the decoder instead (a lone backquote stays as typed).
TEXT_SPECIALS = [
    SpecialsTextSpec("``", "``"),
    SpecialsTextSpec("''", "''"),
    # A bare & is text in a title ("R&D"), not a table's column separator.
    SpecialsTextSpec("&", "&"),
]
