"""`paperguide check`: every problem, in each output format, with the right exit status."""

from __future__ import annotations

import json
import textwrap

import pytest

from tests.clitools import make_site, run_cli
from tests.helpers import REPO, write_files

GOOD_NOTE = "key: ma2019qhadam\nstatus: queued\n"
# Two errors in one note (unknown field, wrong type), a second note citing a missing key.
BAD_NOTES = {
    "ma2019qhadam.yml": "key: ma2019qhadam\nsumary: typo\ntags: oops\n",
    "kingma2015adam.yml": "key: kingma2015adam\nrelated:\n  - key: nosuch2020paper\n",
}
# Claims a status the note does not support: a warning, not an error.
AHEAD_NOTE = "key: ma2019qhadam\nstatus: done\n"


def test_the_example_site_passes_in_every_format():
    for fmt in ("text", "json", "github"):
        done = run_cli("check", "--format", fmt, cwd=REPO)
        assert done.code == 0, (fmt, done.out, done.err)
    text = run_cli("check", cwd=REPO)
    assert text.out == ""
    assert "no problems" in text.err


def test_text_lists_every_problem_with_its_location(tmp_path):
    make_site(tmp_path, BAD_NOTES)
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 1
    assert done.lines == [
        "content/papers/kingma2015adam.yml:3:10: unknown citation key 'nosuch2020paper' "
        "(field related[0].key); add an entry with this key to references.bib",
        "content/papers/ma2019qhadam.yml:2:1: unknown field 'sumary' (field sumary); "
        "did you mean 'summary'?",
        "content/papers/ma2019qhadam.yml:3:7: "
        + done.lines[2].split("ma2019qhadam.yml:3:7: ", 1)[1],
    ]
    assert "tags" in done.lines[2] and "list" in done.lines[2]
    assert "2 notes, 3 bibliography entries: 3 errors" in done.err


def test_warnings_fail_unless_allowed(tmp_path):
    make_site(tmp_path, {"ma2019qhadam.yml": AHEAD_NOTE})
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 1
    assert len(done.lines) == 1
    assert done.lines[0].startswith("content/papers/ma2019qhadam.yml:2:9: warning: status 'done'")
    assert "1 warning" in done.err
    allowed = run_cli("check", "--allow-warnings", cwd=tmp_path)
    assert allowed.code == 0 and allowed.out == done.out


def test_errors_fail_even_when_warnings_are_allowed(tmp_path):
    make_site(tmp_path, BAD_NOTES)
    assert run_cli("check", "--allow-warnings", cwd=tmp_path).code == 1


def test_clean_site_exits_zero(tmp_path):
    make_site(tmp_path, {"ma2019qhadam.yml": GOOD_NOTE})
    done = run_cli("check", cwd=tmp_path)
    assert (done.code, done.out) == (0, "")
    assert "1 note, 3 bibliography entries: no problems" in done.err


def test_json_is_one_document_with_every_problem(tmp_path):
    make_site(tmp_path, {**BAD_NOTES, "he2016deep.yml": AHEAD_NOTE.replace("ma2019qhadam", "x")})
    done = run_cli("check", "--format", "json", cwd=tmp_path)
    assert done.code == 1
    assert done.err == ""  # nothing but the document, so it can be piped
    data = json.loads(done.out)
    assert data["version"] == 1 and data["ok"] is False
    by_message = {d["message"]: d for d in data["diagnostics"]}
    typo = by_message["unknown field 'sumary'"]
    assert typo == {
        "path": "content/papers/ma2019qhadam.yml",
        "line": 2,
        "column": 1,
        "severity": "error",
        "message": "unknown field 'sumary'",
        "field": "sumary",
        "hint": "did you mean 'summary'?",
        "text": "content/papers/ma2019qhadam.yml:2:1: unknown field 'sumary' (field sumary); "
        "did you mean 'summary'?",
    }
    severities = [d["severity"] for d in data["diagnostics"]]
    assert data["summary"]["errors"] == severities.count("error") >= 4
    assert data["summary"]["warnings"] == severities.count("warning") >= 1
    assert data["summary"]["notes"] == 3


def test_json_ok_is_true_on_a_clean_site(tmp_path):
    make_site(tmp_path, {"ma2019qhadam.yml": GOOD_NOTE})
    data = json.loads(run_cli("check", "--format", "json", cwd=tmp_path).out)
    assert data["ok"] is True and data["diagnostics"] == []


def test_github_annotations(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    make_site(tmp_path, {**BAD_NOTES, "kirillov2023segment.yml": AHEAD_NOTE})
    done = run_cli("check", "--format", "github", cwd=tmp_path)
    assert done.code == 1
    assert (
        "::error file=content/papers/ma2019qhadam.yml,line=2,col=1,"
        "title=paperguide check%3A sumary::unknown field 'sumary'%0AHint: did you mean 'summary'?"
    ) in done.lines
    warnings = [line for line in done.lines if line.startswith("::warning ")]
    assert len(warnings) == 2  # the status claim and the file name that does not match the key
    assert all(line.startswith("::") for line in done.lines)
    assert "problem" not in done.out  # the human summary goes to stderr
    assert "errors" in done.err


def test_github_escapes_data_and_properties(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    # A file name with ',' and ':' (properties) and a field with '%' (data).
    make_site(tmp_path, {"odd,name:1.yml": "key: ma2019qhadam\n'50%': x\n"})
    done = run_cli("check", "--format", "github", cwd=tmp_path)
    errors = [line for line in done.lines if "50%25" in line]
    assert len(errors) == 1
    line = errors[0]
    assert line.startswith("::error file=content/papers/odd%2Cname%3A1.yml,line=2,col=1,")
    assert "unknown field '50%25'" in line
    assert "\n" not in line and "%0AHint: " in line


def test_github_paths_are_relative_to_the_workspace(tmp_path, monkeypatch):
    """A site in a subfolder of the repository: annotations need repository paths."""
    site = make_site(tmp_path / "docs-site", BAD_NOTES)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    done = run_cli("check", "--format", "github", cwd=site)
    assert any(
        line.startswith("::error file=docs-site/content/papers/ma2019qhadam.yml,line=2,")
        for line in done.lines
    )


def test_github_writes_every_problem_to_the_step_summary(tmp_path, monkeypatch):
    make_site(tmp_path, BAD_NOTES)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", "utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    done = run_cli("check", "--format", "github", cwd=tmp_path)
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n### paperguide check\n")  # appended, not replaced
    rows = [line for line in text.splitlines() if line.startswith("| error |")]
    assert len(rows) == len(done.lines) == 3
    assert "`content/papers/ma2019qhadam.yml:2:1`" in text


def test_check_reads_plugin_options_in_mapping_form_and_through_inherit(tmp_path):
    write_files(
        tmp_path,
        {
            "base.yml": "docs_dir: notes-site\nplugins:\n  search: {}\n"
            "  paperguide:\n    papers_dir: reading\n    bib_files: [refs/main.bib]\n",
            "mkdocs.yml": "INHERIT: base.yml\nsite_name: !ENV [SITE_NAME, x]\n",
            "notes-site/refs/main.bib": "@misc{a2020b, title = {T}, year = {2020}}\n",
            "notes-site/reading/a2020b.yml": "key: a2020b\nsumary: x\n",
        },
    )
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 1
    assert done.lines == [
        "notes-site/reading/a2020b.yml:2:1: unknown field 'sumary' (field sumary); "
        "did you mean 'summary'?"
    ]


def test_site_without_the_plugin_is_checked_with_defaults_and_says_so(tmp_path):
    write_files(
        tmp_path,
        {
            "mkdocs.yml": "site_name: x\n",
            "docs/references.bib": "@misc{a2020b, title = {T}, year = {2020}}\n",
            "docs/papers/a2020b.yml": "key: a2020b\n",
        },
    )
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 0
    assert "does not list the paperguide plugin" in done.err


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        ({}, ["check"], "no MkDocs configuration at mkdocs.yml"),
        ({"mkdocs.yml/x": "a directory, not a file"}, ["check"], "no MkDocs configuration"),
        ({}, ["check", "-f", "sub/site.yml"], "no MkDocs configuration at sub/site.yml"),
        ({"mkdocs.yml": "site_name: [x\n"}, ["check"], "mkdocs.yml:2:1: not valid YAML"),
        ({"mkdocs.yml": b"site_name: \xff\n"}, ["check"], "mkdocs.yml is not UTF-8 text"),
        ({"mkdocs.yml": "- a list\n"}, ["check"], "expected a mapping of settings"),
    ],
)
def test_configuration_mistakes_are_usage_errors(tmp_path, files, args, expected):
    write_files(tmp_path, files)
    done = run_cli(*args, cwd=tmp_path)
    assert done.code == 2
    assert expected in done.err
    assert done.err.startswith("paperguide check: error: ")


def test_unreadable_content_is_a_diagnostic_not_a_crash(tmp_path):
    make_site(tmp_path)
    write_files(tmp_path, {"content/papers/ma2019qhadam.yml": b"key: x\x00\n"})
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 1
    assert done.lines == [
        "content/papers/ma2019qhadam.yml:1:7: the file contains a NUL byte; "
        "notes and bibliographies are plain UTF-8 text; is this a binary file?"
    ]


def test_bad_format_is_rejected_by_argparse(tmp_path):
    done = run_cli("check", "--format", "xml", cwd=tmp_path)
    assert done.code == 2
    assert "invalid choice: 'xml'" in done.err


def test_problems_are_sorted_by_file_then_line(tmp_path):
    notes = {
        "b2020x.yml": "key: kingma2015adam\nsumary: 1\nfoo: 2\n",
        "a2020x.yml": textwrap.dedent("""\
            key: ma2019qhadam
            bar: 1
            """),
    }
    make_site(tmp_path, notes)
    done = run_cli("check", cwd=tmp_path)
    paths = [(line.split(":")[0], int(line.split(":")[1])) for line in done.lines]
    assert paths == sorted(paths) and len(paths) >= 4


def test_path_options_are_read_and_refused_as_the_plugin_does(tmp_path):
    """One rule for both (core/site/options.py): a value the plugin would refuse when MkDocs
    loads mkdocs.yml stops the command too, naming the option; a good one is used as given."""
    from paperguide.core.site.mkdocs_yml import load_site_config

    make_site(tmp_path)
    config = tmp_path / "mkdocs.yml"
    base = config.read_text("utf-8").replace("  - paperguide\n", "")
    config.write_text(base + "  - paperguide:\n      papers_dir: /reading/\n", "utf-8")
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 2, done.out + done.err
    assert "option 'papers_dir': '/reading/' is an absolute path" in done.err
    config.write_text(
        base
        + "  - paperguide:\n      papers_dir: reading/\n      bib_files: a.bib\n"
        + "      cache_dir: .cache/pg\n      bibliography: {download: ../x.bib}\n",
        "utf-8",
    )
    done = run_cli("check", cwd=tmp_path)
    assert "option 'bibliography.download': '../x.bib' climbs out" in done.err
    config.write_text(
        base
        + "  - paperguide:\n      papers_dir: reading/\n      bib_files: a.bib\n"
        + "      cache_dir: .cache/pg\n",
        "utf-8",
    )
    settings = load_site_config(config).settings
    assert settings.papers_dir == "reading"
    assert settings.bib_files == ("a.bib",)
    # The cache reaches the command (it did not before: only text options were taken over).
    assert settings.cache_dir == tmp_path / ".cache/pg"


def test_a_bare_word_close_to_a_key_is_advice_not_a_failure(tmp_path):
    """Issue 13: `@kingma2015adm` is text (no such key) but probably a typo: advice, exit 0;
    `@property` is nothing to report."""
    note = "key: ma2019qhadam\nsummary: |\n  Like @kingma2015adm, a @property of Adam.\n"
    make_site(tmp_path, {"ma2019qhadam.yml": note})
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 0, done.out
    assert done.lines == [
        "content/papers/ma2019qhadam.yml:3:8: info: '@kingma2015adm' is left as text: no "
        "bibliography key 'kingma2015adm' (field summary); did you mean '@kingma2015adam'? "
        "(write \\@kingma2015adm to silence this)"
    ]


def test_dollar_text_on_a_site_without_arithmatex_is_not_math_to_check(tmp_path):
    """Issues 12 and 13 together: `check` reads a hand-written page as the build does, so on a
    site that never enabled arithmatex a `$` in prose is text, not TeX to report; a note's
    math is still checked."""
    note = "key: ma2019qhadam\nsummary: Like $\\fracc{1}{2}$.\n"
    make_site(tmp_path, {"ma2019qhadam.yml": note})
    write_files(tmp_path, {"content/prices.md": "# Prices\n\n$5 to $\\frac{1}{2 and PATH=$HOME\n"})
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 1, done.out
    assert len(done.lines) == 1 and done.lines[0].startswith(
        "content/papers/ma2019qhadam.yml:2:10: bad TeX in inline math"
    ), done.lines


def test_advice_for_authors_is_printed_on_request_and_never_fails(tmp_path):
    context = (
        "key: ma2019qhadam\nstatus: context\ncontext:\n"
        "  - {title: A post, url: 'https://example.org/p', kind: blog}\n"
    )
    make_site(tmp_path, {"ma2019qhadam.yml": context})
    assert run_cli("check", cwd=tmp_path).out == ""  # advice is not a problem
    done = run_cli("check", "--advice", cwd=tmp_path)
    assert done.code == 0
    [line] = done.lines
    assert line.startswith("content/papers/ma2019qhadam.yml:4:")
    assert "info: outside context: 1 blog post(s), 0 video(s)" in line and "add videos" in line
