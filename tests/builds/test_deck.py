"""The Anki deck (issue 18, item 2): ``paperguide deck`` and the ``deck`` option.

The tests open what was produced as Anki would: an ``.apkg`` is a zip holding
``collection.anki2`` (SQLite: ``notes``, ``cards``, and the decks and note types as JSON in
``col``) and ``media`` (JSON: zip member name -> file name).
"""

from __future__ import annotations

import json
import sqlite3
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from paperguide.core.library.loading import load_library
from paperguide.core.site.mkdocs_yml import load_site_config
from tests.clitools import make_site, run_cli
from tests.helpers import build_site, copy_example

pytestmark = pytest.mark.slow

KINDS = ("check", "unknown", "symbol", "figure")


@dataclass(frozen=True)
class Row:
    guid: str
    fields: tuple[str, ...]
    tags: frozenset[str]
    deck: str


@dataclass(frozen=True)
class Apkg:
    rows: tuple[Row, ...]
    decks: dict[str, str]  # id -> name
    models: dict[str, dict]
    media: dict[str, str]  # zip member -> file name
    members: frozenset[str]

    def by_guid(self) -> dict[str, Row]:
        return {row.guid: row for row in self.rows}

    def kind(self, kind: str) -> list[Row]:
        return [row for row in self.rows if f"paperguide::{kind}" in row.tags]

    def content(self) -> tuple[object, ...]:
        """What a reader gets, independent of timestamps and row ids."""
        models = {
            mid: {k: m[k] for k in ("name", "css", "flds", "tmpls")}
            for mid, m in self.models.items()
        }
        return (sorted(self.rows, key=lambda r: r.guid), self.decks, json.dumps(models))


def read_apkg(path: Path, tmp_path: Path) -> Apkg:
    with zipfile.ZipFile(path) as archive:
        members = frozenset(archive.namelist())
        media = json.loads(archive.read("media"))
        db = tmp_path / f"{path.name}.anki2"
        db.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(db) as conn:
        decks_json, models_json = conn.execute("SELECT decks, models FROM col").fetchone()
        decks = {k: v["name"] for k, v in json.loads(decks_json).items()}
        card_deck = dict(conn.execute("SELECT nid, did FROM cards").fetchall())
        (cards,) = conn.execute("SELECT count(*) FROM cards").fetchone()
        rows = tuple(
            Row(
                guid, tuple(flds.split("\x1f")), frozenset(tags.split()), decks[str(card_deck[nid])]
            )
            for nid, guid, flds, tags in conn.execute("SELECT id, guid, flds, tags FROM notes")
        )
    assert cards == len(rows)  # one card per note: front -> back
    db.unlink()
    return Apkg(rows, decks, json.loads(models_json), media, members)


def expected_counts(root: Path) -> dict[str, int]:
    """The cards the example notes call for, counted from the notes themselves."""
    library = load_library(load_site_config(root / "mkdocs.yml").settings)
    notes = list(library.notes.values())
    return {
        "check": sum(len(n.checks) for n in notes),
        "unknown": sum(1 for n in notes for u in n.unknowns if u.status == "resolved" and u.answer),
        "symbol": sum(len(f.symbols) for n in notes for f in n.formulas),
        "figure": sum(1 for n in notes for f in n.figures if f.is_plot),
    }


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, Apkg, Path]:
    """A copy of the example site, its deck from the CLI (default path) and from a build."""
    root = copy_example(tmp_path_factory.mktemp("deck") / "site")
    done = run_cli("deck", cwd=root)
    assert done.code == 0, done.err
    deck_file = root / "paperguide.apkg"
    assert "wrote paperguide.apkg" in done.out
    scratch = tmp_path_factory.mktemp("read")
    return root, read_apkg(deck_file, scratch), scratch


def test_cards_per_kind_on_the_example_site(example):
    root, apkg, _ = example
    counts = {kind: len(apkg.kind(kind)) for kind in KINDS}
    assert counts == expected_counts(root)
    assert all(counts.values()), counts
    assert len(apkg.rows) == sum(counts.values())
    print("cards per kind:", counts)


def test_one_sub_deck_per_paper_and_tags_per_category(example):
    _, apkg, _ = example
    assert {row.deck for row in apkg.rows} == {
        "paperguide::kirillov2023segment",
        "paperguide::ma2019qhadam",
    }
    categories = {t for row in apkg.kind("unknown") for t in row.tags if "::category::" in t}
    assert categories and categories <= {
        f"paperguide::category::{c}"
        for c in ("assumed", "explained", "hand-waved", "wrong", "padding")
    }
    assert len({row.guid for row in apkg.rows}) == len(apkg.rows)


def test_math_is_katex_html_and_katex_travels_with_the_deck(example):
    _, apkg, _ = example
    symbol = apkg.kind("symbol")[0]
    assert 'class="katex' in symbol.fields[0] and "<math" in symbol.fields[0]
    assert "pg-sym-0" in symbol.fields[0]  # the symbol is highlighted in its formula
    assert "\\(" not in "".join("".join(r.fields) for r in apkg.rows)  # no untypeset math
    (model,) = apkg.models.values()
    assert ".katex" in model["css"]
    fonts = sorted(apkg.media.values())
    assert fonts and all(f.startswith("_KaTeX_") and f.endswith(".woff2") for f in fonts)
    assert all(f"url({f})" in model["css"] for f in fonts)
    assert set(apkg.media) | {"media", "collection.anki2"} == apkg.members


def test_same_input_same_bytes(example, tmp_path):
    root, _, _ = example
    first = (root / "paperguide.apkg").read_bytes()
    done = run_cli("deck", "-o", str(tmp_path / "again.apkg"), cwd=root)
    assert done.code == 0, done.err
    assert (tmp_path / "again.apkg").read_bytes() == first


def test_the_option_publishes_the_same_deck(example, tmp_path):
    root, apkg, scratch = example
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "deck: paperguide.apkg" in text  # the example site publishes its deck
    result = build_site(root, config_file=config)
    assert result.ok, result.error
    assert result.warnings() == []
    published = root / "site" / "paperguide.apkg"
    assert read_apkg(published, scratch).content() == apkg.content()
    assert published.read_bytes() == (root / "paperguide.apkg").read_bytes()


NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    unknowns:
      - id: nu
        category: hand-waved
        question: Why is $\\nu = 0.7$ a good default?
        status: resolved
        answer: It was tuned on a few tasks ([tuning](javascript:alert(1)), [@ma2019qhadam]).
        evidence: ["@ma2019qhadam", "https://example.org/nu"]
    formulas:
      - id: qhm
        title: QHM step
        tex: g \\leftarrow \\beta g + (1-\\beta) \\nabla L
        symbols:
          - tex: \\beta
            meaning: momentum decay
            kind: scalar in $[0, 1)$
    figures:
      - id: sweep
        label: "Sweep <b>bold</b>"
        shows: validation loss against $\\nu$
        x: "$\\nu$"
        y: loss
        units: nats
      - id: diagram
        label: no axes, no card
    checks:
      - question: "<script>alert(1)</script> Is $x<y$ when x = 1 and y = 2?"
        answer: Yes, ANSWER_ONE.
        about: nu
    """)


def _small_site(root: Path, note: str = NOTE) -> Path:
    return make_site(root, {"ma2019qhadam.yml": note})


def test_guids_stay_when_an_answer_changes(tmp_path):
    site = _small_site(tmp_path / "site")
    assert run_cli("deck", cwd=site).code == 0
    before = read_apkg(site / "paperguide.apkg", tmp_path)
    note = site / "content/papers/ma2019qhadam.yml"
    note.write_text(note.read_text("utf-8").replace("ANSWER_ONE", "ANSWER_TWO"), "utf-8")
    done = run_cli("deck", "--force", cwd=site)
    assert done.code == 0, done.err
    after = read_apkg(site / "paperguide.apkg", tmp_path)
    assert set(before.by_guid()) == set(after.by_guid())
    (check_before,) = before.kind("check")
    check_after = after.by_guid()[check_before.guid]
    assert "ANSWER_ONE" in check_before.fields[1]
    assert "ANSWER_TWO" in check_after.fields[1] and "ANSWER_ONE" not in check_after.fields[1]
    assert {len(before.kind(k)) for k in KINDS} == {1}  # the diagram makes no card


def test_fields_are_escaped_and_math_is_typeset(tmp_path):
    site = _small_site(tmp_path / "site")
    assert run_cli("deck", cwd=site).code == 0
    apkg = read_apkg(site / "paperguide.apkg", tmp_path)
    everything = "\x1f".join("\x1f".join(row.fields) for row in apkg.rows)
    assert "<script" not in everything and "<b>" not in everything
    assert "&lt;script&gt;" in everything and "&lt;b&gt;bold&lt;/b&gt;" in everything
    assert "javascript" not in everything  # the link became its text
    (check,) = apkg.kind("check")
    assert 'class="katex"' in check.fields[0]
    assert "<mo>&lt;</mo>" in check.fields[0]  # $x<y$ became math, its "<" escaped
    (unknown,) = apkg.kind("unknown")
    assert 'href="https://example.org/nu"' in unknown.fields[1]
    assert '<span class="pg-cite">(Ma and Yarats, 2019)</span>' in unknown.fields[1]
    assert "paperguide::category::hand-waved" in unknown.tags
    assert "paperguide::category::hand-waved" in check.tags  # about an unknown of that kind
    (figure,) = apkg.kind("figure")
    assert "nats" in figure.fields[1] and "loss" in figure.fields[1]


def test_an_existing_deck_is_kept_without_force(tmp_path):
    site = _small_site(tmp_path / "site")
    (site / "paperguide.apkg").write_text("mine", "utf-8")
    done = run_cli("deck", cwd=site)
    assert done.code == 1
    assert "paperguide.apkg already exists" in done.err and "--force" in done.err
    assert "Traceback" not in done.err + done.out
    assert (site / "paperguide.apkg").read_text("utf-8") == "mine"


@pytest.mark.parametrize(
    ("target", "message"),
    [("nowhere/deck.apkg", "no folder"), ("content", "is a folder")],
)
def test_a_bad_output_path_is_a_clear_error(tmp_path, target, message):
    site = _small_site(tmp_path / "site")
    done = run_cli("deck", "-o", target, cwd=site)
    assert done.code == 2
    assert message in done.err and target in done.err
    assert "Traceback" not in done.err + done.out


@pytest.mark.parametrize("value", ["../deck.apkg", "/tmp/deck.apkg", "deck.zip"])
def test_the_option_never_points_outside_the_site(tmp_path, value):
    site = _small_site(tmp_path / "site")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - paperguide\n", f"  - paperguide:\n      deck: {value}\n"
        ),
        "utf-8",
    )
    result = build_site(site, config_file=config)
    assert not result.ok
    (message,) = [m for m in result.messages if "option 'deck'" in m]
    assert repr(value) in message and "(e.g. 'paperguide.apkg')" in message
    assert not (tmp_path / "deck.apkg").exists()


def test_a_check_with_an_id_keeps_its_card_when_the_question_is_reworded(tmp_path):
    note = NOTE + (
        "  - id: stable\n"
        "    question: QUESTION_ONE, with an id?\n"
        "    answer: Kept.\n"
        "  - question: QUESTION_ONE, without an id?\n"
        "    answer: New card.\n"
    )
    site = _small_site(tmp_path / "site", note)
    assert run_cli("deck", cwd=site).code == 0
    before = read_apkg(site / "paperguide.apkg", tmp_path)
    path = site / "content/papers/ma2019qhadam.yml"
    path.write_text(path.read_text("utf-8").replace("QUESTION_ONE", "QUESTION_TWO"), "utf-8")
    assert run_cli("deck", "--force", cwd=site).code == 0
    after = read_apkg(site / "paperguide.apkg", tmp_path)

    def guid(apkg: Apkg, text: str) -> str:
        (row,) = [r for r in apkg.kind("check") if text in r.fields[0]]
        return row.guid

    # With an id, the card is the same note in Anki, now showing the new wording.
    assert guid(before, "QUESTION_ONE, with an id") == guid(after, "QUESTION_TWO, with an id")
    # Without one, the question is the identity (documented): a reworded question is new.
    assert guid(before, "QUESTION_ONE, without") != guid(after, "QUESTION_TWO, without")
    assert len(before.kind("check")) == len(after.kind("check")) == 3
