"""``crossref`` and ``xdata``: fields an entry takes from another, with biblatex's field mapping.

biber (biblatex's backend) is the reference. An ``xdata`` entry is a bag of fields that entries
naming it in ``xdata = {a, b}`` take as their own; it is not an entry of the bibliography. A
``crossref`` child takes every field it lacks from its parent, except a few that identify the
parent itself, and some fields change name on the way: a proceedings' ``title`` is the
``booktitle`` of a paper in it (biblatex manual, appendix "Default Inheritance Setup").
The child's own fields always win.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..base.diagnostics import Diagnostic, Severity
from .entries import BibEntry

#: Never inherited: they describe the parent entry itself.
_NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
    }
)

_TITLES = ("title", "subtitle", "titleaddon")
_UNTITLED = {"shorttitle": None, "sorttitle": None, "indextitle": None, "indexsorttitle": None}


def _titles_as(prefix: str) -> dict[str, str | None]:
    """The parent's titles under ``prefix`` (``booktitle``, ``mainsubtitle``, ...)."""
    return {**{t: f"{prefix}{t}" for t in _TITLES}, **_UNTITLED}


_BOOK_PARTS = frozenset({"inbook", "bookinbook", "suppbook"})
_COLLECTION_PARTS = frozenset({"incollection", "inreference", "suppcollection"})

#: (parent types, child types) -> how fields are renamed (``None``: not inherited).
_MAPPINGS: tuple[tuple[frozenset[str], frozenset[str], dict[str, str | None]], ...] = (
    (frozenset({"mvbook"}), frozenset({"book", *_BOOK_PARTS}), _titles_as("main")),
    (
        frozenset({"mvcollection", "mvreference"}),
        frozenset({"collection", "reference", *_COLLECTION_PARTS}),
        _titles_as("main"),
    ),
    (frozenset({"mvproceedings"}), frozenset({"proceedings", "inproceedings"}), _titles_as("main")),
    (frozenset({"book"}), _BOOK_PARTS, _titles_as("book")),
    (frozenset({"collection", "reference"}), _COLLECTION_PARTS, _titles_as("book")),
    (frozenset({"proceedings"}), frozenset({"inproceedings"}), _titles_as("book")),
    (
        frozenset({"periodical"}),
        frozenset({"article", "suppperiodical"}),
        {"title": "journaltitle", "subtitle": "journalsubtitle", **_UNTITLED},
    ),
)


def _mapping(parent: str, child: str) -> Mapping[str, str | None]:
    for parents, children, mapping in _MAPPINGS:
        if parent in parents and child in children:
            return mapping
    return {}


def _inherited(parent: BibEntry, child: BibEntry) -> dict[str, str]:
    """``child``'s fields completed from ``parent``'s."""
    fields = dict(child.fields)
    mapping = _mapping(parent.type, child.type)
    book_author = parent.type in ("book", "mvbook") and child.type in _BOOK_PARTS
    for name, value in parent.fields.items():
        if name in _NOT_INHERITED:
            continue
        targets = [mapping.get(name, name)]
        if book_author and name == "author":
            targets.append("bookauthor")  # the book's author is also the part's
        for target in targets:
            if target is not None and target not in fields:
                fields[target] = value
    return fields


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.replace("{", "").replace("}", "").split(",") if k.strip()]


def resolve_inheritance(
    entries: Mapping[str, BibEntry],
) -> tuple[dict[str, BibEntry], list[Diagnostic]]:
    """Entries with ``xdata`` and ``crossref`` fields filled in; ``@xdata`` entries removed."""
    diagnostics: list[Diagnostic] = []
    lowered = {key.lower(): entry for key, entry in entries.items()}

    def missing(entry: BibEntry, field: str, key: str, what: str) -> None:
        diagnostics.append(
            Diagnostic(
                entry.source,
                entry.line,
                1,
                f"{field} '{key}' names no {what} in the bibliography; nothing is inherited",
                field,
                hint="check the key (keys are matched as written, ignoring case)",
                severity=Severity.WARNING,
            )
        )

    def with_xdata(entry: BibEntry, seen: tuple[str, ...]) -> BibEntry:
        names = entry.fields.get("xdata")
        if not names:
            return entry
        fields = dict(entry.fields)
        for name in _keys(names):
            source = lowered.get(name.lower())
            if source is None or source.type != "xdata":
                missing(entry, "xdata", name, "@xdata entry")
                continue
            if source.key in seen:
                continue  # a cycle: biber refuses it too; the fields so far stand
            source = with_xdata(source, (*seen, source.key))
            for field, value in source.fields.items():
                if field not in _NOT_INHERITED and field not in fields:
                    fields[field] = value
        return _replaced(entry, fields)

    resolved = {key: with_xdata(e, (key,)) for key, e in entries.items() if e.type != "xdata"}
    lowered = {key.lower(): key for key in resolved}
    done: dict[str, BibEntry] = {}

    def with_parent(key: str, seen: tuple[str, ...]) -> BibEntry:
        if key in done:
            return done[key]
        entry = resolved[key]
        parent_key = (entry.fields.get("crossref") or "").strip()
        if parent_key:
            parent = lowered.get(parent_key.lower())
            if parent is None:
                missing(entry, "crossref", parent_key, "entry")
            elif parent not in seen:  # a cycle ends where it closes, as in biber
                # The parent first takes from its own parent (mvbook -> book -> inbook).
                entry = _replaced(entry, _inherited(with_parent(parent, (*seen, key)), entry))
        done[key] = entry
        return entry

    return {key: with_parent(key, ()) for key in resolved}, diagnostics


def _replaced(entry: BibEntry, fields: dict[str, str]) -> BibEntry:
    return BibEntry(entry.key, entry.type, MappingProxyType(fields), entry.source, entry.line)
