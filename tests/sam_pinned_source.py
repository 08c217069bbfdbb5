"""Check the stored SAM code lines (tests/fixtures/sam_pinned_code.json) against a checkout of
the pinned commit: ``python -m tests.sam_pinned_source PATH``.

Not a test: the checkout needs the network, which tests never use. The unit tests hold every
page's links to this stored list; run this when the list or the pinned commit changes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tests.unit.test_sam_pinned_code import STORED


def mismatches(root: Path) -> list[str]:
    """Stored ranges whose first or last line does not start as recorded in ``root``."""
    wrong = []
    for key, (first, last) in STORED["lines"].items():
        path, lines = key.split("#")
        numbers = [int(n) for n in re.findall(r"\d+", lines)]
        source = (root / path).read_text("utf-8").splitlines()
        if source[numbers[0] - 1].strip()[:40] != first:
            wrong.append(f"{key}: first line")
        if source[numbers[-1] - 1].strip()[:40] != last:
            wrong.append(f"{key}: last line")
    return wrong


if __name__ == "__main__":
    problems = mismatches(Path(sys.argv[1]))
    print("\n".join(problems) or f"all {len(STORED['lines'])} stored ranges match")
    sys.exit(1 if problems else 0)
