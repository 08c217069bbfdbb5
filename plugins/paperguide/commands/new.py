"""``paperguide new``: scaffold notes from BibTeX entries, never overwriting one.

Where the scaffold's ``$schema`` line points (editors resolve it relative to the note):

1. ``--schema-ref`` when given, verbatim (a URL such as the site's published
   ``<site_url>/schema/note.schema.json``, or a path relative to the note);
2. the package's own schema file when the package is a source checkout inside the site's
   repository (the example site: ``../../plugins/paperguide/schema/note.schema.json``);
3. otherwise ``<site root>/schemas/note.schema.json``: a copy committed with the site, written
   here when missing. A path into an installed package (``.venv/lib/python3.x/site-packages``)
   would break with every Python upgrade and on every other machine, and a URL needs network
   and a published site, so a committed copy is the dependable default.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..core.base.diagnostics import Severity
from ..core.base.limits import MAX_BIB_FILE_BYTES
from ..core.base.slugs import key_slug
from ..core.base.textfile import read_text
from ..core.bib.bibtex import parse_bib_text
from ..core.bib.entries import BibEntry, Bibliography
from ..core.bib.macros import assemble
from ..core.library.library import RESERVED_SLUGS, Library
from ..core.library.loading import load_library
from ..core.notes.note_files import NOTE_SUFFIXES
from ..core.notes.scaffold import key_problem, note_file_stem, relative_reference, scaffold_note
from ..core.notes.schema import schema_text
from ..core.site.mkdocs_yml import SiteConfig, load_site_config
from ..core.site.settings import Settings
from .errors import UsageError
from .write_guard import check_write_target

#: Where a site without the package's sources keeps the schema copy its notes point at.
SCHEMA_COPY = Path("schemas") / "note.schema.json"
_INSTALL_DIRS = {"site-packages", "dist-packages"}


def packaged_schema() -> Path | None:
    """The note schema file of the installed package, when it is a real file."""
    path = Path(str(resources.files("paperguide.schema").joinpath("note.schema.json")))
    return path.resolve() if path.is_file() else None


def _inside(path: Path, root: Path) -> bool:
    return path.is_relative_to(root.resolve())


@dataclass
class _Schema:
    """Decides the ``$schema`` reference once per run (and writes the copy if needed)."""

    site: SiteConfig
    explicit: str | None
    target: Path | None = None
    prepared: bool = False

    def prepare(self) -> None:
        if self.prepared or self.explicit is not None:
            return
        self.prepared = True
        root = self.site.settings.root_dir.resolve()
        packaged = packaged_schema()
        if (
            packaged is not None
            and _inside(packaged, root)
            and not _INSTALL_DIRS.intersection(packaged.parts)
        ):
            self.target = packaged
            return
        self.target = root / SCHEMA_COPY
        current = schema_text("note")
        if not self.target.exists():
            check_write_target(self.target, root)
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.target.write_text(current, "utf-8")
            print(
                f"wrote {SCHEMA_COPY.as_posix()} (the note schema, for editor completion); "
                "commit it with your notes"
            )
        elif self.target.read_text("utf-8") != current:
            print(
                f"note: {SCHEMA_COPY.as_posix()} differs from this paperguide's schema; refresh "
                f"it with `paperguide schema --write {SCHEMA_COPY.parent.as_posix()}`",
                file=sys.stderr,
            )

    def reference(self, note_path: Path) -> str:
        if self.explicit is not None:
            return self.explicit
        assert self.target is not None
        return relative_reference(note_path.parent, self.target)


def _obstacle(key: str, library: Library, settings: Settings) -> tuple[str, str] | None:
    """What stands in the way of a new note for ``key``: ``("exists", path)`` when a note
    already records it (any file name, any suffix, even one too broken to load), or
    ``("blocked", reason)`` when the key cannot become a note."""
    if key in library.notes:
        return "exists", library.notes[key].source
    if problem := key_problem(key):
        return "blocked", problem + "; rename it in the .bib file"
    slug = key_slug(key)
    if slug in RESERVED_SLUGS:
        return "blocked", f"the key '{key}' would replace the generated page '{slug}'; rename it"
    for other, other_slug in library.slugs.items():
        if other_slug == slug and other != key:
            return "blocked", (
                f"the keys '{key}' and '{other}' would share the page name '{slug}'; "
                "rename one of them"
            )
    papers = settings.resolve(settings.papers_dir)
    for stem in dict.fromkeys((key, slug, note_file_stem(key, slug))):
        for suffix in NOTE_SUFFIXES:
            candidate = papers / f"{stem}{suffix}"
            if candidate.exists():
                return "exists", settings.display(candidate)
    return None


def _not_found(key: str, bibliography: Bibliography, sources: str, problems: int) -> str:
    text = f"no entry '{key}' in {sources}"
    close = difflib.get_close_matches(key, list(bibliography.entries), n=3, cutoff=0.6)
    if close:
        text += " — did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    else:
        text += " — add the paper's entry there (e.g. exported from Zotero), then run this again"
    if problems:
        text += f" ({sources} has {problems} problem(s); `paperguide check` lists them)"
    return text


class _Creator:
    def __init__(self, site: SiteConfig, library: Library, args: argparse.Namespace) -> None:
        self.site = site
        self.settings = site.settings
        self.library = library
        self.markdown = bool(args.markdown)
        self.schema = _Schema(site, args.schema_ref)
        self.created: list[tuple[Path, str]] = []

    def create(self, entry: BibEntry) -> Path:
        papers = self.settings.resolve(self.settings.papers_dir)
        stem = note_file_stem(entry.key, key_slug(entry.key))
        path = papers / f"{stem}{'.md' if self.markdown else '.yml'}"
        check_write_target(path, self.settings.root_dir)
        try:
            self.schema.prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            text = scaffold_note(entry, self.schema.reference(path), markdown=self.markdown)
            # "x" refuses to replace a file that appeared since the existence check.
            with path.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except OSError as exc:
            culprit = f" ({exc.filename})" if exc.filename and exc.filename != str(path) else ""
            raise UsageError(
                f"cannot create {self.settings.display(path)}: {exc.strerror or exc}{culprit}"
            ) from None
        self.created.append((path, entry.key))
        return path

    def page_url(self, key: str) -> str:
        return self.site.served_url(f"{self.settings.papers_dir}/{key_slug(key)}.md")


def _error(message: str) -> None:
    print(f"paperguide new: {message}", file=sys.stderr)


def _from_keys(creator: _Creator, keys: Iterable[str]) -> int:
    settings, library = creator.settings, creator.library
    sources = ", ".join(settings.display(settings.resolve(b)) for b in settings.bib_files)
    bib_problems = sum(
        1 for d in library.diagnostics if d.path.endswith(".bib") and d.severity >= Severity.ERROR
    )
    status = 0
    for key in keys:
        entry = library.bibliography.get(key)
        if entry is None:
            _error(_not_found(key, library.bibliography, sources, bib_problems))
            status = 1
            continue
        if obstacle := _obstacle(key, library, settings):
            kind, detail = obstacle
            _error(
                f"{detail} already exists, so it was left as it is — keep writing in it, "
                "or delete it first to start over"
                if kind == "exists"
                else detail
            )
            status = 1
            continue
        path = creator.create(entry)
        print(f"created {settings.display(path)} — {entry.title}")
    if creator.created:
        key = creator.created[-1][1]
        print(
            "next: fill in the sections, run `paperguide check`, and preview the page with "
            f"`make serve` at {creator.page_url(key)}"
        )
    return status


def _read_bib(path: Path) -> tuple[Bibliography, list[str]]:
    if not path.is_file():
        raise UsageError(f"no BibTeX file at {path}")
    text, problems = read_text(path, str(path), MAX_BIB_FILE_BYTES)
    if text is None:
        raise UsageError("; ".join(p.format() for p in problems))
    bibliography, diagnostics = assemble([parse_bib_text(text, str(path))])
    return bibliography, [d.format() for d in diagnostics if d.severity >= Severity.WARNING]


def _from_bib(creator: _Creator, bib_path: Path) -> int:
    settings, library = creator.settings, creator.library
    bibliography, problems = _read_bib(bib_path)
    for problem in problems:
        _error(problem)
    site_bibs = {settings.resolve(b).resolve() for b in settings.bib_files}
    in_site = bib_path.resolve() in site_bibs
    created = skipped = 0
    outside: list[str] = []
    status = 1 if problems else 0
    for key, entry in bibliography.entries.items():
        if obstacle := _obstacle(key, library, settings):
            kind, detail = obstacle
            if kind == "exists":
                print(f"skipped {key}: {detail} already exists")
                skipped += 1
            else:
                _error(f"skipped {key}: {detail}")
                status = 1
            continue
        path = creator.create(entry)
        created += 1
        print(f"created {settings.display(path)} — {entry.title}")
        if not in_site and key not in library.bibliography:
            outside.append(key)
    print(
        f"{created} note{'s' * (created != 1)} created, {skipped} existing "
        f"note{'s' * (skipped != 1)} skipped"
    )
    if outside:
        files = ", ".join(settings.bib_files)
        _error(
            f"warning: {len(outside)} of the new notes cite keys that are not in the site's "
            f"bibliography ({files}): {', '.join(outside)} — append their entries to it "
            "(or add this file to bib_files in mkdocs.yml), otherwise `paperguide check` fails"
        )
    return status


def run(args: argparse.Namespace) -> int:
    if not args.keys and args.from_bib is None:
        raise UsageError("name at least one BibTeX key, or pass --from-bib FILE.bib")
    site = load_site_config(Path(args.config))
    library = load_library(site.settings)
    creator = _Creator(site, library, args)
    status = 0
    if args.keys:
        status = max(status, _from_keys(creator, args.keys))
    if args.from_bib is not None:
        status = max(status, _from_bib(creator, Path(args.from_bib)))
    return status
