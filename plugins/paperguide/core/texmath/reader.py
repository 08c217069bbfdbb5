"""A small structural reader of TeX math, enough to find where a symbol occurs in a formula.

Formulas and the symbols explained under them are written by hand, so the same symbol is
spelled in several ways: ``\\mu_\\mathcal{B}`` and ``\\mu_{\\mathcal{B}}``, ``x_i^2`` and
``x^2_i``. Comparing strings fails on those; comparing parsed structure does not. Each atom
keeps its span in the source so that occurrences can be wrapped (``\\htmlClass``) without
re-serialising the TeX.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Commands whose arguments belong to them (so ``\\hat{v}`` is one atom, not two).
ARITY: dict[str, int] = {
    **dict.fromkeys(
        [
            "hat",
            "widehat",
            "bar",
            "overline",
            "underline",
            "tilde",
            "widetilde",
            "vec",
            "dot",
            "ddot",
            "breve",
            "check",
            "acute",
            "grave",
            "mathring",
            "mathbf",
            "mathcal",
            "mathbb",
            "mathrm",
            "mathit",
            "mathsf",
            "mathtt",
            "mathfrak",
            "mathscr",
            "boldsymbol",
            "bm",
            "text",
            "textrm",
            "textbf",
            "textit",
            "operatorname",
            "sqrt",
            "overbrace",
            "underbrace",
            "left",
            "right",
            "bigl",
            "bigr",
            "Bigl",
            "Bigr",
            "big",
            "Big",
            "mathop",
            "mathord",
            "mathbin",
            "mathrel",
            "pmb",
            "not",
        ],
        1,
    ),
    **dict.fromkeys(
        [
            "frac",
            "dfrac",
            "tfrac",
            "binom",
            "htmlClass",
            "htmlId",
            "stackrel",
            "overset",
            "underset",
            "textcolor",
            "color",
        ],
        2,
    ),
}

#: Spacing and sizing commands that carry no meaning for symbol matching.
IGNORED = {
    ",",
    ";",
    ":",
    "!",
    " ",
    "quad",
    "qquad",
    "displaystyle",
    "textstyle",
    "scriptstyle",
    "limits",
    "nolimits",
    "thinspace",
    "medspace",
    "thickspace",
}


@dataclass(frozen=True)
class Atom:
    """One unit of math: a character, a command with its arguments, a group or a script."""

    kind: str  # "char", "cmd", "group", "sub", "sup"
    name: str
    args: tuple[Atom, ...] = ()
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    def key(self) -> tuple[object, ...]:
        """Structural identity, ignoring source positions."""
        return (self.kind, self.name, tuple(a.key() for a in self.args))


class TexSyntaxError(ValueError):
    """Unbalanced braces or a dangling script; the message says which."""


class _Reader:
    def __init__(self, tex: str) -> None:
        self.tex = tex
        self.pos = 0

    def skip_space(self) -> None:
        while self.pos < len(self.tex) and self.tex[self.pos].isspace():
            self.pos += 1

    def read_sequence(self, closing: str | None = None) -> list[Atom]:
        atoms: list[Atom] = []
        while True:
            self.skip_space()
            if self.pos >= len(self.tex):
                if closing:
                    raise TexSyntaxError("a '{' is never closed")
                return _canonical_scripts(atoms)
            char = self.tex[self.pos]
            if char == "}":
                if closing != "}":
                    raise TexSyntaxError(f"unexpected '}}' at position {self.pos + 1}")
                self.pos += 1
                return _canonical_scripts(atoms)
            atom = self.read_atom()
            if atom is not None:
                atoms.append(atom)

    def read_atom(self) -> Atom | None:
        """The next atom, or ``None`` for spacing that carries no meaning."""
        self.skip_space()
        start = self.pos
        if self.pos >= len(self.tex):
            raise TexSyntaxError("the formula ends where an argument was expected")
        char = self.tex[self.pos]
        if char == "{":
            self.pos += 1
            inner = self.read_sequence("}")
            return _group(inner, start, self.pos)
        if char in "_^":
            self.pos += 1
            arg = self.read_argument()
            return Atom("sub" if char == "_" else "sup", char, (arg,), start, self.pos)
        if char == "\\":
            return self.read_command(start)
        if char == "}":
            raise TexSyntaxError(f"unexpected '}}' at position {self.pos + 1}")
        self.pos += 1
        return Atom("char", char, (), start, self.pos)

    def read_argument(self) -> Atom:
        while True:
            atom = self.read_atom()
            if atom is not None:
                return atom

    def read_command(self, start: int) -> Atom | None:
        self.pos += 1
        if self.pos >= len(self.tex):
            raise TexSyntaxError("a backslash ends the formula")
        if self.tex[self.pos].isalpha():
            end = self.pos
            while end < len(self.tex) and self.tex[end].isalpha():
                end += 1
            name = self.tex[self.pos : end]
        else:
            end = self.pos + 1
            name = self.tex[self.pos]
        self.pos = end
        if name in IGNORED:
            return None
        args: list[Atom] = []
        if name == "sqrt":
            self.skip_space()
            if self.tex.startswith("[", self.pos):
                close = self.tex.find("]", self.pos)
                if close == -1:
                    raise TexSyntaxError("'\\sqrt[' is never closed")
                args.append(
                    Atom("char", self.tex[self.pos + 1 : close].strip(), (), self.pos, close + 1)
                )
                self.pos = close + 1
        if name in ("left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big"):
            # The delimiter that follows is the argument; compare it, not the sizing.
            self.skip_space()
            if self.pos < len(self.tex):
                delim = self.read_atom()
                return Atom("char", delim.name if delim else "", (), start, self.pos)
        for _ in range(ARITY.get(name, 0)):
            args.append(self.read_argument())
        return Atom("cmd", name, tuple(args), start, self.pos)


def _group(inner: list[Atom], start: int, end: int) -> Atom:
    # `{x}` means the same as `x`: collapse single-atom groups so spellings compare equal.
    if len(inner) == 1:
        only = inner[0]
        return Atom(only.kind, only.name, only.args, start, end)
    return Atom("group", "{}", tuple(inner), start, end)


def _canonical_scripts(atoms: list[Atom]) -> list[Atom]:
    """Order adjacent scripts as subscript then superscript (``x^2_i`` == ``x_i^2``)."""
    out = list(atoms)
    for i in range(len(out) - 1):
        if out[i].kind == "sup" and out[i + 1].kind == "sub":
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def parse(tex: str) -> list[Atom]:
    """Parse TeX math into atoms; raises :class:`TexSyntaxError` on unbalanced input."""
    return _Reader(tex).read_sequence()


def _sequences(atoms: list[Atom] | tuple[Atom, ...]) -> list[tuple[Atom, ...]]:
    """Every atom sequence in the tree: the top level and each argument/group's contents."""
    found: list[tuple[Atom, ...]] = [tuple(atoms)]
    for atom in atoms:
        if atom.kind == "group":
            found.extend(_sequences(atom.args))
        else:
            for arg in atom.args:
                found.extend(_sequences(arg.args) if arg.kind == "group" else _sequences([arg]))
    return found


def find_occurrences(formula: str, symbol: str) -> list[tuple[int, int]]:
    """Source spans in ``formula`` where ``symbol`` occurs structurally, in order.

    Raises :class:`TexSyntaxError` if either side cannot be read.
    """
    needle = parse(symbol)
    if not needle:
        return []
    wanted = [a.key() for a in needle]
    spans: list[tuple[int, int]] = []
    for seq in _sequences(parse(formula)):
        keys = [a.key() for a in seq]
        for i in range(len(keys) - len(wanted) + 1):
            if keys[i : i + len(wanted)] == wanted:
                window = seq[i : i + len(wanted)]
                spans.append((min(a.start for a in window), max(a.end for a in window)))
    return sorted(set(spans))
