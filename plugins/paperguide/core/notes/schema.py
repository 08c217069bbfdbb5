"""JSON Schema validation of YAML data, reported as located, hinted diagnostics.

The schemas are hand-written draft-07 files shipped in ``paperguide/schema`` (draft-07 because
that is what the YAML language server supports). jsonschema's raw messages are rewritten into
what an author needs: which field, what was expected, and how to fix it.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from ..base.diagnostics import Diagnostic, format_field_path
from ..base.yaml_locator import Locator
from ..base.yamlsource import load_yaml
from .model import DataPath
from .prune import pruned, with_renames

SCHEMA_NAMES = ("note", "tracker", "concept")

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


def schema_text(name: str) -> str:
    """The JSON text of a shipped schema (``note``, ``tracker`` or ``concept``)."""
    return resources.files("paperguide.schema").joinpath(f"{name}.schema.json").read_text("utf-8")


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    return json.loads(schema_text(name))


@functools.cache
def _validator(name: str) -> Draft7Validator:
    return Draft7Validator(load_schema(name))


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _expected(types: str | Sequence[str]) -> str:
    if isinstance(types, str):
        types = [types]
    return " or ".join(_TYPE_NAMES.get(t, t) for t in types)


def _suggest(word: str, choices: Sequence[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def _schema_for(error: ValidationError, name: str) -> dict[str, Any]:
    """The (sub)schema an error refers to, with ``$ref`` resolved."""
    schema = error.schema
    if isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"].split("/")[-1]
        schema = load_schema(name)["definitions"][ref]
    return schema if isinstance(schema, dict) else {}


def _convert(
    error: ValidationError, name: str, display_path: str, locator: Locator
) -> Iterator[Diagnostic]:
    path = list(error.absolute_path)
    field = format_field_path(path) if path else None
    validator = error.validator

    if validator == "additionalProperties":
        allowed = sorted(_schema_for(error, name).get("properties", {}))
        instance = error.instance if isinstance(error.instance, dict) else {}
        for extra in sorted(set(instance) - set(allowed)):
            line, col = locator.key_at([*path, extra])
            guess = _suggest(extra, allowed)
            hint = f"did you mean '{guess}'?" if guess else "allowed here: " + ", ".join(allowed)
            yield Diagnostic(
                display_path,
                line,
                col,
                f"unknown field '{extra}'",
                format_field_path([*path, extra]),
                hint,
            )
        return

    line, col = locator.value_at(path)
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield Diagnostic(
            display_path,
            line,
            col,
            f"missing required field '{missing}'",
            field,
            f"add '{missing}:' here",
        )
    elif validator == "enum":
        allowed = [str(v) for v in error.validator_value]
        got = error.instance
        guess = _suggest(str(got), allowed) if isinstance(got, str) else None
        hint = "expected one of: " + ", ".join(allowed)
        if guess:
            hint = f"did you mean '{guess}'? " + hint
        yield Diagnostic(display_path, line, col, f"'{got}' is not an allowed value", field, hint)
    elif validator == "type":
        expected = _expected(error.validator_value)
        got = _describe(error.instance)
        hint = f"write {expected} here"
        if isinstance(error.instance, bool) and "string" in error.validator_value:
            hint = "YAML reads yes/no/on/off/true/false as booleans; put the value in quotes"
        elif isinstance(error.instance, int | float) and "string" in error.validator_value:
            hint = "put the value in quotes to keep it as text"
        elif error.instance is None:
            hint = f"the field is empty; write {expected} or remove the field"
        yield Diagnostic(display_path, line, col, f"expected {expected}, got {got}", field, hint)
    elif validator == "pattern":
        value = error.instance
        last = path[-1] if path else ""
        if error.validator_value.startswith("^[a-z0-9]+(-[a-z0-9]+)*"):
            yield Diagnostic(
                display_path,
                line,
                col,
                f"'{value}' is not a valid id",
                field,
                "ids are slugs: lowercase letters, digits and single hyphens, e.g. 'mask-decoder'",
            )
        elif last == "commit":
            yield Diagnostic(
                display_path,
                line,
                col,
                f"'{value}' is not a commit hash",
                field,
                "pin the full or abbreviated hex SHA (7-40 characters), not a branch",
            )
        elif last == "key":
            yield Diagnostic(
                display_path,
                line,
                col,
                f"'{value}' is not a valid BibTeX key",
                field,
                "keys use letters, digits and _ . : / + - and start with a letter or digit",
            )
        elif last == "lines":
            yield Diagnostic(
                display_path,
                line,
                col,
                f"'{value}' is not a line range",
                field,
                "write a line or range such as 120 or 120-180",
            )
        else:
            yield Diagnostic(
                display_path,
                line,
                col,
                f"'{value}' has the wrong form",
                field,
                f"it must match {error.validator_value}",
            )
    elif validator == "uniqueItems":
        yield Diagnostic(
            display_path,
            line,
            col,
            "the list contains the same item twice",
            field,
            "remove the repeated item",
        )
    elif validator == "minimum":
        yield Diagnostic(
            display_path,
            line,
            col,
            f"{error.instance} is below the minimum {error.validator_value}",
            field,
            f"use a value of at least {error.validator_value}",
        )
    else:  # pragma: no cover - every keyword our schemas use is handled above
        yield Diagnostic(display_path, line, col, error.message, field, "see the note schema")


def _errors(data: Any, name: str) -> list[ValidationError]:
    return sorted(_validator(name).iter_errors(data), key=lambda e: list(map(str, e.path)))


def validate(data: Any, name: str, display_path: str, locator: Locator) -> list[Diagnostic]:
    """All schema problems of ``data`` at once, sorted by position."""
    return _diagnostics(_errors(data, name), name, display_path, locator)


def _diagnostics(
    errors: list[ValidationError], name: str, display_path: str, locator: Locator
) -> list[Diagnostic]:
    diagnostics = [d for error in errors for d in _convert(error, name, display_path, locator)]
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
            allowed = _schema_for(error, name).get("properties", {})
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
        schema = _schema_for(error, name)
        allowed = sorted(schema.get("properties", {}))
        required = set(schema.get("required", []))
        for extra in sorted(set(error.instance) - set(allowed)):
            guess = _suggest(extra, allowed)
            if guess in required and guess not in error.instance:
                yield tuple(error.absolute_path), extra, guess
