"""`paperguide new`: scaffolds that pass the check, never an overwritten note."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from paperguide.commands import new as new_command
from paperguide.core.notes.schema import schema_text
from tests.clitools import make_site, run_cli
from tests.helpers import write_files

MODELINE = "# yaml-language-server: $schema="


def _schema_ref(path: Path) -> Path:
    lines = path.read_text("utf-8").splitlines()
    first = lines[1] if path.suffix == ".md" else lines[0]
    assert first.startswith(MODELINE), first
    return (path.parent / first[len(MODELINE) :]).resolve()


def test_new_scaffolds_a_valid_note(tmp_path):
    make_site(tmp_path)
    done = run_cli("new", "kirillov2023segment", cwd=tmp_path)
    assert done.code == 0, done.err
    path = tmp_path / "content/papers/kirillov2023segment.yml"
    assert "created content/papers/kirillov2023segment.yml — Segment Anything" in done.out
    assert "papers/kirillov2023segment/" in done.out  # where to find the page
    text = path.read_text("utf-8")
    lines = text.splitlines()
    assert lines[1] == "# Segment Anything"
    assert lines[2] == "# Kirillov and Mintun · ICCV 2023 · arXiv 2304.02643"
    data = yaml.safe_load(text)
    assert data["key"] == "kirillov2023segment"
    assert data["status"] == "queued"
    # Every section is there and empty; code and method wait, commented out.
    for section in ("summary", "third_pass"):
        assert data[section] == ""
    for section in ("context", "unknowns", "figures", "results", "formulas", "related"):
        assert data[section] == []
    assert data["anchors"] == {"motivation": "", "conclusion": ""}
    assert "# code:" in text and "# method:" in text
    # Each section sits under a one-line hint naming its step of the reading method.
    for section, step in [
        ("context", "Step 1"),
        ("unknowns", "Steps 2-4"),
        ("anchors", "Second read"),
        ("figures", "Second read"),
        ("results", "Second read"),
        ("third_pass", "Third read"),
    ]:
        index = lines.index(next(line for line in lines if line.startswith(f"{section}:")))
        assert lines[index - 1].startswith(f"# {step}"), (section, lines[index - 1])
    assert max(len(line) for line in lines if line.startswith("# S")) <= 100
    # Self-checks wait commented out, as an example that is valid once uncommented.
    start = lines.index("# checks:")
    assert lines[start - 1].startswith("# Self-checks"), lines[start - 1]
    example = [line.removeprefix("# ") for line in lines[start:] if line.startswith("#")]
    checks = yaml.safe_load("\n".join(example))["checks"]
    assert checks and all({"question", "answer"} <= set(c) for c in checks)
    assert checks[0]["id"] == "key-formula"  # the stable name that keeps its Anki card
    assert max(len(line) for line in lines[start - 1 :]) <= 100
    check = run_cli("check", cwd=tmp_path)
    assert (check.code, check.out) == (0, ""), check.out + check.err


def test_the_scaffold_builds_a_clean_page(tmp_path, site):
    """A real strict build of the untouched scaffold: a title, no empty section headings."""
    make_site(tmp_path)
    assert run_cli("new", "kirillov2023segment", cwd=tmp_path).code == 0
    result = site(config={"site_url": "https://example.org/"})
    assert result.ok, result.warnings() or result.error
    article = result.article("papers/kirillov2023segment/")
    assert article.h1.get_text(strip=True).startswith("Segment Anything")
    # Only the sections every guide page gets; none of the scaffold's empty fields shows up,
    # and the two that do show say that nothing points here yet instead of being blank.
    headings = article.find_all("h2")
    assert [h.get_text(strip=True) for h in headings] == ["Cited by and linked from", "Connections"]
    assert article.select_one(".pg-backlinks__empty").get_text(strip=True)
    assert article.select_one(".pg-graph-empty").get_text(strip=True)


def test_new_refuses_to_overwrite(tmp_path):
    make_site(tmp_path, {"ma2019qhadam.yml": "key: ma2019qhadam\nsummary: mine\n"})
    note = tmp_path / "content/papers/ma2019qhadam.yml"
    before = note.read_bytes()
    done = run_cli("new", "ma2019qhadam", cwd=tmp_path)
    assert done.code == 1
    assert done.out == ""
    assert done.err.startswith(
        "paperguide new: content/papers/ma2019qhadam.yml already exists, so it was left as it is"
    )
    assert note.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("ma2019qhadam.md", "---\nkey: ma2019qhadam\n---\nmy notes\n"),
        ("ma2019qhadam.yaml", "key: ma2019qhadam\n"),
        ("qhadam-by-another-name.yml", "key: ma2019qhadam\n"),  # same key, other file name
        ("ma2019qhadam.yml", "key: [broken\n"),  # a note too broken to read still counts
    ],
)
def test_new_refuses_when_any_note_has_the_key(tmp_path, name, text):
    make_site(tmp_path, {name: text})
    done = run_cli("new", "ma2019qhadam", cwd=tmp_path)
    assert done.code == 1
    assert f"content/papers/{name} already exists" in done.err
    assert sorted(p.name for p in (tmp_path / "content/papers").iterdir()) == [name]


def test_unknown_key_suggests_the_close_one(tmp_path):
    make_site(tmp_path)
    done = run_cli("new", "kirilov2023segment", cwd=tmp_path)
    assert done.code == 1
    assert done.err.strip() == (
        "paperguide new: no entry 'kirilov2023segment' in content/references.bib — "
        "did you mean 'kirillov2023segment'?"
    )
    assert not (tmp_path / "content/papers").exists()


def test_unknown_key_without_a_close_one_says_where_to_add_it(tmp_path):
    make_site(
        tmp_path,
        bib=textwrap.dedent("""\
        @misc{a2020, title = {T}, year = {2020}}
        @misc{broken, title = {T}
        """),
    )
    done = run_cli("new", "zzz", cwd=tmp_path)
    assert done.code == 1
    assert "add the paper's entry there" in done.err
    assert "has 1 problem(s); `paperguide check` lists them" in done.err


def test_several_keys_create_what_they_can(tmp_path):
    make_site(tmp_path, {"ma2019qhadam.yml": "key: ma2019qhadam\n"})
    done = run_cli(
        "new", "kingma2015adam", "ma2019qhadam", "nope", "kirillov2023segment", cwd=tmp_path
    )
    assert done.code == 1  # two of the four could not be created
    assert [line.split(" — ")[0] for line in done.lines if line.startswith("created")] == [
        "created content/papers/kingma2015adam.yml",
        "created content/papers/kirillov2023segment.yml",
    ]
    assert "ma2019qhadam.yml already exists" in done.err and "no entry 'nope'" in done.err


def test_markdown_note(tmp_path):
    make_site(tmp_path)
    done = run_cli("new", "--markdown", "ma2019qhadam", cwd=tmp_path)
    assert done.code == 0, done.err
    path = tmp_path / "content/papers/ma2019qhadam.md"
    text = path.read_text("utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=")
    assert text.endswith("or formula-id#symbol\n---\n")  # the commented checks example
    assert "after the closing ---" in text
    assert _schema_ref(path).read_text("utf-8") == schema_text("note")
    assert run_cli("check", cwd=tmp_path).code == 0


def test_keys_that_are_not_plain_file_names_get_their_slug(tmp_path):
    bib = "@misc{He.2016:ResNet, title = {Deep Residual Learning}, year = {2016}}\n"
    bib += "@misc{2019, title = {A paper whose key looks like a number}, year = {2019}}\n"
    make_site(tmp_path, bib=bib)
    done = run_cli("new", "He.2016:ResNet", "2019", cwd=tmp_path)
    assert done.code == 0, done.err
    assert (tmp_path / "content/papers/he-2016-resnet.yml").is_file()
    numeric = tmp_path / "content/papers/2019.yml"
    assert 'key: "2019"' in numeric.read_text("utf-8")  # quoted, or YAML reads a number
    check = run_cli("check", cwd=tmp_path)
    assert (check.code, check.out) == (0, ""), check.out


@pytest.mark.parametrize(
    ("key", "reason"),
    [("index", "would replace the generated page 'index'"), ("bad key", "cannot be a note key")],
)
def test_keys_that_cannot_be_notes_are_refused(tmp_path, key, reason):
    make_site(tmp_path, bib=f"@misc{{{key}, title = {{T}}, year = {{2020}}}}\n")
    done = run_cli("new", key, cwd=tmp_path)
    assert done.code == 1
    assert reason in done.err
    assert not list((tmp_path / "content").rglob("*.yml"))


def test_key_whose_page_name_is_taken_is_refused(tmp_path):
    bib = "@misc{he-2016, title = {A}, year = {2016}}\n@misc{He.2016, title = {B}, year = {2016}}\n"
    make_site(tmp_path, {"he-2016.yml": "key: he-2016\n"}, bib=bib)
    done = run_cli("new", "He.2016", cwd=tmp_path)
    assert done.code == 1
    assert "would share the page name 'he-2016'" in done.err


def test_no_key_and_no_bib_is_a_usage_error(tmp_path):
    make_site(tmp_path)
    done = run_cli("new", cwd=tmp_path)
    assert done.code == 2
    assert "name at least one BibTeX key, or pass --from-bib FILE.bib" in done.err


# --- where the $schema line points --------------------------------------------------------


def test_schema_line_points_at_the_package_sources_inside_the_repository(tmp_path, monkeypatch):
    """The example repository's layout: ../../plugins/paperguide/schema/note.schema.json."""
    make_site(tmp_path)
    packaged = tmp_path / "plugins/paperguide/schema/note.schema.json"
    write_files(tmp_path, {"plugins/paperguide/schema/note.schema.json": schema_text("note")})
    monkeypatch.setattr(new_command, "packaged_schema", lambda: packaged.resolve())
    assert run_cli("new", "ma2019qhadam", cwd=tmp_path).code == 0
    note = tmp_path / "content/papers/ma2019qhadam.yml"
    first = note.read_text("utf-8").splitlines()[0]
    assert first == MODELINE + "../../plugins/paperguide/schema/note.schema.json"
    assert not (tmp_path / "schemas").exists()


def test_schema_line_never_points_into_an_installed_package(tmp_path, monkeypatch):
    make_site(tmp_path)
    venv_copy = ".venv/lib/python3.11/site-packages/paperguide/schema/note.schema.json"
    write_files(tmp_path, {venv_copy: schema_text("note")})
    monkeypatch.setattr(new_command, "packaged_schema", lambda: (tmp_path / venv_copy).resolve())
    done = run_cli("new", "ma2019qhadam", cwd=tmp_path)
    assert done.code == 0
    assert done.lines[0].startswith("wrote schemas/note.schema.json")
    note = tmp_path / "content/papers/ma2019qhadam.yml"
    assert note.read_text("utf-8").splitlines()[0] == MODELINE + "../../schemas/note.schema.json"
    assert _schema_ref(note) == (tmp_path / "schemas/note.schema.json").resolve()
    assert (tmp_path / "schemas/note.schema.json").read_text("utf-8") == schema_text("note")


def test_a_stale_schema_copy_is_reported_not_overwritten(tmp_path, monkeypatch):
    monkeypatch.setattr(new_command, "packaged_schema", lambda: None)
    make_site(tmp_path)
    write_files(tmp_path, {"schemas/note.schema.json": "{}\n"})
    done = run_cli("new", "ma2019qhadam", cwd=tmp_path)
    assert done.code == 0
    assert "differs from this paperguide's schema" in done.err
    assert "paperguide schema --write schemas" in done.err
    assert (tmp_path / "schemas/note.schema.json").read_text("utf-8") == "{}\n"


def test_schema_ref_option_is_used_verbatim(tmp_path):
    make_site(tmp_path)
    url = "https://example.org/notes/schema/note.schema.json"
    assert run_cli("new", "--schema-ref", url, "ma2019qhadam", cwd=tmp_path).code == 0
    first = (tmp_path / "content/papers/ma2019qhadam.yml").read_text("utf-8").splitlines()[0]
    assert first == MODELINE + url
    assert not (tmp_path / "schemas").exists()


# --- --from-bib ---------------------------------------------------------------------------

ZOTERO_EXPORT = textwrap.dedent("""\
    @string{iclr = "ICLR"}
    @inproceedings{ma2019qhadam,
      author = {Ma, Jerry and Yarats, Denis},
      title = {Quasi-hyperbolic momentum and {Adam} for deep learning},
      booktitle = iclr, year = {2019}
    }
    @article{dozat2016incorporating,
      author = {Dozat, Timothy},
      title = {Incorporating {Nesterov} Momentum into {Adam}},
      journal = iclr, year = {2016}
    }
    @article{kingma2015adam,
      author = {Kingma, Diederik P. and Ba, Jimmy},
      title = {{Adam}: A Method for Stochastic Optimization},
      journal = iclr, year = {2015}
    }
    """)


def test_from_bib_scaffolds_many_and_skips_existing(tmp_path):
    make_site(tmp_path, {"ma2019qhadam.yml": "key: ma2019qhadam\n"})
    write_files(tmp_path, {"zotero.bib": ZOTERO_EXPORT})
    done = run_cli("new", "--from-bib", "zotero.bib", cwd=tmp_path)
    assert done.code == 0, done.err
    assert done.lines[1].startswith("wrote schemas/note.schema.json")  # before the first note
    assert [line for line in done.lines if not line.startswith("wrote")] == [
        "skipped ma2019qhadam: content/papers/ma2019qhadam.yml already exists",
        "created content/papers/dozat2016incorporating.yml — "
        "Incorporating Nesterov Momentum into Adam",
        "created content/papers/kingma2015adam.yml — Adam: A Method for Stochastic Optimization",
        "2 notes created, 1 existing note skipped",
    ]
    # dozat2016incorporating is not in the site's references.bib: say so, with the fix.
    assert "warning: 1 of the new notes cite keys that are not in the site's bibliography" in (
        done.err
    )
    assert "dozat2016incorporating" in done.err
    again = run_cli("new", "--from-bib", "zotero.bib", cwd=tmp_path)
    assert again.code == 0
    assert again.lines[-1] == "0 notes created, 3 existing notes skipped"
    assert all(line.startswith("skipped") for line in again.lines[:-1])


def test_from_bib_of_the_site_bibliography_passes_the_check(tmp_path):
    make_site(tmp_path)
    done = run_cli("new", "--from-bib", "content/references.bib", cwd=tmp_path)
    assert done.code == 0
    assert done.lines[-1] == "3 notes created, 0 existing notes skipped"
    assert "warning" not in done.err
    assert run_cli("check", cwd=tmp_path).code == 0


def test_from_bib_reports_problems_in_the_file(tmp_path):
    make_site(tmp_path)
    write_files(tmp_path, {"broken.bib": "@misc{ok2020, title = {T}}\n@misc{bad, title = {x\n"})
    done = run_cli("new", "--from-bib", "broken.bib", cwd=tmp_path)
    assert done.code == 1
    assert "broken.bib:" in done.err
    assert "created content/papers/ok2020.yml — T" in done.out


def test_from_bib_missing_file_is_a_usage_error(tmp_path):
    make_site(tmp_path)
    done = run_cli("new", "--from-bib", "nope.bib", cwd=tmp_path)
    assert done.code == 2
    assert done.err.strip() == "paperguide new: error: no BibTeX file at nope.bib"


@pytest.mark.parametrize(
    ("extra", "url"),
    [
        ("", "http://127.0.0.1:8000/papers/ma2019qhadam/"),
        (
            "site_url: https://x.org/notes/\ndev_addr: 127.0.0.1:9000\n",
            "http://127.0.0.1:9000/notes/papers/ma2019qhadam/",
        ),
        ("use_directory_urls: false\n", "http://127.0.0.1:8000/papers/ma2019qhadam.html"),
    ],
)
def test_next_step_names_where_make_serve_shows_the_page(tmp_path, extra, url):
    make_site(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + extra, "utf-8")
    done = run_cli("new", "ma2019qhadam", cwd=tmp_path)
    assert done.lines[-1].endswith(f"`make serve` at {url}")


def test_new_reads_a_bibliography_larger_than_a_note_may_be(tmp_path):
    """A lab's .bib easily passes the 2 MB bound on notes; `new --from-bib` reads it with the
    .bib bound, as the build does."""
    from tests.clitools import EXTRA_BIB

    make_site(tmp_path)
    # Text between entries is a comment to BibTeX: 2.5 MB of it around one entry.
    filler = ("% " + "x" * 98 + "\n") * 25_000
    big = tmp_path / "lab.bib"
    big.write_text(filler + EXTRA_BIB + filler, "utf-8")
    assert big.stat().st_size > 2 * 1024 * 1024
    done = run_cli("new", "--from-bib", str(big), cwd=tmp_path)
    assert done.code == 0, done.out + done.err
    assert (tmp_path / "content/papers/kirillov2023segment.yml").is_file()
