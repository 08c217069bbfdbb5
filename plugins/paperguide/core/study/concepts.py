"""Concept pages: ``concepts/<id>.md``, hand-written Markdown with a small front matter.

The front matter (``title``, ``aliases``, ``summary``, ``topic``) is validated against the shipped
``concept`` schema with located diagnostics; the page itself renders like any other page, and
gets a "linked from" list and a local graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..base.diagnostics import Diagnostic
from ..base.filecache import FileCache
from ..base.frontmatter import split_front_matter
from ..base.textfile import read_text
from ..notes.validation import load_checked
from ..site.settings import Settings
from .concept_ids import concept_files, concept_id, looks_like_concept


@dataclass(frozen=True)
class Concept:
    """One concept page."""

    id: str  # path under the concepts folder, without ".md" ("vision-transformer")
    src_uri: str  # "concepts/vision-transformer.md"
    source: str  # how diagnostics name the file
    title: str
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class LoadedConcept:
    concept: Concept | None
    diagnostics: tuple[Diagnostic, ...]


def _first_heading(body: str) -> str | None:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip().rstrip("#").strip() or None
    return None


def parse_concept(text: str, concept_id: str, src_uri: str, source: str) -> LoadedConcept:
    """A concept from its page text; front-matter problems become diagnostics."""
    split = split_front_matter(text)
    data: object = {}
    diagnostics: list[Diagnostic] = []
    if split.yaml_text is not None:
        doc = load_checked(
            split.yaml_text,
            source,
            "concept",
            line_offset=split.yaml_first_line - 1,
            not_a_mapping=(
                "a concept's front matter must be a mapping of fields",
                "write 'title:', 'aliases:', 'summary:' or 'topic:' lines",
            ),
        )
        diagnostics.extend(doc.diagnostics)
        data = doc.data or {}
    fields = data if isinstance(data, dict) else {}

    def text_field(name: str) -> str | None:
        value = fields.get(name)
        return value if isinstance(value, str) and value.strip() else None

    aliases = fields.get("aliases")
    title = text_field("title") or _first_heading(split.body) or concept_id.replace("-", " ")
    return LoadedConcept(
        Concept(
            concept_id,
            src_uri,
            source,
            title,
            tuple(a for a in aliases if isinstance(a, str)) if isinstance(aliases, list) else (),
            text_field("summary"),
            text_field("topic"),
        ),
        tuple(diagnostics),
    )


def load_concepts(
    settings: Settings, concepts_dir: str, cache: FileCache | None = None
) -> tuple[dict[str, Concept], list[Diagnostic]]:
    """Every concept page under ``concepts_dir`` (``index.md`` is the listing, not a concept)."""
    cache = cache or FileCache()
    root = settings.resolve(concepts_dir)
    concepts: dict[str, Concept] = {}
    diagnostics: list[Diagnostic] = []
    paths = concept_files(root)
    # The cache entry depends on whether the folder is claimed: the kinds differ.
    kind = "concept" if settings.concepts_claimed else "concept-if-marked"
    for path in paths:
        loaded = cache.get(kind, path, lambda path=path: _load(path, root, settings))
        diagnostics.extend(loaded.diagnostics)
        if loaded.concept is not None:
            concepts[loaded.concept.src_uri] = loaded.concept
    return concepts, diagnostics


def _load(path: Path, root: Path, settings: Settings) -> LoadedConcept:
    source = settings.display(path)
    text, problems = read_text(path, source)
    if text is None:
        return LoadedConcept(None, tuple(problems))
    if not settings.concepts_claimed and not looks_like_concept(text):
        return LoadedConcept(None, ())  # a page of the site's own that happens to live here
    src_uri = path.relative_to(settings.content_dir).as_posix()
    return parse_concept(text, concept_id(path, root), src_uri, source)
