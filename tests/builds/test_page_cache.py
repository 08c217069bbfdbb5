"""The page render cache (issue 17): a generated page is converted again only when something it
shows changed, and a page served from the cache gives the same site, warnings and backlinks as
one converted anew.

Conversions are counted by wrapping MkDocs' ``Page.render`` (what the cache calls on a miss),
never by timing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.helpers import (
    MINIMAL_BIB,
    BuildResult,
    build_site,
    merge_config,
    site_digests,
    write_files,
)

pytestmark = pytest.mark.slow

BIB = MINIMAL_BIB + textwrap.dedent("""\
    @inproceedings{ioffe2015batch,
      author = {Ioffe, Sergey and Szegedy, Christian},
      title = {Batch Normalization}, booktitle = {ICML}, year = {2015}
    }
    """)

ALPHA = "key: ma2019qhadam\nsummary: {summary}\n"
#: Beta's summary cites alpha, so beta's guide page shows alpha's card (and its summary).
BETA = textwrap.dedent("""\
    key: kingma2015adam
    summary: Adam, generalised later by [@ma2019qhadam].
    unknowns:
      - id: bias
        category: explained
        question: Why correct the bias?
    """)
GAMMA = "key: ioffe2015batch\nsummary: Normalise each batch.\n"

FILES: dict[str, str | bytes] = {
    "content/references.bib": BIB,
    "content/papers/ma2019qhadam.yml": ALPHA.format(summary="Quasi-hyperbolic momentum."),
    "content/papers/kingma2015adam.yml": BETA,
    "content/papers/ioffe2015batch.yml": GAMMA,
    "content/index.md": "# Home\n\nStart with [@kingma2015adam].\n",
}

GENERATED_PREFIXES = ("papers/", "unknowns/", "bibliography.md", "graph.md")


def _build(root: Path, renders: list[str], **kwargs) -> tuple[BuildResult, set[str]]:
    renders.clear()
    result = build_site(root, **kwargs)
    assert result.ok, result.error or result.warnings()
    assert not any("Traceback" in m for m in result.messages)
    generated = {src for src in renders if src.startswith(GENERATED_PREFIXES)}
    return result, generated


def _keep(result: BuildResult, name: str) -> Path:
    kept = result.root / name
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(result.site, kept)
    return kept


def test_a_warm_build_converts_no_generated_page_and_gives_the_same_site(tmp_path, renders):
    cold, converted = _build(tmp_path, renders, files=FILES)
    assert "papers/ma2019qhadam.md" in converted and "bibliography.md" in converted
    first = _keep(cold, "cold-site")
    warm, converted_again = _build(tmp_path, renders)
    assert converted_again == set()
    assert "index.md" in renders  # hand-written pages are converted as before
    assert site_digests(warm.site) == site_digests(first)
    # ...and the same as a build that never used the cache.
    off, _ = _build(
        tmp_path, renders, config={"plugins": ["search", {"paperguide": {"page_cache": False}}]}
    )
    assert site_digests(off.site) == site_digests(first)


def test_editing_a_summary_reconverts_only_its_note_and_every_card_follows(tmp_path, renders):
    _build(tmp_path, renders, files=FILES)
    edited = {"content/papers/ma2019qhadam.yml": ALPHA.format(summary="Edited summary text.")}
    warm, converted = _build(tmp_path, renders, files=edited)
    # Only alpha's own page is converted: cards are filled in after conversion (once per
    # entry), so beta's page, which shows alpha's card, is restored with the new card.
    assert converted == {"papers/ma2019qhadam.md"}
    beta = warm.article("papers/kingma2015adam/")
    assert "Edited summary text." in beta.select_one(".pg-card__summary").get_text()
    # Gamma's page and the bibliography were restored, and still show the right backlinks.
    cold_root = tmp_path / "cold"
    shutil.copytree(tmp_path / "content", cold_root / "content")
    cold = build_site(
        cold_root, config={"plugins": ["search", {"paperguide": {"page_cache": False}}]}
    )
    assert cold.ok
    assert site_digests(warm.site) == site_digests(cold.site)


def test_backlinks_on_restored_pages_follow_a_new_citation(tmp_path, renders):
    """Gamma's page is restored, yet its "cited by" list gains the home page that now cites it."""
    _build(tmp_path, renders, files=FILES)
    warm, converted = _build(
        tmp_path, renders, files={"content/index.md": "# Home\n\nSee [@ioffe2015batch].\n"}
    )
    assert "papers/ioffe2015batch.md" not in converted
    backlinks = warm.article("papers/ioffe2015batch/").select(".pg-backlinks a")
    assert [a.get_text() for a in backlinks] == ["Home"]
    # The search index reads the filled-in page: the restored page's records follow too.
    index = json.loads((warm.site / "search/search_index.json").read_text("utf-8"))
    cold_root = tmp_path / "cold"
    shutil.copytree(tmp_path / "content", cold_root / "content")
    cold = build_site(
        cold_root, config={"plugins": ["search", {"paperguide": {"page_cache": False}}]}
    )
    assert json.loads((cold.site / "search/search_index.json").read_text("utf-8")) == index


def _drawing(width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}"/></svg>\n'
    )


def test_an_image_replaced_by_one_of_another_size_changes_the_pages_that_show_it(tmp_path, renders):
    # The card's <img> carries the file's size; the same path with a new drawing must not
    # come back from the cache with the old width and height.
    note = GAMMA + "figures:\n  - id: plot\n    image: plot.svg\n    alt: A plot.\n"
    files = {**FILES, "content/papers/ioffe2015batch.yml": note}
    _build(tmp_path, renders, files={**files, "content/papers/plot.svg": _drawing(40, 20)})
    _, converted = _build(tmp_path, renders)
    assert converted == set()
    warm, converted = _build(
        tmp_path, renders, files={"content/papers/plot.svg": _drawing(300, 600)}
    )
    assert "papers/ioffe2015batch.md" in converted
    img = warm.article("papers/ioffe2015batch/").select_one(".pg-figure img")
    assert (img["width"], img["height"]) == ("300", "600")
    # Pages that do not show the figure stay cached.
    assert "papers/ma2019qhadam.md" not in converted


def _broken_link_site() -> dict[str, str | bytes]:
    return {
        **FILES,
        "content/papers/ioffe2015batch.yml": (
            "key: ioffe2015batch\nsummary: See [the missing page](../nowhere.md).\n"
        ),
    }


def test_warnings_of_a_generated_page_come_back_on_every_build(tmp_path, renders):
    first = build_site(tmp_path, _broken_link_site(), strict=False)
    assert first.ok
    warned = [w for w in first.warnings() if "nowhere.md" in w]
    assert warned
    second = build_site(tmp_path, strict=False)
    assert [w for w in second.warnings() if "nowhere.md" in w] == warned
    strict = build_site(tmp_path)
    assert not strict.ok
    assert [w for w in strict.warnings() if "nowhere.md" in w] == warned


def _entries(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "paperguide" / "rendered").glob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), id="truncated"
        ),
        pytest.param(lambda p: p.write_bytes(b"\x00garbage{"), id="corrupt"),
        pytest.param(lambda p: p.write_text('{"key": "x", "sha256": "0"}\n{}'), id="foreign-seal"),
    ],
)
def test_a_damaged_entry_is_converted_again(tmp_path, renders, damage):
    cold, _ = _build(tmp_path, renders, files=FILES)
    first = _keep(cold, "cold-site")
    entries = _entries(tmp_path)
    assert entries
    for path in entries:
        damage(path)
    again, converted = _build(tmp_path, renders)
    assert "papers/ma2019qhadam.md" in converted
    assert site_digests(again.site) == site_digests(first)
    _healed, converted = _build(tmp_path, renders)  # rewritten by the build before
    assert converted == set()


def test_a_cache_from_another_version_is_not_read(tmp_path, renders, monkeypatch):
    from paperguide.core.base import diskcache

    cold, _ = _build(tmp_path, renders, files=FILES)
    first = _keep(cold, "cold-site")
    monkeypatch.setattr(diskcache, "code_version", lambda: "paperguide=0.0.1;code=other")
    other, converted = _build(tmp_path, renders)
    assert "papers/ma2019qhadam.md" in converted
    assert site_digests(other.site) == site_digests(first)


def test_a_read_only_cache_folder_means_converting_every_page(tmp_path, renders, monkeypatch):
    from tests.builds.test_cache_faults import _refuse_writes_under

    cold, _ = _build(tmp_path, renders, files=FILES)
    first = _keep(cold, "cold-site")
    _refuse_writes_under(monkeypatch, tmp_path / ".cache")
    again, converted = _build(tmp_path, renders)
    assert "papers/ma2019qhadam.md" in converted
    assert site_digests(again.site) == site_digests(first)


def test_serve_rebuilds_in_one_process_stay_correct(
    tmp_path, renders, card_conversions, monkeypatch
):
    """Like ``mkdocs serve``: one plugin instance, a fresh config per rebuild."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from paperguide.core.pages import render_cache

    cards = card_conversions

    decoded: list[str] = []
    real_decode = render_cache._decode
    monkeypatch.setattr(
        render_cache, "_decode", lambda data: decoded.append("x") or real_decode(data)
    )
    write_files(tmp_path, FILES)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(merge_config(None)), "utf-8")
    site = tmp_path / "site"
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    plugins = config.plugins
    try:
        build(config)
        for summary in ("Second text.", "Third text."):
            write_files(
                tmp_path, {"content/papers/ma2019qhadam.yml": ALPHA.format(summary=summary)}
            )
            config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))
            config.plugins = plugins  # serve keeps the plugin instances (on_startup)
            renders.clear()
            cards.clear()
            decoded.clear()
            build(config)
            beta = (site / "papers" / "kingma2015adam" / "index.html").read_text("utf-8")
            assert summary in beta
            # Only the edited note's card is converted again; the others are kept from the
            # build before.
            assert cards == ["ma2019qhadam"]
            # Restored pages come from the previous build's entries in memory, not from disk.
            assert decoded == []
            # Beta's page shows alpha's card: restored, with the card of this rebuild.
            assert renders == ["index.md", "papers/ma2019qhadam.md"]
    finally:
        plugins.on_shutdown()


def test_concurrent_warm_builds_share_one_page_cache(tmp_path):
    write_files(tmp_path, FILES)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(merge_config(None)), "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def run(sites: list[str]) -> None:
        builds = [
            subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", name],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name in sites
        ]
        for process in builds:
            _out, err = process.communicate(timeout=300)
            assert process.returncode == 0, err[-3000:]
            assert "Traceback" not in err

    run(["cold"])
    reference = site_digests(tmp_path / "cold")
    write_files(tmp_path, {"content/papers/ma2019qhadam.yml": ALPHA.format(summary="Changed.")})
    run(["a", "b"])  # both convert the changed pages and write the same entries at once
    run(["c", "d"])  # both read them
    assert (
        site_digests(tmp_path / "a") == site_digests(tmp_path / "b") == site_digests(tmp_path / "c")
    )
    assert site_digests(tmp_path / "c") == site_digests(tmp_path / "d") != reference
    assert not list((tmp_path / ".cache").rglob("*.tmp"))


def test_a_restored_guide_page_still_lists_its_page_checks(tmp_path, renders):
    """A Markdown note's body may hold '/// check' blocks; its guide page is generated, so a warm
    build restores it without conversion, and the checks it recorded must be replayed."""
    note = textwrap.dedent("""\
        ---
        key: ma2019qhadam
        checks:
          - id: in-note
            question: A note's check?
            answer: Yes.
        ---

        /// check
        BODY_QUESTION, asked in the note's body?

        /// answer
        BODY_ANSWER.
        ///
        ///
        """)
    files = {**FILES, "content/papers/ma2019qhadam.md": note}
    del files["content/papers/ma2019qhadam.yml"]
    cold, converted = _build(tmp_path, renders, files=files)
    assert "papers/ma2019qhadam.md" in converted
    listed = cold.article("checks/").select(".pg-check")
    assert any("BODY_QUESTION" in c.get_text() for c in listed)
    first = str(cold.article("checks/"))
    warm, converted_again = _build(tmp_path, renders)
    assert converted_again == set()  # the guide page and the checks page were restored
    assert str(warm.article("checks/")) == first


@pytest.fixture
def parsed_for_search(monkeypatch) -> list[str]:
    """The ``src_uri`` of every page Material's search plugin parsed for its index."""
    from material.plugins.search.plugin import SearchIndex

    seen: list[str] = []
    real = SearchIndex.add_entry_from_context

    def counting(self, page) -> None:
        seen.append(page.file.src_uri)
        real(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", counting)
    return seen


def test_a_restored_page_gives_the_search_index_its_stored_records(
    tmp_path, renders, parsed_for_search, monkeypatch
):
    from paperguide.adapter import search

    lightened: list[str] = []
    real_lighten = search.without_excluded
    monkeypatch.setattr(
        search, "without_excluded", lambda html: lightened.append(html) or real_lighten(html)
    )
    _build(tmp_path, renders, files=FILES)
    first = json.loads((tmp_path / "site/search/search_index.json").read_text("utf-8"))
    assert "papers/ma2019qhadam.md" in parsed_for_search
    assert lightened
    parsed_for_search.clear()
    lightened.clear()
    _build(tmp_path, renders)
    # Only the hand-written page is read again; the index is the same. Restored pages whose
    # records are used are not even lightened for the search plugin.
    assert parsed_for_search == ["index.md"]
    assert len(lightened) <= 1
    assert json.loads((tmp_path / "site/search/search_index.json").read_text("utf-8")) == first
    # An edit re-reads exactly the page converted again: beta's page, restored with the edited
    # note's card, is read before its cards are filled in (cards are not indexed).
    parsed_for_search.clear()
    edited = {"content/papers/ma2019qhadam.yml": ALPHA.format(summary="Edited summary text.")}
    _, converted = _build(tmp_path, renders, files=edited)
    assert converted == {"papers/ma2019qhadam.md"}
    assert {p for p in parsed_for_search if p != "index.md"} == converted
    docs = json.loads((tmp_path / "site/search/search_index.json").read_text("utf-8"))["docs"]
    assert any("Edited summary text." in d["text"] for d in docs)
    # Other search settings: the stored records are not used.
    parsed_for_search.clear()
    config = {"plugins": [{"search": {"separator": "[\\s]+"}}, "paperguide"]}
    _build(tmp_path, renders, config=config)
    assert "papers/ioffe2015batch.md" in parsed_for_search


def test_no_page_html_is_held_for_the_cache_once_a_page_is_converted_or_restored(
    tmp_path, renders, monkeypatch
):
    """Peak memory: a page's HTML lives in the page, not also in the cache's entry for it
    (entries are written when the page is converted; search records apart, when known)."""
    from paperguide.adapter.page_cache import PageCache

    held: list[tuple[str, int]] = []
    real = PageCache.page_done

    def page_done(self, page, *, changed=False):
        found = self.entries.get(page.file.src_uri)
        if found is not None:
            held.append((page.file.src_uri, len(found[1].html)))
        real(self, page, changed=changed)

    monkeypatch.setattr(PageCache, "page_done", page_done)
    _build(tmp_path, renders, files=FILES)
    assert held and all(size == 0 for _, size in held), held
    cold_index = (tmp_path / "site/search/search_index.json").read_text("utf-8")
    held.clear()
    _, converted = _build(tmp_path, renders)
    assert converted == set()
    assert held and all(size == 0 for _, size in held), held
    # ...and the warm site and its search index are still those of the cold build.
    assert (tmp_path / "site/search/search_index.json").read_text("utf-8") == cold_index
