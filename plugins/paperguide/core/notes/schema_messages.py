"""jsonschema's validation errors rewritten as located diagnostics with a hint to fix each."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from typing import Any

from jsonschema.exceptions import ValidationError

from ..base.diagnostics import Diagnostic, format_field_path
from ..base.yaml_locator import Locator
from .schema import schema_for

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


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


def suggest(word: str, choices: Sequence[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def convert(
    error: ValidationError, name: str, display_path: str, locator: Locator
) -> Iterator[Diagnostic]:
    path = list(error.absolute_path)
    field = format_field_path(path) if path else None
    validator = error.validator

    if validator == "additionalProperties":
        allowed = sorted(schema_for(error, name).get("properties", {}))
        instance = error.instance if isinstance(error.instance, dict) else {}
        for extra in sorted(set(instance) - set(allowed)):
            line, col = locator.key_at([*path, extra])
            guess = suggest(extra, allowed)
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
        guess = suggest(str(got), allowed) if isinstance(got, str) else None
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
