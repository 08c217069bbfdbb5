"""Figure cards show the figure (issue #16): ``image`` + ``alt`` on a note's figure.

The image is a file in the docs folder, written relative to the note (next to it, or
``../images/x.svg``). The card shows it, with its alt text, from the guide page and from any page
that embeds the figure, under both ``use_directory_urls`` settings. Every mistake (no alt, a
missing file, an unsupported type, a path or link leaving the docs folder) is one located
diagnostic, reported the same by ``paperguide check``; the card then shows no image and nothing
outside the docs folder is read or published.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml

from paperguide.commands.check import collect
from paperguide.core.base.diagnostics import Severity
from paperguide.core.site.mkdocs_yml import load_site_config
from tests.helpers import MINIMAL_BIB, BuildResult, build_site

PREFIX = "WARNING  paperguide: "
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20">'
    '<rect width="40" height="20" fill="#fff"/></svg>\n'
)
# A 1×1 PNG: the smallest file a browser decodes as an image.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2271d"
    "9f0000000049454e44ae426082"
)

NOTE = """\
key: ma2019qhadam
figures:
  - id: pipeline
    label: Figure 1
    shows: The optimiser as a pipeline.
    image: pipeline.svg
    alt: Gradient flows into two momentum buffers, then into the update.
  - id: curves
    label: Figure 2
    shows: Loss curves.
    x: training steps
    y: validation loss
    image: ../images/curves.png
    alt: Two loss curves; QHAdam's falls faster.
  - id: unlabelled
    shows: A sketch without a label.
results:
  - claim: Faster convergence.
    figure: curves
  - claim: A sketch says so.
    figure: unlabelled
"""

FILES: dict[str, str | bytes] = {
    "content/index.md": "# Home\n",
    "content/references.bib": MINIMAL_BIB,
    "content/papers/ma2019qhadam.yml": NOTE,
    "content/papers/pipeline.svg": SVG,
    "content/images/curves.png": PNG,
    "content/deep/dive/embed.md": (
        "# Embeds\n\n/// figure | ma2019qhadam#pipeline\n///\n\n/// figures | ma2019qhadam\n///\n"
    ),
}


def _build(tmp_path: Path, files: dict[str, str | bytes], **config: object) -> BuildResult:
    return build_site(tmp_path, files, config=dict(config) or None)


def _page_path(url: str) -> str:
    """The site path of the HTML file for a page URL (``papers/x/`` or ``papers/x.html``)."""
    return url + "index.html" if url.endswith("/") or not url else url


def _images(result: BuildResult, url: str) -> list:
    return result.html(url).select("article .pg-figure img")


def _assert_loads(result: BuildResult, url: str, img: object) -> None:
    """The ``src`` of ``img`` on the page at ``url`` names a file the site contains."""
    src = img["src"]  # type: ignore[index]
    assert not src.startswith(("/", "http")), src
    target = posixpath.normpath(posixpath.join(posixpath.dirname(_page_path(url)), src))
    assert (result.site / target).is_file(), (url, src, target)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_cards_show_their_image_from_the_guide_and_from_embeds(tmp_path, directory_urls):
    result = _build(tmp_path, FILES, use_directory_urls=directory_urls)
    assert result.ok, result.warnings() or result.error
    assert result.warnings() == []
    guide = "papers/ma2019qhadam/" if directory_urls else "papers/ma2019qhadam.html"
    embeds = "deep/dive/embed/" if directory_urls else "deep/dive/embed.html"
    # Next to the note and elsewhere in the docs folder: both are published as they are.
    assert (result.site / "papers/pipeline.svg").read_text("utf-8") == SVG
    assert (result.site / "images/curves.png").read_bytes() == PNG
    for url, count in ((guide, 2), (embeds, 3)):
        images = _images(result, url)
        assert len(images) == count, (url, images)
        for img in images:
            _assert_loads(result, url, img)
            assert img["loading"] == "lazy"
            assert img["alt"].strip()
    first = _images(result, guide)[0]
    assert first["alt"] == "Gradient flows into two momentum buffers, then into the update."
    # SVGs get the light plate that drawings made on white need in the dark palette.
    assert "pg-figure-image--svg" in first.parent["class"]


def test_only_plots_have_axes_rows(tmp_path):
    result = _build(tmp_path, FILES)
    article = result.article("papers/ma2019qhadam/")
    pipeline = article.select_one("#fig-pipeline")
    curves = article.select_one("#fig-curves")
    assert "axis" not in pipeline.get_text()
    assert pipeline.select("table") == []
    assert "x axis" in curves.get_text() and "training steps" in curves.get_text()


def test_results_link_with_the_figure_label(tmp_path):
    result = _build(tmp_path, FILES)
    results = result.article("papers/ma2019qhadam/").select_one("#results").find_next("ul")
    links = {a.get_text(): a["href"] for a in results.select("a")}
    assert links == {"Figure 2": "#fig-curves", "figure unlabelled": "#fig-unlabelled"}


def test_image_is_a_recognised_field_of_the_schema(tmp_path):
    schema = Path(__file__).resolve().parents[2] / "plugins/paperguide/schema/note.schema.json"
    figure = yaml.safe_load(schema.read_text("utf-8"))["definitions"]["figure"]["properties"]
    assert {"image", "alt"} <= set(figure)


OUTSIDE = "SECRET-OUTSIDE-THE-DOCS-FOLDER"

# name -> (the figure's image/alt lines, expected message part, field, column of the value)
BAD: dict[str, tuple[str, str, str, int]] = {
    "missing file": (
        "    image: nowhere.svg\n    alt: A diagram.\n",
        "image file 'nowhere.svg' not found",
        "figures[0].image",
        12,
    ),
    "alt missing": ("    image: pipeline.svg\n", "needs 'alt'", "figures[0].image", 12),
    "alt empty": (
        "    image: pipeline.svg\n    alt: '  '\n",
        "'alt' is empty",
        "figures[0].alt",
        10,
    ),
    "unsupported type": (
        "    image: pipeline.pdf\n    alt: A diagram.\n",
        "'.pdf' is not an image type",
        "figures[0].image",
        12,
    ),
    "parent escape": (
        "    image: ../../etc/passwd.png\n    alt: A diagram.\n",
        "outside the docs folder",
        "figures[0].image",
        12,
    ),
    "absolute path": (
        "    image: /etc/secret.png\n    alt: A diagram.\n",
        "absolute",
        "figures[0].image",
        12,
    ),
    "alt without image": (
        "    alt: A diagram.\n",
        "but there is no 'image'",
        "figures[0].alt",
        10,
    ),
    "symlink outside": (
        "    image: linked.png\n    alt: A diagram.\n",
        "links to a file outside the docs folder",
        "figures[0].image",
        12,
    ),
}


def _bad_site(root: Path, lines: str) -> dict[str, str | bytes]:
    outside = root / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.png").write_text(OUTSIDE, "utf-8")
    link = root / "content/papers/linked.png"
    link.parent.mkdir(parents=True, exist_ok=True)
    if "linked.png" in lines and not link.is_symlink():
        # MkDocs would publish any such link in the docs folder; refused as a figure's image,
        # paperguide keeps it out of the site too.
        link.symlink_to(outside / "secret.png")
    note = "key: ma2019qhadam\nfigures:\n  - id: pipeline\n    label: Figure 1\n" + lines
    return {
        "content/index.md": "# Home\n",
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": note,
        "content/papers/pipeline.svg": SVG,
    }


@pytest.mark.parametrize("case", list(BAD))
def test_each_image_mistake_is_one_located_diagnostic(tmp_path, case):
    lines, message, field, column = BAD[case]
    files = _bad_site(tmp_path, lines)
    result = _build(tmp_path, files)
    assert not result.ok
    ours = [w.removeprefix(PREFIX) for w in result.warnings() if w.startswith(PREFIX)]
    assert len(ours) == 1, ours
    key = field.rsplit(".", 1)[1] + ":"
    line = 5 + next(i for i, text in enumerate(lines.splitlines()) if text.strip().startswith(key))
    assert ours[0].startswith(f"content/papers/ma2019qhadam.yml:{line}:{column}: "), ours[0]
    assert message in ours[0] and f"(field {field})" in ours[0], ours[0]
    assert "; " in ours[0], "a hint follows the message"
    assert [w for w in result.warnings() if not w.startswith(PREFIX)] == []

    # Served or non-strict: the card is there, without an image; nothing outside is published.
    loose = build_site(tmp_path, config=None, strict=False)
    assert loose.ok, loose.error
    card = loose.article("papers/ma2019qhadam/").select_one("#fig-pipeline")
    assert card is not None and card.select("img") == []
    for path in loose.site.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert OUTSIDE.encode() not in path.read_bytes(), path


def test_check_reports_what_the_build_reports(tmp_path):
    # Every mistake at once, in one note: the build and `paperguide check` list the same lines.
    lines = (
        "    image: nowhere.svg\n    alt: A.\n"
        "  - id: b\n    image: pipeline.svg\n"
        "  - id: c\n    image: pipeline.svg\n    alt: ''\n"
        "  - id: d\n    image: pipeline.pdf\n    alt: D.\n"
        "  - id: e\n    image: ../../etc/passwd.png\n    alt: E.\n"
        "  - id: f\n    image: /etc/secret.png\n    alt: F.\n"
        "  - id: g\n    image: linked.png\n    alt: G.\n"
        "results:\n  - claim: Dangling.\n    figure: nope\n"
    )
    files = _bad_site(tmp_path, lines)
    result = _build(tmp_path, files)
    built = {w.removeprefix(PREFIX) for w in result.warnings() if w.startswith(PREFIX)}
    assert len(built) == 8, "\n".join(sorted(built))
    _, found = collect(load_site_config(tmp_path / "mkdocs.yml"))
    checked = {d.format() for d in found if d.severity >= Severity.WARNING}
    assert checked == built, (sorted(checked - built), sorted(built - checked))
    assert any(re.search(r"no figure with id 'nope'", d) for d in built)


def test_alt_text_is_data_shown_as_written(tmp_path):
    hostile = '"><script>alert(1)</script> *not em* @kingma2015adam $x$ [a](javascript:b)'
    note = NOTE.replace(
        "alt: Gradient flows into two momentum buffers, then into the update.",
        "alt: " + yaml.safe_dump(hostile, default_style='"').strip(),
    )
    result = _build(tmp_path, {**FILES, "content/papers/ma2019qhadam.yml": note})
    assert result.ok, result.warnings() or result.error
    html = result.html("papers/ma2019qhadam/")
    assert html.select_one("#fig-pipeline img")["alt"] == hostile
    assert html.select("article script") == []


def test_images_carry_their_own_size_so_the_page_keeps_their_room(tmp_path):
    # A lazy image without width/height takes no room until it loads, and then pushes down
    # whatever the reader jumped to; the file's own size reserves the room from the start.
    result = _build(tmp_path, FILES)
    assert result.ok, result.warnings() or result.error
    for url in ("papers/ma2019qhadam/", "deep/dive/embed/"):
        for img in _images(result, url):
            expected = ("40", "20") if img["src"].endswith(".svg") else ("1", "1")
            assert (img.get("width"), img.get("height")) == expected, (url, img)


def test_the_example_sam_drawings_get_their_size(example_build):
    sizes = {"sam-model-overview.svg": ("400", "495"), "sam-data-engine.svg": ("400", "455")}
    seen = set()
    for url in ("papers/kirillov2023segment/", "sam/prompt-encoder/"):
        for img in example_build.html(url).select("article .pg-figure img"):
            name = posixpath.basename(img["src"])
            assert (img.get("width"), img.get("height")) == sizes[name], (url, img)
            seen.add(name)
    assert seen == set(sizes)


@pytest.mark.parametrize(
    "data", [PNG[:20], b"\x89PNG\r\n\x1a\n" + bytes(40), b"<svg"], ids=["cut", "zeros", "svg"]
)
def test_an_image_of_unreadable_size_still_shows_with_one_note(tmp_path, data):
    name = "content/papers/pipeline.svg" if data == b"<svg" else "content/images/curves.png"
    result = _build(tmp_path, {**FILES, name: data})
    assert result.ok, result.warnings() or result.error  # strict: a note, not a warning
    assert not any("Traceback" in m for m in result.messages)
    notes = [m for m in result.messages if "size" in m and m.startswith("INFO")]
    assert len(notes) == 1, notes
    field = "figures[0].image" if data == b"<svg" else "figures[1].image"
    assert "content/papers/ma2019qhadam.yml:" in notes[0] and f"(field {field})" in notes[0]
    images = {posixpath.basename(i["src"]): i for i in _images(result, "papers/ma2019qhadam/")}
    broken = images[posixpath.basename(name)]
    assert "width" not in broken.attrs and "height" not in broken.attrs
    others = [i for n, i in images.items() if n != posixpath.basename(name)]
    assert others and all(i.get("width") for i in others)
