"""The ``.apkg`` file: genanki's collection, zipped so that the same cards give the same bytes.

genanki builds the collection (note type, decks, notes, cards) with :meth:`Package.write_to_db`;
this module writes the zip itself, because genanki's own ``write_to_file`` stamps each member
with the current time and numbers the media in ``set`` order, which changes from run to run.

Identities Anki matches on are fixed or derived, never random:

- the note type: :data:`MODEL_ID`, a constant chosen once (changing it would make every card
  new again in every collection that imported the deck);
- a deck: a hash of its name (``paperguide::<key>``);
- a note's GUID: a hash of the paper key, the card kind and the record's identity
  (see :mod:`.cards`), so re-importing updates the cards already there.

The one timestamp (notes' and cards' modification times, and the seed of their row ids) is
given by the caller; Anki updates an existing note on import only when the incoming one is newer.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import genanki

from .cards import StudyCard

#: The note type's id; see the module docstring before changing it.
MODEL_ID = 1_718_230_117
MODEL_NAME = "paperguide card"
DECK_ROOT = "paperguide"
#: Zip members carry this date, not the time of the build (the earliest a zip can store).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

FRONT = '<div class="pg-source">{{Source}}</div>\n<div class="pg-front">{{Front}}</div>'
BACK = '{{FrontSide}}\n<hr id="answer">\n<div class="pg-back">{{Back}}</div>'


def deck_name(key: str) -> str:
    return f"{DECK_ROOT}::{key}"


def deck_id(name: str) -> int:
    """A stable id for the deck ``name``: 48 bits of a hash, above 2**50 (Anki's own decks
    are numbered from 1 and by creation time in milliseconds, about 2**40 today)."""
    digest = hashlib.sha256(f"paperguide deck\0{name}".encode()).digest()
    return (1 << 50) | int.from_bytes(digest[:6], "big")


def note_guid(card: StudyCard) -> str:
    return str(genanki.guid_for("paperguide", card.key, card.kind, *card.identity))


def model(css: str) -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[{"name": "Card", "qfmt": FRONT, "afmt": BACK}],
        css=css,
    )


def build_decks(cards: Sequence[StudyCard], note_type: genanki.Model) -> list[genanki.Deck]:
    """One deck per paper, in the order the papers' cards come."""
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        name = deck_name(card.key)
        deck = decks.get(name)
        if deck is None:
            deck = decks[name] = genanki.Deck(deck_id(name), name)
        deck.add_note(
            genanki.Note(
                model=note_type,
                fields=[card.front, card.back, card.source],
                tags=list(card.tags),
                guid=note_guid(card),
            )
        )
    return list(decks.values())


def _member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def package_bytes(
    decks: Sequence[genanki.Deck], media: Sequence[tuple[str, bytes]], timestamp: int
) -> bytes:
    """The ``.apkg``: ``collection.anki2``, then ``media`` (member number -> file name), then
    the media files, numbered in the order given."""
    with tempfile.TemporaryDirectory(prefix="paperguide-deck-") as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            ids = itertools.count(timestamp * 1000)
            genanki.Package(list(decks)).write_to_db(connection.cursor(), timestamp, ids)
            connection.commit()
        finally:
            connection.close()
        collection = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        _member(archive, "collection.anki2", collection)
        names = {str(index): name for index, (name, _) in enumerate(media)}
        _member(archive, "media", json.dumps(names).encode())
        for index, (_, data) in enumerate(media):
            _member(archive, str(index), data)
    return out.getvalue()
