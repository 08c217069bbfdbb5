"""What a generated page's conversion reads from the Library: the notes it shows and the entries
it cites, followed through the notes shown there (see ``render_cache.py``)."""

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
#: How far dependencies are followed through notes shown on a page: a page embeds note A (1),
#: A's prose embeds note B with a block of its own (2), and B's embeds C (3).
DEPTH = 3


#: In a note's ``repr``, from a block marker to the end of its line (a newline there is the
#: two characters ``\n``); running on past a line's end only finds more keys.
_REPR_BLOCK = re.compile(r"///.*?(?:\\n|$)")


class PageDependencies:
    """The note and bibliography data a page's conversion can read, as one digest.

    Extensions read a note or an entry only by its key, and a key reaches a page's conversion
    in two ways, which read different data:

    - a block's argument (``/// unknown | key#id``, ``/// check | key#id``…) on a ``///`` line
      shows that note's own text: the whole note is an input, and so are the notes its shown
      prose embeds in turn (to :data:`DEPTH`);
    - a citation (``@key``), in the page or in the prose of a note shown there, reads only the
      key's citation label, its entry (for the reference list), whether it has a note (where
      the link goes) and whether that note failed to load. Its card, which shows the note's
      summary and status, is not part of the page's HTML: it is filled in after conversion
      (``mdx/citation_cards.py``).

    Finding more keys than are really used (an ``@`` in code) only costs a re-render. A
    bibliography page, which cites nothing, depends on no note.
    """

    def __init__(
        self,
        library: Library,
        references: References | None,
        previous: PageDependencies | None = None,
    ) -> None:
        """``previous``: the last build's (``mkdocs serve``); what it found in a note is
        reused while the note is the same object (an unchanged file) and the known keys are
        the same."""
        self.library = library
        self.references = references
        keys = set(library.notes) | set(library.bibliography.entries) | set(library.unloaded)
        self.keys = frozenset(keys)
        #: Keys the token scan cannot see (spaces, quotes...): looked for as substrings.
        self.odd_keys = tuple(sorted(k for k in keys if not _TOKEN.fullmatch(k)))
        #: Per key: the note, what it embeds and what it names; the note and its digest.
        self._mentions: dict[str, tuple[object, tuple[frozenset[str], frozenset[str]]]] = {}
        self._note_digests: dict[str, tuple[object, str]] = {}
        if previous is not None and previous.keys == self.keys:
            self._mentions = dict(previous._mentions)
            self._note_digests = dict(previous._note_digests)
        self._digests: dict[tuple[str, bool], bytes] = {}

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

    def _cited(self, text: str) -> set[str]:
        """The known keys after ``@`` in ``text`` (citations, also inside code, where they are
        not)."""
        found = {k for k in _BRACED.findall(text) if k in self.keys}
        found |= self._named(_AFTER_AT.findall(text))
        return found

    def _embedded(self, text: str) -> set[str]:
        """The known keys on ``///`` block lines of ``text`` (embeds, sections, checks)."""
        blocks = "\n".join(_BLOCK_LINE.findall(text))
        return self.mentioned(blocks) if blocks else set()

    def _note_keys(self, key: str) -> tuple[frozenset[str], frozenset[str]]:
        """The keys note ``key`` embeds with blocks of its own, and every key it names (its
        fields may be shown, and any of them may cite)."""
        note = self.library.notes.get(key)
        found = self._mentions.get(key)
        if found is not None and found[0] is note:
            return found[1]
        if note is None:
            result: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        else:
            text = repr(note)
            blocks = " ".join(_REPR_BLOCK.findall(text)) if "///" in text else ""
            embedded = self.mentioned(blocks) if blocks else set()
            result = (frozenset(embedded), frozenset(self.mentioned(text)))
        self._mentions[key] = (note, result)
        return result

    def _note_digest(self, key: str) -> str:
        """A digest of note ``key``'s every field (reused while it is the same object)."""
        note = self.library.notes.get(key)
        found = self._note_digests.get(key)
        if found is None or found[0] is not note:
            text = repr(note).encode("utf-8", "surrogatepass")
            found = (note, hashlib.sha256(text).hexdigest())
            self._note_digests[key] = found
        return found[1]

    def keys_of(self, markdown: str) -> tuple[set[str], set[str]]:
        """The keys whose whole notes the conversion of ``markdown`` may show, and those it
        may only cite (see the class)."""
        shown = self._embedded(markdown)
        frontier = set(shown)
        for _ in range(DEPTH):
            reached: set[str] = set()
            for key in frontier:
                reached |= self._note_keys(key)[0]
            frontier = reached - shown
            if not frontier:
                break
            shown |= frontier
        cited = self._cited(markdown)
        for key in shown:
            cited |= self._note_keys(key)[1]
        return shown, cited - shown

    def _digest(self, key: str, whole: bool) -> bytes:
        cached = self._digests.get((key, whole))
        if cached is None:
            library = self.library
            entry = library.bibliography.get(key)
            label = self.references.label(key) if self.references and entry else None
            text = "\0".join(
                (
                    key,
                    self._note_digest(key) if whole else repr(key in library.notes),
                    repr(entry),
                    repr(label),
                    repr(library.is_unloaded(key)),
                )
            )
            cached = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
            self._digests[(key, whole)] = cached
        return cached

    def digest(self, markdown: str) -> bytes:
        """One digest of the data of every key :meth:`keys_of` finds, at its level."""
        shown, cited = self.keys_of(markdown)
        total = hashlib.sha256()
        for key in sorted(shown):
            total.update(b"shown\0" + self._digest(key, True))
        for key in sorted(cited):
            total.update(b"cited\0" + self._digest(key, False))
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
