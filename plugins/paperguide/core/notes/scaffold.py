"""A new, empty paper note scaffolded from its BibTeX entry.

The scaffold is a valid note as it stands (``paperguide check`` passes on it) so an author can
commit it, preview it and fill it pass by pass. Every section is present and empty, under a
one-line comment that names the step of the reading method it records; the two sections whose
empty form would still render a heading (``code`` and ``method``) are commented out instead.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePosixPath

import yaml

from ..bib.entries import BibEntry
from .schema import load_schema

#: The comment that points editors (the YAML language server) at the note's JSON Schema.
MODELINE_PREFIX = "# yaml-language-server: $schema="

# File names use the key itself when it is a plain name on every OS; otherwise its slug
# (which the loader also accepts as the file name of a note).
_PLAIN_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]*")


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot be a note's key, or ``None`` when it can (the schema's pattern)."""
    pattern = load_schema("note")["properties"]["key"]["pattern"]
    if re.fullmatch(pattern, key):
        return None
    return (
        f"the BibTeX key '{key}' cannot be a note key "
        "(letters, digits and _ . : / + - only, starting with a letter or digit)"
    )


def note_file_stem(key: str, slug: str) -> str:
    """The file name (without suffix) of the note for ``key``."""
    return key if _PLAIN_FILE_NAME.fullmatch(key) and not key.endswith(".") else slug


def relative_reference(from_dir: Path, target: Path) -> str:
    """``target`` as a POSIX path relative to ``from_dir`` (how editors resolve ``$schema``)."""
    rel = os.path.relpath(target.resolve(), from_dir.resolve())
    return PurePosixPath(*Path(rel).parts).as_posix()


def _yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that loads back as the same string (quoted only if needed)."""
    try:
        plain_ok = yaml.safe_load(f"v: {value}") == {"v": value}
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok and "#" not in value else json.dumps(value, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _credit(entry: BibEntry) -> str:
    """``Kirillov et al. · ICCV 2023 · arXiv 2304.02643``: who, where, when."""
    parts = [entry.short_authors] if entry.authors else []
    venue_year = " ".join(p for p in (entry.venue, entry.year) if p)
    if venue_year:
        parts.append(venue_year)
    if entry.doi:
        parts.append(f"doi {entry.doi}")
    elif entry.arxiv_id and not (entry.venue or "").startswith("arXiv"):
        parts.append(f"arXiv {entry.arxiv_id}")
    return _one_line(" · ".join(parts))


# (hint comment, YAML) per section, in the order of the reading method (as on "Writing notes").
_SECTIONS: tuple[tuple[str, str], ...] = (
    (
        "Summary: the gist in your own words (sketch it after the first read, sharpen it "
        "at the end).",
        "summary: |",
    ),
    (
        "Step 1, outside context before reading: posts and videos of varied length, one item each.",
        "context: []",
    ),
    (
        "Steps 2-4, first read: unknowns as questions; category assumed/explained/hand-waved/"
        "wrong/padding.",
        "unknowns: []",
    ),
    (
        "Second read, anchors: why the authors did it (introduction) and what they got "
        "(conclusion).",
        "anchors:\n  motivation: |\n  conclusion: |",
    ),
    (
        "Second read, figures: what each figure shows, axes and units; image: file, with alt.",
        "figures: []",
    ),
    (
        "Second read, code: the official code mapped onto the paper, pinned to a commit "
        "(uncomment).",
        "# code:\n#   repo: owner/name\n#   commit: 0000000\n#   run: |\n#   map:\n"
        "#     - part: Section 3\n#       path: src/model.py\n#       symbol: Model\n"
        "#       note: what to notice there",
    ),
    (
        "Second read, method: data, architecture, training, pipeline and the core tweaks "
        "(uncomment).",
        "# method:\n#   data: |\n#   architecture: |\n#   training:\n#     optimizer: |\n"
        "#     schedule: |\n#     losses: |\n#   pipeline: |\n#   core: []",
    ),
    ("Second read, results: each claim with its evidence (table or figure).", "results: []"),
    (
        "Formulas, symbol by symbol: what each symbol means, the special cases, the intuition.",
        "formulas: []",
    ),
    ("Third read: what still feels off, and why.", "third_pass: |"),
    ("Related papers: builds-on, extends, compares-with, uses or critiques.", "related: []"),
    ("Prerequisites: ids of tracker topics or concepts this paper needs.", "prerequisites: []"),
    (
        "Self-checks for the reader: a question, its answer, and what it is about (uncomment).",
        "# checks:\n"
        "#   - id: key-formula  # optional: a stable name; rewording keeps the Anki card\n"
        "#     question: What does the key formula compute, in one sentence?\n"
        "#     answer: |\n#       Markdown, math in $...$ and citations as [@key] allowed.\n"
        "#     about: formula-id  # optional: an unknown, figure or formula id, "
        "or formula-id#symbol",
    ),
)


def scaffold_note(entry: BibEntry, schema_ref: str | None, *, markdown: bool = False) -> str:
    """The text of a new note for ``entry``; ``.md`` front matter when ``markdown``."""
    head = []
    if schema_ref:
        head.append(MODELINE_PREFIX + schema_ref)
    head.append(f"# {_one_line(entry.title)}")
    if credit := _credit(entry):
        head.append(f"# {credit}")
    head += [
        "#",
        "# Fill the sections pass by pass; every one is optional, so delete what you do not need.",
        "# Write Markdown in the text fields: math in $...$, citations as [@key].",
        "# Check the note with `paperguide check`; preview it with `make serve`.",
    ]
    if markdown:
        head.append("# Free-form notes go in the body, after the closing ---.")
    body = [
        f"key: {_yaml_scalar(entry.key)}",
        "status: queued  # queued, context, first-pass, second-pass, third-pass or done",
        "# goal: reproduce  # or gist: use the result and trust the paper",
        "tags: []",
    ]
    for hint, section in _SECTIONS:
        body += ["", f"# {hint}", section]
    text = "\n".join([*head, *body]) + "\n"
    return f"---\n{text}---\n" if markdown else text
