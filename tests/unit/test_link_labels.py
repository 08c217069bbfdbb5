"""Short labels for long URLs (evidence lists and code links show these, not the raw URL)."""

from __future__ import annotations

import pytest

from paperguide.core.base.link_labels import MAX_LABEL, link_label
from paperguide.core.base.markdown_text import escape_text

SAM = "https://github.com/facebookresearch/segment-anything"
COMMIT = "dca509fe793f601edb92606367a655c15ac00fdf"


@pytest.mark.parametrize(
    ("url", "label"),
    [
        # A blob pinned to a commit, with a line range: file, lines, short commit.
        (
            f"{SAM}/blob/{COMMIT}/segment_anything/utils/amg.py#L156-L176",
            "amg.py L156–176 @ dca509f",
        ),
        # One line.
        (
            "https://github.com/facebookresearch/qhoptim/blob/"
            "e81dea3f2765780cf4fbb90b87b22ba7604b8625/qhoptim/pyt/qhm.py#L61",
            "qhm.py L61 @ e81dea3",
        ),
        # GitHub's column anchors (selecting part of a line) keep only the lines.
        (f"{SAM}/blob/{COMMIT}/a/b.py#L10C3-L20C9", "b.py L10–20 @ dca509f"),
        # No fragment; a branch rather than a commit; a query (?plain=1) is not shown.
        (f"{SAM}/blob/main/README.md?plain=1#L5", "README.md L5 @ main"),
        (f"{SAM}/blob/{COMMIT}/setup.py", "setup.py @ dca509f"),
        # An anchor that is not a line is ignored.
        (f"{SAM}/blob/{COMMIT}/README.md#installation", "README.md @ dca509f"),
        # Tree links: the folder (or the repository at its root) at the ref.
        (f"{SAM}/tree/{COMMIT}", "facebookresearch/segment-anything @ dca509f"),
        (f"{SAM}/tree/{COMMIT}/segment_anything/modeling", "modeling/ @ dca509f"),
        (f"{SAM}/tree/{COMMIT}/segment_anything/modeling/", "modeling/ @ dca509f"),
        # raw.githubusercontent.com is a blob by another name.
        (
            f"https://raw.githubusercontent.com/facebookresearch/segment-anything/{COMMIT}/"
            "notebooks/predictor_example.ipynb",
            "predictor_example.ipynb @ dca509f",
        ),
        # Percent-encoded names are shown decoded.
        (f"{SAM}/blob/{COMMIT}/docs/my%20notes.md#L1-L2", "my notes.md L1–2 @ dca509f"),
        # Other GitHub pages and other hosts: host and path, without www., query or fragment.
        (SAM, "github.com/facebookresearch/segment-anything"),
        (
            f"{SAM}/issues/12#issuecomment-1",
            "github.com/facebookresearch/segment-anything/issues/12",
        ),
        ("https://arxiv.org/abs/2304.02643", "arxiv.org/abs/2304.02643"),
        ("https://arxiv.org/abs/2304.02643v4?context=cs", "arxiv.org/abs/2304.02643v4"),
        ("https://segment-anything.com/", "segment-anything.com"),
        ("http://WWW.Example.ORG:8080/a/", "example.org:8080/a"),
        (
            "https://www.youtube.com/playlist?list=PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab",
            "youtube.com/playlist",
        ),
        # A long path keeps its first and last segments.
        (
            "https://ai.facebook.com/blog/2023/04/05/research/segment-anything-foundation-model-"
            "image-segmentation/",
            "ai.facebook.com/blog/…/segment-anything-foundation-model-image-segmentation",
        ),
        # The label names the host the link really goes to, not the user-info in front of it.
        ("https://github.com@evil.example/x", "evil.example/x"),
        ("https://user:secret@github.com/a/b/blob/main/c.py", "c.py @ main"),
        # A blob URL cut short is shown as a plain path.
        (f"{SAM}/blob/", "github.com/facebookresearch/segment-anything/blob"),
    ],
)
def test_labels(url: str, label: str) -> None:
    assert link_label(url) == label


def test_long_names_are_cut_to_a_bounded_label() -> None:
    label = link_label(f"{SAM}/blob/{'x' * 500}/{'y' * 500}.py#L1-L2")
    assert len(label) <= MAX_LABEL
    assert "…" in label
    assert link_label("https://" + "a" * 300 + ".example/" + "b/" * 300).count("…") >= 1
    assert len(link_label("https://" + "a" * 300 + ".example/" + "b/" * 300)) <= MAX_LABEL


@pytest.mark.parametrize(
    "hostile",
    [
        "https://example.org/<script>alert(1)</script>",
        "https://example.org/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "https://example.org/a%0Ab%00c%E2%80%AEd",
        "https://example.org/[x](javascript:alert(1))",
        "javascript:alert(1)",
        "not a url at all",
        "",
        "https://[::1",
    ],
)
def test_hostile_and_broken_strings_give_plain_one_line_text(hostile: str) -> None:
    label = link_label(hostile)
    assert isinstance(label, str)
    assert label.isprintable()  # no newlines, NULs or bidi overrides
    assert len(label) <= MAX_LABEL
    # The template escapes the label as text: no markup survives.
    escaped = escape_text(label)
    assert "<" not in escaped and "[" not in escaped and "(" not in escaped


def test_decoded_control_characters_are_not_shown() -> None:
    # %0A, %00 and U+202E (right-to-left override) stay encoded rather than being decoded.
    assert link_label("https://example.org/a%0Ab%00c%E2%80%AEd") == (
        "example.org/a%0Ab%00c%E2%80%AEd"
    )
