"""What a generated page's conversion reads from the Library: the notes and entries of the keys
its Markdown names, followed through the notes shown there (see ``render_cache.py``)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ..library.library import Library
from ..library.references import References

#: A run of characters a citation key is made of (``core/cite/grammar.py``): word characters
#: with ``. : / + -`` between them.
_TOKEN = re.compile(r"[\w.:/+-]+")
_INNER = re.compile(r"[.:/+-]+")
_AFTER_AT = re.compile(r"@([\w.:/+-]+)")
_BRACED = re.compile(r"@\{([^}\n]*)\}")
_BLOCK_LINE = re.compile(r"^[ \t]*///.*$", re.MULTILINE)
#: How far dependencies are followed through notes: a page embeds note A (1), A's record cites
#: B whose card is shown (2), B's summary cites C, shown as a plain label (3).
DEPTH = 3


class PageDependencies:
    """The note and bibliography data a page's conversion can read, as one digest.

    Extensions read a note or an entry only by its key, and a key reaches a page's conversion
    only as a citation (``@key``) or a block's argument (``/// unknown | key#id``) in its
    Markdown, or inside a note shown there (an answer citing another paper, a summary shown in
    a card). So the keys cited in the Markdown, and those named anywhere in the notes of those
    keys (to :data:`DEPTH`), are the page's inputs; finding more (an ``@`` in code) only costs
    a re-render. A bibliography page, which cites nothing, depends on no note. Each key
    contributes its note, its entry and its citation label (disambiguated against the others).
    """

    def __init__(self, library: Library, references: References | None) -> None:
        self.library = library
        self.references = references
        keys = set(library.notes) | set(library.bibliography.entries) | set(library.unloaded)
        self.keys = frozenset(keys)
        #: Keys the token scan cannot see (spaces, quotes...): looked for as substrings.
        self.odd_keys = tuple(sorted(k for k in keys if not _TOKEN.fullmatch(k)))
        self._mentions: dict[str, frozenset[str]] = {}
        self._digests: dict[str, bytes] = {}

    def _named(self, tokens: Iterable[str]) -> set[str]:
        """The known keys among ``tokens`` and the runs of whole parts inside them
        (``@key.`` names ``key``; ``key#id`` and ``papers/key.md`` name ``key``)."""
        found: set[str] = set()
        keys = self.keys
        for token in set(tokens):
            if token in keys:
                found.add(token)
            parts = _INNER.split(token)
            if len(parts) > 1:
                seps = _INNER.findall(token)
                for i in range(len(parts)):
                    candidate = parts[i]
                    if candidate in keys:
                        found.add(candidate)
                    for j in range(i + 1, len(parts)):
                        candidate += seps[j - 1] + parts[j]
                        if candidate in keys:
                            found.add(candidate)
        return found

    def mentioned(self, text: str) -> set[str]:
        """The known keys ``text`` names anywhere (a note: any of its fields may be shown)."""
        found = self._named(_TOKEN.findall(text))
        found.update(k for k in self.odd_keys if k in text)
        return found

    def cited(self, markdown: str) -> set[str]:
        """The known keys a page's Markdown hands to an extension: after ``@`` (citations, also
        inside code, where they are not) and on ``///`` block lines (embeds, sections)."""
        found = {k for k in _BRACED.findall(markdown) if k in self.keys}
        found |= self._named(_AFTER_AT.findall(markdown))
        blocks = "\n".join(_BLOCK_LINE.findall(markdown))
        if blocks:
            found |= self.mentioned(blocks)
        return found

    def _note_mentions(self, key: str) -> frozenset[str]:
        cached = self._mentions.get(key)
        if cached is None:
            note = self.library.notes.get(key)
            cached = frozenset(self.mentioned(repr(note))) if note is not None else frozenset()
            self._mentions[key] = cached
        return cached

    def keys_of(self, markdown: str) -> set[str]:
        """Every key whose data the conversion of ``markdown`` may read."""
        found = self.cited(markdown)
        frontier = set(found)
        for _ in range(DEPTH):
            reached: set[str] = set()
            for key in frontier:
                reached |= self._note_mentions(key)
            frontier = reached - found
            if not frontier:
                break
            found |= frontier
        return found

    def _digest(self, key: str) -> bytes:
        cached = self._digests.get(key)
        if cached is None:
            library = self.library
            entry = library.bibliography.get(key)
            label = self.references.label(key) if self.references and entry else None
            text = "\0".join(
                (
                    key,
                    repr(library.notes.get(key)),
                    repr(entry),
                    repr(label),
                    repr(library.is_unloaded(key)),
                )
            )
            cached = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
            self._digests[key] = cached
        return cached

    def digest(self, markdown: str) -> bytes:
        """One digest of the data of every key :meth:`keys_of` finds."""
        total = hashlib.sha256()
        for key in sorted(self.keys_of(markdown)):
            total.update(self._digest(key))
        return total.digest()

    def library_digest(self) -> bytes:
        """What every conversion may read beyond single keys."""
        library = self.library
        parts = [
            repr(library.settings),
            repr(sorted(library.note_tex_failed)),
            repr(sorted(library.slugs.items())),
        ]
        refs = self.references
        if refs is not None:
            parts.append(repr(refs.options))
            if refs.csl is not None:
                # A CSL style may number or disambiguate against the whole bibliography.
                parts.append(f"{refs.csl.name}:{refs.csl.digest}:{library.bibliography.digest}")
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).digest()
