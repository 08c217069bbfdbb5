"""Checking the TeX of a note (formulas, symbols, math in prose) once, at the note.

A note's math is shown on its guide page, in embeds and in the hover cards of every page that
cites it; reported where it is shown, one bad formula became several errors against pages that
merely cite the note, and ``paperguide check`` (which renders no page) missed it. This checker
runs when the library loads, for the build and for ``check`` alike: math in prose is found by
``pymdownx.arithmatex`` itself, as on a page, and typeset with the build's KaTeX; each problem
is reported at the note's field. The renderers then stay quiet about TeX the library reported.

A formula is also typeset as its breakdown shows it (symbols tagged for highlighting), so that
every formula a generated page needs is typeset once the library has loaded: a page converted
in a helper process (``adapter/prerender.py``), which cannot start KaTeX, finds it there.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterator
from pathlib import Path

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..core.base.diagnostics import Diagnostic, format_field_path
from ..core.base.diskcache import DiskCache, content_key
from ..core.base.limits import MAX_TEX_CHARS
from ..core.cite.in_notes import prose_fields
from ..core.notes.model import DataPath, Note
from ..core.texmath.katex import Katex, KatexError, KatexUnavailable
from ..core.texmath.reader import TexSyntaxError, parse
from ..core.texmath.tagging import tag_symbols
from .math import ARITHMATEX_ESCAPES, MATH_CLASS, SUPPORTED_HINT, short

_FORMULA_HINT = "fix the TeX; KaTeX lists what it supports at https://katex.org/docs/supported"


class _Collect(Treeprocessor):
    """Records arithmatex's math elements (generic mode) as ``(tex, display)``."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.found: list[tuple[str, bool]] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            classes = (element.get("class") or "").split()
            text = element.text or ""
            if MATH_CLASS not in classes or len(element) or not text:
                continue
            if text.startswith("\\(") and text.endswith("\\)"):
                self.found.append((text[2:-2], False))
            elif text.startswith("\\[") and text.endswith("\\]"):
                tex = text[2:-2]
                for escaped, char in ARITHMATEX_ESCAPES:  # block math arrives HTML-escaped
                    tex = tex.replace(escaped, char)
                self.found.append((tex, True))


#: Disk cache namespace of the checks' results.
NAMESPACE = "note-tex"


class NoteMathChecker:
    """``checker(note)`` -> the note's TeX problems, and the TeX strings that failed.

    With a ``cache_dir``, the result is kept on disk under the note (its every field, source
    and positions) and KaTeX's version: a later build of an unchanged note skips finding and
    typesetting its math (about 2 ms a note). The formulas it typeset then, tagged ones
    included, are in the math cache, where a helper process (``adapter/prerender.py``) finds
    them; with the math cache off, a helper leaves a page that needs one to MkDocs.
    """

    def __init__(self, katex: Katex, cache_dir: Path | None = None) -> None:
        self.katex = katex
        self.disk = DiskCache(cache_dir)
        self.md = Markdown(
            extensions=["pymdownx.arithmatex"],
            extension_configs={"pymdownx.arithmatex": {"generic": True}},
        )
        self.collector = _Collect(self.md)
        # After inline processing (20), where arithmatex's inline math appears.
        self.md.treeprocessors.register(self.collector, "pg-note-math", 19)

    def math_in(self, text: str) -> list[tuple[str, bool]]:
        self.collector.found = []
        self.md.reset().convert(text)
        return self.collector.found

    def __call__(self, note: Note) -> tuple[list[Diagnostic], list[str]]:
        key = content_key(
            NAMESPACE, [repr(note).encode("utf-8", "surrogatepass"), self.katex.version.encode()]
        )
        stored = self.disk.get(NAMESPACE, key)
        if isinstance(stored, dict):
            return [Diagnostic.from_row(row) for row in stored["problems"]], stored["failed"]
        problems, failed, complete = self._check(note)
        if complete:  # an engine that did not start checked nothing: not a result to keep
            self.disk.put(
                NAMESPACE, key, {"problems": [p.to_row() for p in problems], "failed": failed}
            )
        return problems, failed

    def _check(self, note: Note) -> tuple[list[Diagnostic], list[str], bool]:
        problems: list[Diagnostic] = []
        failed: list[str] = []
        complete = True

        def report(path: DataPath, message: str, hint: str) -> None:
            line, col = (note.body_line, 1) if path == ("body",) else note.locate(path)
            problems.append(
                Diagnostic(note.source, line, col, message, format_field_path(path), hint)
            )

        for path, tex, display, what in self._math(note):
            try:
                self.katex.render(tex.strip(), display=display)
            except KatexUnavailable:
                # The engine did not start: the TeX stays unchecked here, and each formula
                # reports the engine's problem (and any bad TeX) when its page renders.
                complete = False
                break
            except KatexError as exc:
                failed.append(tex.strip())
                if what is None:
                    kind = "display" if display else "inline"
                    report(path, f"bad TeX in {kind} math '{short(tex)}': {exc}", SUPPORTED_HINT)
                else:
                    report(path, f"{what} is not valid TeX: {exc}", _FORMULA_HINT)
        self._typeset_tagged(note, failed)
        return problems, failed, complete

    def _typeset_tagged(self, note: Note, failed: list[str]) -> None:
        """Typeset each sound formula with its symbols tagged, as its breakdown will need it
        (a problem there is the breakdown's to report, where it shows the formula untagged)."""
        for formula in note.formulas:
            if formula.tex.strip() in failed or len(formula.tex) > MAX_TEX_CHARS:
                continue
            try:
                tagged = tag_symbols(formula.tex, [s.tex for s in formula.symbols]).tex
                if tagged != formula.tex:
                    self.katex.render(tagged, display=True)
            except (TexSyntaxError, KatexError, KatexUnavailable):
                continue

    def _math(self, note: Note) -> Iterator[tuple[DataPath, str, bool, str | None]]:
        for path, text in prose_fields(note):
            if "$" in text or "\\" in text:
                for tex, display in self.math_in(text):
                    yield path, tex, display, None
        for formula in note.formulas:
            if len(formula.tex) > MAX_TEX_CHARS:
                continue  # reported by the note rules, which leave it untypeset
            try:
                parse(formula.tex)
            except TexSyntaxError:
                continue  # reported by the note rules, with a plainer message
            yield (*formula.at, "tex"), formula.tex, True, f"formula '{formula.id}'"
            for symbol in formula.symbols:
                what = f"symbol '{symbol.tex}' of formula '{formula.id}'"
                yield (*symbol.at, "tex"), symbol.tex, False, what
