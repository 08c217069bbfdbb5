"""Where each value of loaded YAML was written: data paths mapped to line and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Path_ = tuple[str | int, ...]


@dataclass
class Locator:
    """Maps data paths to 1-based ``(line, column)`` positions in the source file."""

    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def value_at(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Position of the value at ``path``, or of its nearest ancestor that exists."""
        return self._find(tuple(path), prefer_key=False)

    def key_at(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Position of the key that introduces ``path`` (falls back to the value)."""
        return self._find(tuple(path), prefer_key=True)

    def _find(self, path: Path_, *, prefer_key: bool) -> tuple[int | None, int | None]:
        while True:
            if prefer_key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.value_marks:
                return self.value_marks[path]
            if not path:
                return None, None
            path = path[:-1]
