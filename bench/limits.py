"""Scenario f: the cost of each input limit (core/base/limits.py) at a quarter, half and all of it.

Each point runs in a fresh process (time and peak memory of that process alone), so the rows
show whether the cost is linear up to the bound, and what the worst accepted input costs.
The refused inputs (an @string bomb, a formula and a file over the bounds) are timed too: they
must end in a diagnostic at once, not in an exhausted machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

_PROBE = r"""
import json, resource, sys, time
from pathlib import Path
kind, size, work = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
from paperguide.core.base import limits
from paperguide.core.bib.macros import assemble
from paperguide.core.bib.bibtex import parse_bib_text
from paperguide.core.base.textfile import read_text

def bib_text(nbytes):
    from bench.corpus import bib_entry
    out, total, i = [], 0, 0
    while total < nbytes:
        entry = bib_entry(i); out.append(entry); total += len(entry.encode()); i += 1
    return "".join(out)[:nbytes]

if kind == "katex":
    from paperguide.core.texmath.katex import Katex, find_dist
    katex = Katex(find_dist(Path.cwd()))
    katex.render("x", display=True)  # engine start-up is not the formula's cost
    tex = "x_{1} + " * ((size - 1) // 8) + "y"
    run = lambda: katex.render_full(tex, display=True)
elif kind == "katex-over":
    from paperguide.core.texmath.katex import Katex, KatexError, find_dist
    katex = Katex(find_dist(Path.cwd()))
    tex = "x + " * (size // 4)
    def run():
        try:
            katex.render_full(tex, display=True)
        except KatexError:
            pass
elif kind == "bib-field":
    text = "@misc{a, title = {" + "x" * size + "}}\n"
    run = lambda: assemble([parse_bib_text(text, "a.bib")])
elif kind == "string-bomb":
    lines = ["@string{m0 = {ab}}"] + [f"@string{{m{i} = m{i-1} # m{i-1}}}" for i in range(1, size)]
    text = "\n".join(lines) + f"\n@misc{{a, title = m{size-1}}}\n"
    run = lambda: assemble([parse_bib_text(text, "a.bib")])
elif kind == "bib-file":
    path = work / f"refs-{size}.bib"
    path.write_text(bib_text(size), "utf-8")
    run = lambda: assemble([parse_bib_text(read_text(path, "refs.bib", limits.MAX_BIB_FILE_BYTES)[0] or "", "refs.bib")])
elif kind in ("note-file", "list-items"):
    from paperguide.core.notes.loading import parse_note_parts
    if kind == "note-file":
        body = "  " + "A sentence of prose about the paper, as a note holds. " * 16 + "\n"
        text = "key: a\nsummary: |\n" + body * ((size - 64) // len(body))  # under the limit
    else:
        text = "key: a\ntags:\n" + "".join(f"  - tag{i}\n" for i in range(size))
    path = work / f"{kind}-{size}.yml"
    path.write_text(text, "utf-8")
    text = read_text(path, "a.yml")[0]
    assert text is not None, "the probe's note must be within the limit"
    run = lambda: parse_note_parts(text, "a.yml", "papers/a.yml")
t0 = time.perf_counter(); run(); seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak}))
"""


def _probe(kind: str, size: int, work: Path, env: dict[str, str], root: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, kind, str(size), str(work)],
        cwd=root,
        env={**env, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"limits probe {kind} {size} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def scenario_limits(work: Path, report_add: Callable[[str], None], env: dict[str, str]) -> None:
    from paperguide.core.base import limits

    root = Path(__file__).resolve().parent.parent
    work.mkdir(parents=True, exist_ok=True)
    rows = [
        ("formula TeX (characters)", "katex", limits.MAX_TEX_CHARS),
        ("BibTeX field after macros (characters)", "bib-field", limits.MAX_BIB_VALUE_CHARS),
        (".bib file (bytes)", "bib-file", limits.MAX_BIB_FILE_BYTES),
        ("note file (bytes)", "note-file", limits.MAX_TEXT_FILE_BYTES),
        ("items in one list", "list-items", limits.MAX_LIST_ITEMS),
    ]
    lines = []
    for label, kind, limit in rows:
        # Best of two runs per point: the machine is shared and noise only ever adds time.
        points = [
            min(
                (_probe(kind, limit * k // 4, work, env, root) for _ in range(2)),
                key=lambda p: p["seconds"],
            )
            for k in (1, 2, 4)
        ]
        t = [p["seconds"] for p in points]
        lines.append(
            f"| {label} | {limit:,} | {t[0]:.3f} | {t[1]:.3f} | {t[2]:.3f} | "
            f"{t[2] / t[1]:.2f} | {points[2]['peak_mb']:.0f} |"
        )
    refused = [
        ("@string bomb (40 doublings, 1.5 KB)", "string-bomb", 40),
        ("formula 10× over the limit", "katex-over", limits.MAX_TEX_CHARS * 10),
    ]
    for label, kind, size in refused:
        point = _probe(kind, size, work, env, root)
        lines.append(
            f"| {label} | refused | | | {point['seconds']:.3f} | | {point['peak_mb']:.0f} |"
        )
    table = "\n".join(lines)
    report_add(f"""## f. Input limits: cost up to each bound

Each bound of `core/base/limits.py` at a quarter, half and all of it, in a fresh process (seconds to
parse/check or typeset that one input, best of two; peak memory of the process at the bound). "×2" is the
time at the limit over the time at half of it: 2.0 is linear. Refused inputs end at once.

| input | limit | ¼ (s) | ½ (s) | limit (s) | ×2 | peak MB |
|---|---:|---:|---:|---:|---:|---:|
{table}
""")
