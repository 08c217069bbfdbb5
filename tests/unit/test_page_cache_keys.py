"""What the page render cache keys on: the keys a page's Markdown hands to extensions, and
which Markdown extensions it trusts to depend on the page alone."""

from __future__ import annotations

from types import SimpleNamespace

from paperguide.adapter.page_key import canonical, unsafe_extension
from paperguide.core.pages.page_dependencies import PageDependencies


def _deps(keys: set[str], notes: dict[str, str] | None = None) -> PageDependencies:
    notes = notes or {}
    library = SimpleNamespace(
        notes=notes,
        bibliography=SimpleNamespace(entries=dict.fromkeys(keys), get=lambda key: None),
        unloaded={},
        is_unloaded=lambda key: False,
    )
    return PageDependencies(library, None)  # type: ignore[arg-type]


def test_citations_and_block_arguments_name_keys_plain_text_does_not():
    deps = _deps({"he.2016:resnet", "adam", "odd key", "bn", "word"})
    markdown = (
        "As @he.2016:resnet. showed [see @{odd key}, p. 3; -@adam].\n"
        "/// unknowns | bn explained\n///\n"
        "A word, a [link](papers/adam.md), mail a@b.com.\n"
    )
    shown, cited = deps.keys_of(markdown)
    # A block shows the note; a citation reads only the label, entry and link.
    assert shown == {"bn"}
    assert cited == {"he.2016:resnet", "odd key", "adam"}


def test_a_cited_note_is_not_followed_a_shown_one_is():
    notes = {
        "a": "cites @b",
        "b": "/// unknown | c#x\n///",
        "c": "cites @d and shows\n/// unknown | e#y\n///",
    }
    deps = _deps({"a", "b", "c", "d", "e", "f"}, notes=notes)
    # Citing "a" shows its card, which is filled in after conversion: nothing of "a"'s note
    # is read, so nothing it names is followed.
    assert deps.keys_of("[@a]") == (set(), {"a"})
    # Showing "b" shows what b's prose embeds ("c"), and what c's embeds ("e"); what they
    # cite is read as a citation only.
    assert deps.keys_of("/// unknown | b#z\n///") == ({"b", "c", "e"}, {"d"})


def test_extensions_that_read_other_files_turn_the_cache_off():
    assert unsafe_extension(["toc", "admonition", "pymdownx.superfences", "attr_list"]) is None
    assert unsafe_extension(["toc", "pymdownx.snippets"]) == "pymdownx.snippets"
    assert unsafe_extension(["mdx_truly_sane_lists"]) == "mdx_truly_sane_lists"


def test_canonical_text_is_stable_and_names_functions():
    assert canonical({"b": [1, {"x": None}], "a": len}) == canonical(
        {"a": len, "b": [1, {"x": None}]}
    )
    assert "builtins.len" in canonical(len)


class _CountingNote:
    """A note whose text counts how often it is read."""

    def __init__(self, text: str, reads: list[str]) -> None:
        self.text, self.reads = text, reads

    def __repr__(self) -> str:
        self.reads.append(self.text)
        return self.text


def test_a_serve_rebuild_reads_only_the_notes_that_changed():
    reads: list[str] = []
    notes = {"a": _CountingNote("/// unknown | b#x", reads), "b": _CountingNote("cites @c", reads)}
    first = _deps({"a", "b", "c"}, notes=notes)
    page = "/// unknown | a#y\n///"
    digest = first.digest(page)
    assert reads  # read once each (what they name, and their digest)
    reads.clear()
    # The next build: "b" was edited (a new object), "a" is the same object.
    notes = {"a": notes["a"], "b": _CountingNote("cites @c, now edited", reads)}
    again = PageDependencies(_deps({"a", "b", "c"}, notes=notes).library, None, previous=first)
    assert again.digest(page) != digest
    assert reads and all(text == "cites @c, now edited" for text in reads)
    # Other known keys: nothing is reused.
    reads.clear()
    PageDependencies(_deps({"a", "b", "c", "d"}, notes=notes).library, None, first).digest(page)
    assert "/// unknown | b#x" in reads
