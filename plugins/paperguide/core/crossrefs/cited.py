"""What the bibliography page lists and what its download holds, decided from the Library."""

from __future__ import annotations

from collections.abc import Iterable

from ..base.frontmatter import split_front_matter
from ..base.limits import MAX_BIB_FILE_BYTES
from ..base.textfile import read_text
from ..cite.scan import scan_markdown
from ..library.library import Library


def bibliography_keys(library: Library, cited_only: bool, page_texts: Iterable[str]) -> list[str]:
    """Every entry, or (``cited_only``) the keys cited or related in notes and cited in the
    Markdown of any page (``page_texts``: each page's source, front matter included)."""
    if not cited_only:
        return list(library.bibliography.entries)
    cited = {c.key for found in library.citations.values() for c in found}
    # Related papers link to their entries from the guide pages, so they are listed too.
    cited |= {rel.key for note in library.notes.values() for rel in note.related}
    for text in page_texts:
        if "@" in text:
            body = split_front_matter(text).body
            cited.update(o.key for o in scan_markdown(body))
    return [key for key in cited if key in library.bibliography]


def bib_sources(library: Library) -> list[tuple[str, str]]:
    """The configured .bib files as ``(name, text)``, for the download that bundles them."""
    settings = library.settings
    sources = []
    for name in settings.bib_files:
        path = settings.resolve(name)
        # The same size bound as when the file is parsed (a larger one is reported there).
        text, _problems = read_text(path, settings.display(path), MAX_BIB_FILE_BYTES)
        if text is not None:
            sources.append((name, text))
    return sources
