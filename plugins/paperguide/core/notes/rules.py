"""Checks on one note that JSON Schema cannot express: ids, references, URLs, TeX, status."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from ..base.diagnostics import Diagnostic, Severity, format_field_path
from ..base.limits import MAX_TEX_CHARS
from ..base.slugs import is_citation_key, is_slug, key_slug
from ..base.urls import github_repo, path_problem, url_problem
from ..texmath.reader import TexSyntaxError, find_occurrences, parse
from .about import check_problems
from .figure_images import written_problems
from .model import DataPath, Note
from .progress import missing_for, rank, supported_status


class _Report:
    def __init__(self, note: Note) -> None:
        self.note = note
        self.items: list[Diagnostic] = []
        #: Values reported as unusable: they are pruned from the note before it is used.
        self.drops: list[DataPath] = []

    def __call__(
        self,
        path: DataPath,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
        drop: DataPath | None = None,
    ) -> None:
        if drop is not None:
            self.drops.append(drop)
        line, col = self.note.locate(path, key=key)
        self.items.append(
            Diagnostic(
                self.note.source,
                line,
                col,
                message,
                format_field_path(path) if path else None,
                hint,
                severity,
            )
        )


def _duplicates(report: _Report, kind: str, items: Iterable[tuple[str | None, DataPath]]) -> None:
    seen: dict[str, DataPath] = {}
    for ident, path in items:
        if ident is None:
            continue
        if ident in seen:
            first = report.note.locate((*seen[ident], "id"))[0]
            report(
                (*path, "id"),
                f"duplicate {kind} id '{ident}'",
                f"ids must be unique within a note; the first is on line {first}",
                drop=path,
            )
        else:
            seen[ident] = path


def check_note(note: Note) -> list[Diagnostic]:
    """Every semantic problem of one note (schema problems are reported separately)."""
    return check_note_values(note)[0]


def check_note_values(note: Note) -> tuple[list[Diagnostic], list[DataPath]]:
    """The note's semantic problems, and the data paths of the values they make unusable.

    The caller rebuilds the note without those values, so a page never links to a figure that is
    not there, nor publishes a URL or evidence that was refused.
    """
    report = _Report(note)
    _check_ids(note, report)
    _check_references(note, report)
    _check_urls(note, report)
    _check_code(note, report)
    _check_formulas(note, report)
    _check_figure_images(note, report)
    _check_checks(note, report)
    _check_status(note, report)
    _check_file_name(note, report)
    return report.items, report.drops


def _check_ids(note: Note, report: _Report) -> None:
    _duplicates(report, "unknown", ((u.id, u.at) for u in note.unknowns))
    _duplicates(report, "figure", ((f.id, f.at) for f in note.figures))
    _duplicates(report, "formula", ((f.id, f.at) for f in note.formulas))
    if note.code:
        _duplicates(report, "code map", ((r.id, r.at) for r in note.code.map))
    _duplicates(report, "check", ((c.id, c.at) for c in note.checks))


def _check_references(note: Note, report: _Report) -> None:
    unknown_ids = {u.id for u in note.unknowns}
    for item in note.context:
        for index, ref in enumerate(item.resolves):
            if is_slug(ref) and ref not in unknown_ids:
                report(
                    (*item.at, "resolves", index),
                    f"no unknown with id '{ref}' in this note",
                    _choices(unknown_ids),
                    drop=(*item.at, "resolves", index),
                )
    for unknown in note.unknowns:
        if unknown.status == "resolved" and not (unknown.answer or "").strip():
            report(
                (*unknown.at, "status"),
                f"unknown '{unknown.id}' is resolved but has no answer",
                "write what you found under 'answer:', or set status to open",
            )
        for index, evidence in enumerate(unknown.evidence):
            where = (*unknown.at, "evidence", index)
            if evidence.startswith("@") and not is_citation_key(evidence[1:]):
                report(
                    where,
                    f"evidence '{evidence}' is not a citation: "
                    f"'{evidence[1:]}' is not a BibTeX key",
                    "write @bibkey alone (letters, digits and _ . : / + -), or an http(s) URL",
                    drop=where,
                )
            elif not evidence.startswith("@") and url_problem(evidence):
                report(
                    where,
                    f"evidence '{evidence}' is neither a URL nor an @key citation",
                    "write an http(s) URL or @bibkey",
                    drop=where,
                )
    figure_ids = {f.id for f in note.figures}
    for result in note.results:
        if result.figure and is_slug(result.figure) and result.figure not in figure_ids:
            report(
                (*result.at, "figure"),
                f"no figure with id '{result.figure}' in this note",
                _choices(figure_ids),
                drop=(*result.at, "figure"),
            )
    map_ids = {r.id for r in note.code.map if r.id} if note.code else set()
    for formula in note.formulas:
        if formula.code and is_slug(formula.code) and formula.code not in map_ids:
            report(
                (*formula.at, "code"),
                f"no code-map row with id '{formula.code}'",
                _choices(map_ids) if map_ids else "give the code.map row an 'id:' first",
                drop=(*formula.at, "code"),
            )
    for related in note.related:
        if related.key == note.key:
            report(
                (*related.at, "key"),
                "a paper cannot be related to itself",
                "remove this entry",
                drop=related.at,
            )


def _choices(ids: set[str]) -> str:
    return "known ids: " + ", ".join(sorted(ids)) if ids else "this note defines none yet"


def _check_urls(note: Note, report: _Report) -> None:
    for item in note.context:
        if item.url and (problem := url_problem(item.url)):
            report(
                (*item.at, "url"),
                problem,
                "links must start with http:// or https://",
                drop=(*item.at, "url"),
            )


def _check_code(note: Note, report: _Report) -> None:
    code = note.code
    if code is None:
        return
    if code.repo and github_repo(code.repo) is None and url_problem(code.repo):
        report(
            ("code", "repo"),
            f"'{code.repo}' is not a repository",
            "write GitHub's owner/name (e.g. facebookresearch/segment-anything) or an http(s) URL",
            drop=("code", "repo"),
        )
    # A commit that was written but refused by the schema is reported already (and pruned).
    written = ("code", "commit") in note.locator.value_marks
    if code.map and code.repo and not code.commit and not written:
        report(
            ("code", "commit"),
            "the code map is not pinned to a commit",
            "add 'commit:' with the SHA you read, so links keep pointing at the same lines",
            severity=Severity.WARNING,
        )
    for row in code.map:
        if row.path and (problem := path_problem(row.path)):
            report(
                (*row.at, "path"),
                problem,
                "write the path as shown on GitHub, e.g. segment_anything/modeling/sam.py",
                drop=(*row.at, "path"),
            )


def _check_formulas(note: Note, report: _Report) -> None:
    for formula in note.formulas:
        if len(formula.tex) > MAX_TEX_CHARS:
            report(
                (*formula.at, "tex"),
                f"formula '{formula.id}' is {len(formula.tex):,} characters long, over the limit "
                f"of {MAX_TEX_CHARS:,}; it is not typeset",
                "split it into several formulas (typesetting time grows faster than its length)",
            )
            continue
        try:
            parse(formula.tex)
        except TexSyntaxError as exc:
            report(
                (*formula.at, "tex"),
                f"formula '{formula.id}' has malformed TeX: {exc}",
                "balance every { with a }",
            )
            continue
        for symbol in formula.symbols:
            try:
                found = find_occurrences(formula.tex, symbol.tex)
            except TexSyntaxError as exc:
                report(
                    (*symbol.at, "tex"),
                    f"symbol '{symbol.tex}' is malformed TeX: {exc}",
                    "balance every { with a }",
                    drop=symbol.at,
                )
                continue
            if not found:
                report(
                    (*symbol.at, "tex"),
                    f"symbol '{symbol.tex}' does not occur in formula '{formula.id}'",
                    "write the symbol as it appears in the formula's tex "
                    "(spacing and optional braces do not matter)",
                )


def _check_figure_images(note: Note, report: _Report) -> None:
    # The image is dropped on any problem: a card shows no image rather than one without alt
    # text, or one the browser cannot load. Whether the file exists is asked on every build.
    for path, message, hint in written_problems(note):
        report(path, message, hint, drop=(*path[:-1], "image"))


def _check_checks(note: Note, report: _Report) -> None:
    for path, message, hint, drop in check_problems(note):
        report(path, message, hint, drop=drop)


def _check_status(note: Note, report: _Report) -> None:
    if note.status is None:
        return
    supported = supported_status(note)
    if rank(note.status) > rank(supported):
        missing = missing_for(note, note.status)
        report(
            ("status",),
            f"status '{note.status}' is ahead of what the note contains "
            f"(missing: {'; '.join(missing)})",
            f"add what is missing, or set status to '{supported}'",
            severity=Severity.WARNING,
        )


def _check_file_name(note: Note, report: _Report) -> None:
    stem = PurePosixPath(note.src_uri).stem
    if stem not in (note.key, key_slug(note.key)):
        report(
            ("key",),
            f"the file name '{PurePosixPath(note.src_uri).name}' does not match "
            f"the key '{note.key}'",
            f"rename the file to '{key_slug(note.key)}"
            f"{PurePosixPath(note.src_uri).suffix}' (copied from another note?)",
            severity=Severity.WARNING,
        )


def iter_citation_keys(note: Note) -> Iterator[tuple[str, DataPath]]:
    """``@key`` evidence and related keys, with where they are written."""
    for unknown in note.unknowns:
        for index, evidence in enumerate(unknown.evidence):
            if evidence.startswith("@"):
                yield evidence[1:], (*unknown.at, "evidence", index)
    for related in note.related:
        yield related.key, (*related.at, "key")
