"""The interactive parts of a formula breakdown: the tagged formula and the symbol table.

The component template (``components/formula.md.j2``) decides the order of everything; it
places these two parts with the tokens below, each alone on its own line. They are built here as
elements because they carry what Markdown cannot express: KaTeX HTML with a class on every
occurrence of every explained symbol, and focusable table rows that name their symbol. The
``meaning`` and ``kind`` cells are left as text for the page's inline processing (emphasis,
citations, ``$...$`` math) like any other prose.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.util import AtomicString

from ..core.base.diagnostics import Diagnostic, Severity, format_field_path
from ..core.base.limits import MAX_TEX_CHARS
from ..core.base.markdown_text import escape_math_text
from ..core.notes.model import DataPath, Formula, Note
from ..core.texmath.katex import KatexError, KatexUnavailable
from ..core.texmath.reader import TexSyntaxError
from ..core.texmath.tagging import tag_symbols
from .context import RenderContext

#: Where the template wants the typeset formula and the symbol table (each on its own line).
FORMULA_TOKEN = "PGBREAKDOWNFORMULA"
SYMBOLS_TOKEN = "PGBREAKDOWNSYMBOLS"

ROW_ATTR = "data-pg-sym"


@dataclass
class Breakdown:
    """Builds one formula's parts for one page."""

    md: Markdown
    context: RenderContext
    note: Note
    formula: Formula

    def report(self, path: DataPath, message: str, hint: str, severity: Severity) -> None:
        line, col = self.note.locate(path)
        self.context.report_diagnostic(
            Diagnostic(
                self.note.source,
                line,
                col,
                message,
                format_field_path(path),
                hint,
                severity,
            )
        )

    def typeset(
        self, tex: str, *, display: bool, path: DataPath, what: str, quiet: bool = False
    ) -> str | None:
        """KaTeX HTML for ``tex``, or ``None`` after reporting why not (unless ``quiet``: the
        problem was reported when the note loaded)."""
        katex = self.context.katex
        if katex is None:
            return None
        try:
            return katex.render(tex, display=display)
        except KatexError as exc:
            if not (quiet or self.context.reported_at_note(tex.strip())):
                self.report(path, f"{what} is not valid TeX: {exc}", _HINT, Severity.ERROR)
        except KatexUnavailable as exc:
            # Only this formula fails; the engine tries again on the next one.
            self.report(path, str(exc), exc.hint, Severity.ERROR)
        return None

    def formula_element(self) -> etree.Element:
        formula = self.formula
        box = etree.Element("div", {"class": "arithmatex pg-formula-math"})
        if self.context.katex is None:  # math is left to the site's own script
            box.text = AtomicString(f"\\[{formula.tex}\\]")
            return box
        if len(formula.tex) > MAX_TEX_CHARS:  # reported once, with its line, by core/notes/rules.py
            return self._fill(box, None, f"\\[{formula.tex}\\]", "pg-formula-math pg-math-error")
        path = (*formula.at, "tex")
        malformed = False
        try:
            tagged = tag_symbols(formula.tex, [s.tex for s in formula.symbols]).tex
        except TexSyntaxError:
            tagged = formula.tex  # rules.py reports the malformed formula at load time
            malformed = True
        what = f"formula '{formula.id}'"
        html, tag_error = None, None
        if self.context.katex is not None and tagged != formula.tex:
            try:
                html = self.context.katex.render(tagged, display=True)
            except (KatexError, KatexUnavailable) as exc:
                tag_error = exc  # the untagged attempt below reports an engine failure
        if html is None:
            html = self.typeset(formula.tex, display=True, path=path, what=what, quiet=malformed)
            if html is not None and tag_error is not None:
                # The TeX is fine; only the tagging broke it. Show it untagged, and say so.
                self.report(
                    path,
                    f"{what}: its symbols cannot be highlighted ({tag_error})",
                    "simplify how the symbol is written in the formula",
                    Severity.WARNING,
                )
        return self._fill(box, html, f"\\[{formula.tex}\\]", "pg-formula-math pg-math-error")

    def symbols_element(self) -> etree.Element:
        formula = self.formula
        table = etree.Element("table", {"class": "pg-symbols"})
        caption = etree.SubElement(table, "caption")
        caption.text = "Point at or focus a row to highlight the symbol in the formula."
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for label in ("Symbol", "Meaning", "Kind, shape, units"):
            cell = etree.SubElement(head, "th", {"scope": "col"})
            cell.text = label
        body = etree.SubElement(table, "tbody")
        for index, symbol in enumerate(formula.symbols):
            row = etree.SubElement(
                body, "tr", {"class": "pg-sym-row", ROW_ATTR: str(index), "tabindex": "0"}
            )
            tex_cell = etree.SubElement(row, "td", {"class": "pg-sym-tex"})
            tex_cell.append(self.symbol_math(index))
            meaning = etree.SubElement(row, "td")
            meaning.text = " ".join(symbol.meaning.split())
            kind = etree.SubElement(row, "td")
            kind.text = escape_math_text(symbol.kind) if symbol.kind else ""
        return table

    def symbol_math(self, index: int) -> etree.Element:
        symbol = self.formula.symbols[index]
        math = etree.Element("span", {"class": "pg-math"})
        if self.context.katex is None:  # left to the site's own script, as arithmatex leaves it
            math.set("class", "arithmatex")
            math.text = AtomicString(f"\\({symbol.tex}\\)")
            return math
        html = self.typeset(
            symbol.tex,
            display=False,
            path=(*symbol.at, "tex"),
            what=f"symbol '{symbol.tex}' of formula '{self.formula.id}'",
        )
        return self._fill(math, html, f"\\({symbol.tex}\\)", "pg-math pg-math-error")

    def _fill(
        self, element: etree.Element, html: str | None, source: str, error_class: str
    ) -> etree.Element:
        """Put typeset ``html`` into ``element``, or, when it failed, the TeX ``source`` under
        ``error_class`` (not "arithmatex": the math treeprocessor must not typeset and report
        it again)."""
        if html is None:
            element.set("class", error_class)
            element.text = AtomicString(source)
        else:
            element.text = AtomicString(self.md.htmlStash.store(html))
        return element


_HINT = "fix the TeX; KaTeX lists what it supports at https://katex.org/docs/supported"


def place(container: etree.Element, breakdown: Breakdown) -> None:
    """Replace the token paragraphs the template left in ``container`` with the real parts."""
    builders = {FORMULA_TOKEN: breakdown.formula_element, SYMBOLS_TOKEN: breakdown.symbols_element}
    for parent in list(container.iter()):
        for index, child in enumerate(list(parent)):
            token = (child.text or "").strip()
            if child.tag == "p" and len(child) == 0 and token in builders:
                parent.remove(child)
                parent.insert(index, builders[token]())
