"""``paperguide schema``: print or write the JSON Schemas that editors validate notes with."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.notes.schema import SCHEMA_NAMES, load_schema, schema_text
from .errors import UsageError
from .write_guard import check_write_target


def run(args: argparse.Namespace) -> int:
    names = [args.name] if args.name else list(SCHEMA_NAMES)
    if args.write is not None:
        target = Path(args.write)
        if target.exists() and not target.is_dir():
            raise UsageError(f"{target} exists and is not a folder")
        paths = [target / f"{name}.schema.json" for name in names]
        for path in paths:  # all checked before anything is written
            check_write_target(path, Path.cwd())
        target.mkdir(parents=True, exist_ok=True)
        for name, path in zip(names, paths, strict=True):
            text = schema_text(name)
            if path.is_file() and path.read_text("utf-8") == text:
                print(f"unchanged {path.as_posix()}")
                continue
            path.write_text(text, "utf-8")
            print(f"wrote {path.as_posix()}")
        return 0
    if args.name:
        print(schema_text(args.name), end="")
        return 0
    # No name and nowhere to write: say what there is (printing three documents in a row would
    # not be valid JSON for whoever pipes it somewhere).
    for name in SCHEMA_NAMES:
        print(f"{name:8} {load_schema(name).get('title', '')}")
    print(
        "\nprint one with `paperguide schema NAME`; write all with `paperguide schema --write DIR`"
    )
    return 0
