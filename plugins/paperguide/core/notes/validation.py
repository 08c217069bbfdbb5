"""YAML read and checked against a shipped schema; what is reported is pruned from the data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import ValidationError

from ..base.diagnostics import Diagnostic
from ..base.yaml_locator import Locator
from ..base.yamlsource import load_yaml
from .model import DataPath
from .prune import pruned, with_renames
from .schema import schema_for, validator
from .schema_messages import convert, suggest


def _errors(data: Any, name: str) -> list[ValidationError]:
    return sorted(validator(name).iter_errors(data), key=lambda e: list(map(str, e.path)))


def validate(data: Any, name: str, display_path: str, locator: Locator) -> list[Diagnostic]:
    """All schema problems of ``data`` at once, sorted by position."""
    return _diagnostics(_errors(data, name), name, display_path, locator)


def _diagnostics(
    errors: list[ValidationError], name: str, display_path: str, locator: Locator
) -> list[Diagnostic]:
    diagnostics = [d for error in errors for d in convert(error, name, display_path, locator)]
    return sorted(diagnostics, key=lambda d: (d.line or 0, d.column or 0))


def _invalid_paths(errors: list[ValidationError], name: str) -> Iterator[DataPath]:
    """Where the reported values are: each is dropped before anything is built from the data.

    An unknown field drops that field; anything else drops the offending value itself. A missing
    required field drops nothing (the readers skip a record they cannot build), nor does a
    repeated list item (each item is valid; dropping the list would lose them all).
    """
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator in ("required", "uniqueItems"):
            continue
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = schema_for(error, name).get("properties", {})
            yield from ((*path, extra) for extra in error.instance if extra not in allowed)
        else:
            yield path


@dataclass(frozen=True)
class CheckedDocument:
    """A YAML document read and validated against one of our schemas."""

    #: The data without any value a diagnostic was reported for; None when the document is
    #: empty or not a mapping.
    data: dict[str, Any] | None
    locator: Locator
    diagnostics: list[Diagnostic]
    empty: bool  # nothing in it at all (no syntax error either)


def load_checked(
    text: str,
    source: str,
    schema: str,
    *,
    not_a_mapping: tuple[str, str],
    line_offset: int = 0,
) -> CheckedDocument:
    """Read YAML, require a mapping at the top, and validate it against ``schema``.

    ``not_a_mapping`` is the message and hint for a document that is a list or a scalar.
    """
    doc = load_yaml(text, source, line_offset=line_offset)
    diagnostics = list(doc.diagnostics)
    if doc.data is None:
        return CheckedDocument(None, doc.locator, diagnostics, empty=not diagnostics)
    if not isinstance(doc.data, dict):
        line, col = doc.locator.value_at(())
        message, hint = not_a_mapping
        diagnostics.append(Diagnostic(source, line, col, message, hint=hint))
        return CheckedDocument(None, doc.locator, diagnostics, empty=False)
    errors = _errors(doc.data, schema)
    renames = list(_misspelt_required(errors, schema))
    fixed = {(path, right) for path, _, right in renames}
    # A misspelt required field is one mistake: "unknown field 'questoin'; did you mean
    # 'question'?" says it all, so the "missing required field" error is not reported too.
    errors_shown = [
        e
        for e in errors
        if not (e.validator == "required" and (tuple(e.absolute_path), _missing(e)) in fixed)
    ]
    diagnostics.extend(_diagnostics(errors_shown, schema, source, doc.locator))
    if not renames:
        return CheckedDocument(
            pruned(doc.data, _invalid_paths(errors, schema)), doc.locator, diagnostics, False
        )
    # The value is then read under the field it was meant for, so the record and everything
    # that refers to it (embeds, links to its anchor) stay; a value the intended field does not
    # accept is dropped like any other invalid value.
    data = with_renames(doc.data, renames)
    return CheckedDocument(
        pruned(data, _invalid_paths(_errors(data, schema), schema)), doc.locator, diagnostics, False
    )


def _missing(error: ValidationError) -> str:
    return error.message.split("'")[1] if "'" in error.message else ""


def _misspelt_required(
    errors: list[ValidationError], name: str
) -> Iterator[tuple[DataPath, str, str]]:
    """``(path, written, meant)`` for each unknown field that is a near miss of a required
    field the same mapping lacks."""
    for error in errors:
        if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
            continue
        schema = schema_for(error, name)
        allowed = sorted(schema.get("properties", {}))
        required = set(schema.get("required", []))
        for extra in sorted(set(error.instance) - set(allowed)):
            guess = suggest(extra, allowed)
            if guess in required and guess not in error.instance:
                yield tuple(error.absolute_path), extra, guess
