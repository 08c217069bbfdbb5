"""One library in, one ``.apkg`` out: the cards, KaTeX's look and fonts, and the timestamp.

Used by ``paperguide deck`` and by the plugin's ``deck`` option alike, so both give the same
file for the same notes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..core.library.library import Library
from ..core.site.settings import Settings
from ..core.texmath.katex import Katex, KatexUnavailable
from ..core.texmath.katex_assets import katex_assets
from .cards import KINDS, CardMaker, StudyCard
from .fields import FieldRenderer, Reporter
from .package import build_decks, model, package_bytes

#: Where ``paperguide deck`` writes without ``-o``: next to mkdocs.yml.
DEFAULT_FILE = "paperguide.apkg"
_FONT_URL = re.compile(r"url\(\s*['\"]?fonts/([^'\")/]+)['\"]?\s*\)")


@dataclass(frozen=True)
class Deck:
    data: bytes  # the .apkg
    counts: dict[str, int]  # cards per kind, every kind listed

    def summary(self) -> str:
        total = sum(self.counts.values())
        parts = ", ".join(f"{n} {kind}" for kind, n in self.counts.items())
        return f"{total} card{'s' * (total != 1)} ({parts})"


def study_cards(library: Library, fields: FieldRenderer) -> list[StudyCard]:
    cards: list[StudyCard] = []
    for note in library.sorted_notes():
        cards.extend(CardMaker(fields, library.title_of(note.key)).cards(note))
    return cards


def media_name(font: str) -> str:
    """A font's name among the collection's media: one flat folder, and a leading ``_`` tells
    Anki's "Check Media" that no field needs to mention the file for it to stay."""
    return f"_{font}"


def katex_style(katex: Katex | None) -> tuple[str, list[tuple[str, bytes]]]:
    """KaTeX's stylesheet pointing at its fonts as media, and those fonts (woff2 only, as the
    site ships them); nothing when math is off or KaTeX cannot be found."""
    if katex is None:
        return "", []
    try:
        assets = katex_assets(katex.dist)
    except KatexUnavailable:
        return "", []
    css = _FONT_URL.sub(lambda m: f"url({media_name(m.group(1))})", assets.css)
    fonts = [(media_name(Path(url).name), path.read_bytes()) for url, path in assets.fonts]
    return css, sorted(fonts)


def card_css() -> str:
    return resources.files("paperguide.deck").joinpath("card.css").read_text("utf-8")


def deck_timestamp(library: Library, settings: Settings) -> int:
    """When the notes last changed: the newest note file's modification time, in seconds.

    The same files give the same deck; an edited note makes every card newer, which is what
    makes Anki take the new text on import (it keeps a note whose copy is not newer).
    """
    times = [0]
    for note in library.notes.values():
        try:
            times.append(int(settings.resolve(note.src_uri).stat().st_mtime))
        except OSError:
            continue
    return max(times)


def make_deck(library: Library, settings: Settings, katex: Katex | None, report: Reporter) -> Deck:
    fields = FieldRenderer(library, katex, report)
    cards = study_cards(library, fields)
    counted = Counter(card.kind for card in cards)
    katex_css, fonts = katex_style(katex)
    note_type = model(f"{katex_css}\n{card_css()}")
    data = package_bytes(build_decks(cards, note_type), fonts, deck_timestamp(library, settings))
    return Deck(data, {kind: counted[kind] for kind in KINDS})
