"""The SAM deep dive's direct code links and run recipe, checked against what we read at the pin.

There is no network at test time, so the facts read from facebookresearch/segment-anything at
the pinned commit are stored in ``tests/fixtures/sam_pinned_code.json``: for every line range
the pages link to, the start of its first and last line (stripped, at most 40 characters); the
command-line flags of ``scripts/amg.py``; the keyword arguments of ``SamPredictor.predict``; the
model types of ``sam_model_registry``; and the checkpoint URLs of the README. These tests check
that the pages only use what is stored. The stored lines themselves are checked against a
checkout of the pinned commit by ``python -m tests.sam_pinned_source PATH`` (it needs the
network, so it is not a test).
"""

from __future__ import annotations

import json
import re

from tests.helpers import REPO

SAM = REPO / "content" / "sam"
STORED = json.loads((REPO / "tests" / "fixtures" / "sam_pinned_code.json").read_text("utf-8"))
COMMIT = STORED["commit"]
BLOB = re.compile(
    r"https://github\.com/facebookresearch/segment-anything/blob/(?P<commit>[0-9a-f]{40})"
    r"/(?P<path>[\w/.-]+)(?:\?plain=1)?#L(?P<start>\d+)(?:-L(?P<end>\d+))?"
)


def _links(text: str) -> list[tuple[str, str, int, int]]:
    found = []
    for match in BLOB.finditer(text):
        start = int(match["start"])
        end = int(match["end"] or start)
        found.append((match["commit"], match["path"], start, end))
    return found


def _key(path: str, start: int, end: int) -> str:
    return f"{path}#L{start}" if start == end else f"{path}#L{start}-L{end}"


def _fenced(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_the_store_is_for_the_pin_the_note_names():
    note = (REPO / "content" / "papers" / "kirillov2023segment.yml").read_text("utf-8")
    assert re.search(rf"^  commit: {COMMIT}$", note, re.MULTILINE)


def test_the_worked_through_page_links_only_ranges_we_verified():
    text = (SAM / "worked-through.md").read_text("utf-8")
    links = _links(text)
    assert len(links) >= 25, "the walk links each step to the code"
    for commit, path, start, end in links:
        assert commit == COMMIT, (path, commit)
        assert start <= end, (path, start, end)
        assert _key(path, start, end) in STORED["lines"], _key(path, start, end)


def test_each_link_says_the_lines_it_opens():
    # "[transforms.py L93–L102][ref]" must open L93-L102: the text is what a reader trusts.
    text = (SAM / "worked-through.md").read_text("utf-8")
    refs = dict(re.findall(r"^\[([\w-]+)\]: (\S+)$", text, re.MULTILINE))
    uses = re.findall(r"\[([^\]\n]*?L\d+(?:–L\d+)?)\]\[([\w-]+)\]", text)
    uses += re.findall(r"\[([^\]\n]*?L\d+(?:–L\d+)?)\]\((https://github\.com/[^)\s]+)\)", text)
    assert len(uses) >= 40
    for label, target in uses:
        url = refs.get(target, target)
        link = _links(url)
        assert link, (label, url)
        _, _, start, end = link[0]
        said = [int(n) for n in re.findall(r"L(\d+)", label)]
        assert (said[0], said[-1]) == (start, end), (label, url)


def test_every_direct_code_link_in_the_section_is_verified():
    for page in sorted(SAM.glob("*.md")):
        for commit, path, start, end in _links(page.read_text("utf-8")):
            assert commit == COMMIT, (page.name, path)
            assert _key(path, start, end) in STORED["lines"], (page.name, _key(path, start, end))


def test_the_recipe_uses_only_flags_amg_py_defines():
    text = (SAM / "reproduce.md").read_text("utf-8")
    # One command per line once continuations (a trailing backslash) are joined.
    commands = "\n".join(_fenced(text, "bash")).replace("\\\n", " ").splitlines()
    runs = [line for line in commands if "scripts/amg.py" in line]
    assert runs, "the recipe runs scripts/amg.py"
    amg = " ".join(runs)
    flags = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", amg))
    assert {"--checkpoint", "--model-type", "--input", "--output", "--device"} <= flags
    assert flags <= set(STORED["amg_flags"]), flags - set(STORED["amg_flags"])
    assert re.search(r"--device cpu\b", amg), "amg.py defaults to --device cuda"
    assert re.search(r"--model-type (\w+)", amg)[1] in STORED["model_types"]


def test_the_recipe_installs_what_the_code_imports():
    text = (SAM / "reproduce.md").read_text("utf-8")
    shell = "\n".join(_fenced(text, "bash"))
    # setup.py has install_requires=[]: torch and torchvision must be installed by hand (CPU
    # builds), and scripts/amg.py imports cv2 at its top.
    assert re.search(r"pip install torch torchvision --index-url \S+/whl/cpu", shell)
    assert "pip install opencv-python" in shell
    assert f"git checkout {COMMIT}" in shell
    assert "pip install -e ." in shell
    urls = set(re.findall(r"https://dl\.fbaipublicfiles\.com/\S+\.pth", text))
    assert urls and urls <= set(STORED["checkpoints"].values()), urls


def test_the_snippet_calls_the_predictor_as_defined():
    text = (SAM / "reproduce.md").read_text("utf-8")
    python = "\n".join(_fenced(text, "python"))
    assert "SamPredictor" in python
    registry = re.search(r'sam_model_registry\["(\w+)"\]\(checkpoint="([^"]+)"\)', python)
    assert registry and registry[1] in STORED["model_types"]
    assert STORED["checkpoints"][registry[1]].endswith("/" + registry[2])
    call = python[python.index("predictor.predict(") :]
    call = call[: call.index("\n)") + 2]
    kwargs = set(re.findall(r"^\s+(\w+)=", call, re.MULTILINE))
    assert {"point_coords", "point_labels", "multimask_output"} <= kwargs
    assert kwargs <= set(STORED["predict_kwargs"]), kwargs - set(STORED["predict_kwargs"])
