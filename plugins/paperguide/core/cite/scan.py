"""Finding citations in Markdown *source*, the way the inline processors would render them.

Used where no Markdown parser runs: note prose at load time (so a wrong key is reported as
``file:line:col`` before rendering) and, for ``bibliography: {cited_only: true}``, the pages'
sources. It skips what Python-Markdown keeps away from the citation processors (code, math,
link text and targets, autolinks, HTML, reference definitions) and reads the rest with the
same ``parse_*`` functions; a test checks that both find the same keys on tricky input.
``prose.py`` finds the blocks that are read and ``inline_skip.py`` what is skipped inside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .grammar import (
    CiteGroup,
    CiteItem,
    find_citation_start,
    parse_group,
    parse_key,
    parse_narrative,
)
from .inline_skip import skip_inline
from .prose import prose_ranges, reference_ids


@dataclass(frozen=True)
class Occurrence:
    """A citation key found in Markdown source: ``offset`` is where its ``@`` is.

    ``explicit``: written as paperguide syntax (in brackets, or braced ``@{key}``), so it is a
    citation whatever the key; a bare ``@word`` is one only when ``word`` is a known key.
    """

    key: str
    offset: int
    explicit: bool = True


def scan_markdown(text: str) -> list[Occurrence]:
    """Every citation key in ``text`` (Markdown source), in order, with the offset of its ``@``.

    This mirrors what the inline processors render: code, math, link text and destinations,
    autolinks and HTML tags are skipped; groups and narrative citations are read with the same
    ``parse_*`` functions.
    """
    found: list[Occurrence] = []
    references = reference_ids(text) if "]:" in text else frozenset()
    for start, stop in prose_ranges(text):
        # Each range is scanned on its own: its first character starts a block, whatever
        # precedes it in the file (a heading's "#", say).
        local: list[Occurrence] = []
        _scan_span(text[start:stop], 0, local, references)
        found.extend(Occurrence(o.key, o.offset + start, o.explicit) for o in local)
    return found


#: Characters where something the scanner cares about may start; the rest is skipped in C.
_INTERESTING = re.compile(r"[\\`$<!\[@]")


def _scan_span(
    text: str, pos: int, found: list[Occurrence], references: frozenset[str] = frozenset()
) -> None:
    skipped_to = -1  # end of the last construct Markdown replaces with a placeholder
    while pos < len(text):
        match = _INTERESTING.search(text, pos)
        if match is None:
            return
        pos = match.start()
        char = text[pos]
        if char in "\\`$<!":
            end = skip_inline(text, pos, references)
            if end > pos:
                pos = skipped_to = end
            else:
                pos += 1
            continue
        if char == "[":
            end = skip_inline(text, pos, references)
            if end > pos:
                pos = skipped_to = end
                continue
            group = parse_group(text, pos) if text[pos - 1 : pos] != "!" else None
            if group is not None and text[pos + 1 : group.end - 1].lower() in references:
                group = None
                close = text.find("]", pos)
                pos = skipped_to = close + 1
                continue
            if group is not None:
                for item, at in _item_offsets(text, group):
                    found.append(Occurrence(item.key, at, not item.bare))
                # The extension replaces a citation with a placeholder too, so an "@" right
                # after it ("[@a]@b") is not a word start there either.
                pos = skipped_to = group.end
                continue
            pos += 1
            continue
        if char == "@" and pos != skipped_to:
            group = parse_narrative(text, pos)
            if group is not None:
                braced = text.startswith("{", pos + 1)
                found.append(Occurrence(group.items[0].key, pos, braced))
                pos = skipped_to = group.end
                continue
        pos += 1


def _item_offsets(text: str, group: CiteGroup) -> Iterator[tuple[CiteItem, int]]:
    """Each item of a group with the offset of its ``@``; prefixes and locators are scanned."""
    cursor = group.start + 1
    inner_end = group.end - 1
    for item in group.items:
        part_end = text.find(";", cursor, inner_end)
        part_end = inner_end if part_end == -1 else part_end
        part = text[cursor:part_end]
        at = cursor + find_citation_start(part)
        yield item, at
        # A narrative citation inside a locator ("[@a, compare @b]") renders too.
        key_end = parse_key(text, at + 1)
        tail_start = key_end[1] if key_end else at + 1
        nested: list[Occurrence] = []
        _scan_span(text[:part_end], tail_start, nested)
        for occurrence in nested:
            yield CiteItem(occurrence.key, bare=not occurrence.explicit), occurrence.offset
        cursor = part_end + 1
