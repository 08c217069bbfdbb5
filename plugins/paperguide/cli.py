"""The ``paperguide`` command: work with notes without building the site.

This module only parses arguments and turns failures into messages; the subcommands live in
``paperguide.commands`` and the logic in ``paperguide.core``. Exit status: 0 when all is well,
1 when the content has problems (or a note would be overwritten), 2 for a usage mistake.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__
from .commands import check, deck, new, schema
from .commands.errors import UsageError
from .core.notes.schema import SCHEMA_NAMES
from .core.site.mkdocs_yml import settings_from_mkdocs_yml

__all__ = ["build_parser", "main", "settings_from_mkdocs_yml"]

_MAIN_EPILOG = """\
examples:
  paperguide new he2022masked          scaffold content/papers/he2022masked.yml
  paperguide check                     validate every note and .bib file
  paperguide check --format github     the same, as annotations on a pull request
  paperguide schema --write schemas    copy the JSON Schemas for editors
  paperguide deck                      write paperguide.apkg, an Anki deck of the notes

Run `paperguide COMMAND --help` for the options of one command.
exit status: 0 all good, 1 problems in the content, 2 a usage mistake.
"""

_CHECK_EPILOG = """\
examples:
  paperguide check                          every problem, one per line
  paperguide check -f site/mkdocs.yml       a site whose configuration is elsewhere
  paperguide check --format json | jq .summary
  paperguide check --format github          in GitHub Actions: annotations on the changed lines
  paperguide check --advice                 also the method's advice on each note's outside context

Warnings fail the check too (exit 1), as they fail `mkdocs build --strict` in CI; pass
--allow-warnings while a note is still in progress. The site is not built.
"""

_NEW_EPILOG = """\
examples:
  paperguide new he2022masked               one note, from the site's bibliography
  paperguide new --markdown ma2019qhadam     a Markdown note (fields in the front matter)
  paperguide new --from-bib zotero.bib       a note for every entry in that file

An existing note is never overwritten: `new KEY` stops with exit 1, `--from-bib` skips it and
says so. The note's first line points editors at the JSON Schema (relative to the note): at
the package's schema when its sources are in this repository, otherwise at schemas/ in the
site's folder (written if missing); --schema-ref sets another path or a URL.
"""

_SCHEMA_EPILOG = """\
examples:
  paperguide schema                    list the schemas
  paperguide schema note > note.json   print one
  paperguide schema --write schemas    write note, tracker and concept .schema.json files

Point editors at them with a first line such as
  # yaml-language-server: $schema=../../schemas/note.schema.json
"""


_DECK_EPILOG = """\
examples:
  paperguide deck                      paperguide.apkg next to mkdocs.yml
  paperguide deck -o study/sam.apkg    somewhere else (the folder must exist)
  paperguide deck --force              replace the deck written last time

Cards: every self-check, every resolved unknown (question -> answer and evidence), every
explained symbol (the symbol in its formula -> meaning and kind) and every plot (label ->
axes and units); one sub-deck per paper (paperguide::<key>). Import the file into Anki again
after editing notes: the cards are updated in place, with their review history.
"""


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        "-f",
        default="mkdocs.yml",
        metavar="FILE",
        help="the site's mkdocs.yml (default: %(default)s)",
    )


def build_parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="paperguide",
        description="Work with paperguide notes: scaffold, check, export schemas and an Anki "
        "deck, without building the site.",
        epilog=_MAIN_EPILOG,
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"paperguide {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_check = commands.add_parser(
        "check",
        help="validate every note and .bib file; exit 1 on any problem",
        description="Validate all notes and bibliography files, without building the site, "
        "and print every problem with its file, line, column, field and a hint.",
        epilog=_CHECK_EPILOG,
        formatter_class=raw,
    )
    _add_config(p_check)
    p_check.add_argument(
        "--format",
        choices=check.FORMATS,
        default="text",
        help="text: 'path:line:col: message' lines (default); json: one document for tools; "
        "github: workflow commands that annotate a pull request",
    )
    p_check.add_argument(
        "--allow-warnings",
        action="store_true",
        help="exit 0 when there are warnings but no errors",
    )
    p_check.add_argument(
        "--advice",
        action="store_true",
        help="also print advice for authors (outside context against the method's step 1), "
        "as information that never fails the check; `mkdocs serve` shows it on the pages",
    )
    p_check.set_defaults(run=check.run)

    p_new = commands.add_parser(
        "new",
        help="scaffold a note from its BibTeX entry (never overwrites)",
        description="Create content/papers/<key>.yml from the paper's BibTeX entry: the schema "
        "line, the title as a comment, and every section empty under a hint naming the step of "
        "the reading method. The new note passes `paperguide check` as it is.",
        epilog=_NEW_EPILOG,
        formatter_class=raw,
    )
    _add_config(p_new)
    p_new.add_argument("keys", nargs="*", metavar="KEY", help="BibTeX keys of the papers")
    p_new.add_argument(
        "--from-bib",
        metavar="FILE.bib",
        help="scaffold a note for every entry of this file, skipping papers that have one",
    )
    p_new.add_argument(
        "--markdown",
        action="store_true",
        help="write <key>.md with the fields as front matter (free notes go in the body)",
    )
    p_new.add_argument(
        "--schema-ref",
        metavar="PATH_OR_URL",
        help="what the `$schema=` line points at, verbatim (default: see below)",
    )
    p_new.set_defaults(run=new.run)

    p_schema = commands.add_parser(
        "schema",
        help="print or write the JSON Schemas (note, tracker, concept)",
        description="Print one of the JSON Schemas that editors use to complete and check "
        "notes, or write them to a folder.",
        epilog=_SCHEMA_EPILOG,
        formatter_class=raw,
    )
    p_schema.add_argument(
        "name", nargs="?", choices=SCHEMA_NAMES, metavar="NAME", help="note, tracker or concept"
    )
    p_schema.add_argument(
        "--write", metavar="DIR", help="write <name>.schema.json files into DIR (created)"
    )
    p_schema.set_defaults(run=schema.run)

    p_deck = commands.add_parser(
        "deck",
        help="write an Anki deck (.apkg) of the notes' cards",
        description="Write an Anki deck of study cards made from the notes: self-checks, "
        "resolved unknowns, formula symbols and figure axes, with math typeset by KaTeX.",
        epilog=_DECK_EPILOG,
        formatter_class=raw,
    )
    _add_config(p_deck)
    p_deck.add_argument(
        "--output",
        "-o",
        metavar="FILE.apkg",
        help=f"where to write the deck (default: {deck.DEFAULT_FILE} next to mkdocs.yml)",
    )
    p_deck.add_argument("--force", action="store_true", help="replace an existing file")
    p_deck.set_defaults(run=deck.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"paperguide {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`paperguide schema note | head`); that is not an error.
        # Point stdout at devnull so the interpreter's final flush does not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"paperguide {args.command}: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
