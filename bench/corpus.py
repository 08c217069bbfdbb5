"""Synthetic but realistic content for benchmarks: N paper notes and an M-entry bibliography.

Every note exercises the sections a real third-pass note has (context, unknowns in all five
categories, anchors, figures, code map, method, results, formulas with symbols, related papers),
with prose of realistic length, inline and display math, and citations. The output is a complete
site directory (mkdocs.yml + content/) that builds with paperguide.
"""

from __future__ import annotations

import argparse
import random
import textwrap
from pathlib import Path

CATEGORIES = ("assumed", "explained", "hand-waved", "wrong", "padding")
WORDS = [
    "model",
    "training",
    "loss",
    "gradient",
    "attention",
    "encoder",
    "decoder",
    "mask",
    "token",
    "embedding",
    "layer",
    "dataset",
    "batch",
    "optimizer",
    "schedule",
    "warmup",
    "baseline",
    "ablation",
    "benchmark",
    "accuracy",
    "scale",
    "transformer",
    "convolution",
    "residual",
    "normalization",
    "dropout",
    "momentum",
    "variance",
    "bias",
    "prior",
    "objective",
    "sample",
    "pixel",
    "patch",
    "window",
    "prompt",
    "query",
    "key",
    "value",
    "head",
    "projection",
    "feature",
]


def _sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def bib_entry(index: int) -> str:
    return textwrap.dedent(f"""\
        @inproceedings{{paper{index:05d},
          author    = {{M{{\\"u}}ller, Anna and Smith, John and van der Berg, Kees and {{Lab {index % 7}}}}},
          title     = {{A Study of {{Things}} Number {index}: {WORDS[index % len(WORDS)]} at scale}},
          booktitle = {{Proceedings of the Conference on Learning}},
          year      = {{{2010 + index % 15}}},
          month     = jul,
          doi       = {{10.1000/bench.{index}}},
          eprint    = {{{2000 + index % 99:04d}.{index:05d}}},
          archivePrefix = {{arXiv}}
        }}
        """)


def note_yaml(index: int, papers: int, rng: random.Random, *, citations: bool) -> str:
    key = f"paper{index:05d}"
    cite = (lambda k: f" [@paper{k:05d}]") if citations else (lambda k: "")
    other = [(index + d) % papers for d in (1, 2, 3)]
    unknowns = []
    for u, category in enumerate(CATEGORIES):
        resolved = u % 2 == 0
        unknowns.append(
            textwrap.indent(
                textwrap.dedent(f"""\
            - id: u{u}
              category: {category}
              question: {_sentence(rng)} Why $x_{u}^2$?
              where: Section {u + 1}
              status: {"resolved" if resolved else "open"}
            """),
                "  ",
            )
            + (
                textwrap.indent(
                    f"answer: {_sentence(rng)}{cite(other[0])}\n"
                    f'evidence: ["@paper{other[1]:05d}", "https://example.org/{index}/{u}"]\n',
                    "    ",
                )
                if resolved
                else ""
            )
        )
    return (
        textwrap.dedent(f"""\
        key: {key}
        status: third-pass
        goal: reproduce
        tags: [bench, topic{index % 10}]
        summary: |
          {_paragraph(rng)}{cite(other[0])}

          {_paragraph(rng)}
        context:
          - title: Blog post about paper {index}
            url: https://example.org/blog/{index}
            kind: blog
            minutes: 12
            takeaway: {_sentence(rng)}
            resolves: [u0]
          - title: Video walkthrough {index}
            url: https://example.org/video/{index}
            kind: video
            minutes: 25
            takeaway: {_sentence(rng)}
          - title: Talk {index}
            kind: talk
            minutes: 45
        unknowns:
        """)
        + "".join(unknowns)
        + textwrap.dedent(f"""\
        anchors:
          motivation: {_paragraph(rng)}
          conclusion: {_paragraph(rng)}
        figures:
          - id: f1
            label: Figure 1
            shows: {_sentence(rng)}
            x: training steps
            y: validation loss
            units: nats
            scale: log y
            takeaway: {_sentence(rng)}
          - id: f2
            label: Table 2
            shows: {_sentence(rng)}
            takeaway: {_sentence(rng)}
        code:
          repo: example/paper{index}
          commit: 0123456789abcdef0123456789abcdef01234567
          run: {_sentence(rng)}
          map:
            - id: model
              part: Model
              path: src/model.py
              symbol: Model.forward
              lines: 10-80
              note: {_sentence(rng, 8)}
            - id: loss
              part: Loss
              path: src/loss.py
              symbol: loss_fn
              lines: 5-30
              note: {_sentence(rng, 8)}
        method:
          data: {_paragraph(rng)}
          architecture: {_paragraph(rng)}
          training:
            optimizer: {_sentence(rng)}
            schedule: {_sentence(rng)}
            losses: {_sentence(rng)}
          pipeline: {_paragraph(rng)}
          core:
            - {_sentence(rng)}
            - {_sentence(rng)}
        results:
          - claim: {_sentence(rng)}
            evidence: Table 2, {_sentence(rng, 6)}
            figure: f1
          - claim: {_sentence(rng)}{cite(other[2])}
        formulas:
          - id: update
            title: Update rule
            where: Eq. 1
            tex: \\theta_{{t+1}} = \\theta_t - \\alpha \\frac{{m_t}}{{\\sqrt{{v_t}} + \\epsilon}}
            symbols:
              - tex: \\theta_t
                meaning: Parameters at step $t$.
                kind: vector
              - tex: \\alpha
                meaning: Learning rate.
                kind: scalar
              - tex: m_t
                meaning: First moment.
              - tex: v_t
                meaning: Second moment.
            intuition: {_sentence(rng)}
            cases:
              - when: $v_t = 1$
                becomes: plain momentum SGD.
            summary: {_sentence(rng, 8)}
            code: model
          - id: loss
            title: Loss
            tex: \\mathcal{{L}} = \\sum_{{i=1}}^{{N}} \\ell(y_i, \\hat{{y}}_i)
            symbols:
              - tex: \\mathcal{{L}}
                meaning: Total loss.
              - tex: \\hat{{y}}_i
                meaning: Prediction for sample $i$.
        third_pass: {_paragraph(rng)}
        related:
          - key: paper{other[0]:05d}
            relation: builds-on
            note: {_sentence(rng, 8)}
          - key: paper{other[1]:05d}
            relation: compares-with
        """)
    )


MKDOCS_YML = """\
site_name: paperguide benchmark
docs_dir: content
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
  - paperguide
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences
  - pymdownx.arithmatex:
      generic: true
nav:
  - Home: index.md
  - Papers: papers/index.md
"""


def write_site(
    root: Path,
    papers: int,
    bib_entries: int | None = None,
    *,
    seed: int = 0,
    citations: bool = True,
) -> Path:
    """Write a benchmark site with ``papers`` notes and ``bib_entries`` (>= papers) entries."""
    rng = random.Random(seed)
    bib_entries = max(bib_entries or papers, papers)
    content = root / "content"
    (content / "papers").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (content / "index.md").write_text("# Benchmark\n\n[Papers](papers/index.md)\n", "utf-8")
    (content / "references.bib").write_text(
        "".join(bib_entry(i) + "\n" for i in range(bib_entries)), "utf-8"
    )
    for index in range(papers):
        (content / "papers" / f"paper{index:05d}.yml").write_text(
            note_yaml(index, papers, rng, citations=citations), "utf-8"
        )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--papers", type=int, default=500)
    parser.add_argument("--bib", type=int, default=None)
    parser.add_argument("--no-citations", action="store_true")
    args = parser.parse_args()
    write_site(args.out, args.papers, args.bib, citations=not args.no_citations)


if __name__ == "__main__":
    main()
