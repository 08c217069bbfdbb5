"""The JSON Schemas shipped in ``paperguide/schema``: their text, parsed, and their validators.

The schemas are hand-written draft-07 files (draft-07 because that is what the YAML language
server supports); ``validation.py`` checks data against them and ``schema_messages.py`` rewrites
jsonschema's raw messages into what an author needs: which field, what was expected, how to fix it.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

SCHEMA_NAMES = ("note", "tracker", "concept")


def schema_text(name: str) -> str:
    """The JSON text of a shipped schema (``note``, ``tracker`` or ``concept``)."""
    return resources.files("paperguide.schema").joinpath(f"{name}.schema.json").read_text("utf-8")


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    return json.loads(schema_text(name))


@functools.cache
def validator(name: str) -> Draft7Validator:
    return Draft7Validator(load_schema(name))


def schema_for(error: ValidationError, name: str) -> dict[str, Any]:
    """The (sub)schema an error refers to, with ``$ref`` resolved."""
    schema = error.schema
    if isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"].split("/")[-1]
        schema = load_schema(name)["definitions"][ref]
    return schema if isinstance(schema, dict) else {}
