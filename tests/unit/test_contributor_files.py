"""The contributor set-up in the repository: editor wiring, pre-commit, GitHub workflows and
templates. Workflow files are validated offline with check-jsonschema's vendored schemas, then
held to what CONTRIBUTING.md promises: CI runs exactly the checks a contributor runs."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO
from tests.linkcheck import site_url_of

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
NOTE_SCHEMA = REPO / "plugins/paperguide/schema/note.schema.json"
TRACKER_SCHEMA = REPO / "plugins/paperguide/schema/tracker.schema.json"


def _check_jsonschema(builtin: str, *files: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool, "check-jsonschema is a test dependency (make setup-test)"
    return subprocess.run(
        [tool, "--builtin-schema", builtin, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def _load(path: Path) -> dict:
    # PyYAML reads the bare key `on:` as the boolean True (YAML 1.1); GitHub reads "on".
    data = yaml.safe_load(path.read_text("utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _runs(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def _uses(job: dict) -> dict[str, dict]:
    return {step["uses"]: step.get("with", {}) for step in job["steps"] if "uses" in step}


# --- schema validation, offline -----------------------------------------------------------


def test_workflows_are_valid_github_workflows():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "pages.yml"]
    done = _check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr
    timeouts = _check_jsonschema("custom.github-workflows-require-timeout", *WORKFLOWS)
    assert timeouts.returncode == 0, timeouts.stdout + timeouts.stderr


def test_the_workflow_validation_catches_a_typo(tmp_path):
    """The check above can fail: a misspelt key is rejected."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        (GITHUB / "workflows/ci.yml").read_text("utf-8").replace("steps:", "stesp:", 1), "utf-8"
    )
    done = _check_jsonschema("vendor.github-workflows", broken)
    assert done.returncode == 1
    assert "stesp" in done.stdout + done.stderr


def test_issue_forms_and_their_config_are_valid():
    assert [p.name for p in ISSUE_FORMS] == ["add-paper.yml", "note-error.yml"]
    forms = _check_jsonschema("vendor.github-issue-forms", *ISSUE_FORMS)
    assert forms.returncode == 0, forms.stdout + forms.stderr
    config = _check_jsonschema("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE/config.yml")
    assert config.returncode == 0, config.stdout + config.stderr
    names = [yaml.safe_load(p.read_text("utf-8"))["name"] for p in ISSUE_FORMS]
    assert names == ["Add notes for a paper", "Report an error in a note"]


# --- the pull-request workflow runs what the contributor runs -----------------------------


def _contributor_commands() -> list[str]:
    text = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    after = text.split("## 5. Check before you push", 1)[1]
    block = re.search(r"```bash\n(.*?)```", after, re.DOTALL)
    assert block, "CONTRIBUTING.md step 5 has a bash block of commands"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def _as_contributor_runs_it(command: str) -> str:
    # CI calls the venv's script directly and asks for annotations; otherwise the same command.
    return command.removeprefix(".venv/bin/").replace(" --format github", "")


def test_ci_runs_exactly_the_contributor_checks_in_order():
    contributor = _contributor_commands()
    assert contributor == ["paperguide check", "make test", "make build", "make linkcheck"]
    runs = _runs(_load(GITHUB / "workflows/ci.yml")["jobs"]["checks"])
    # Set-up first (Chromium if missing, the pinned install), then the checks and nothing else.
    setup, checks = runs[:2], runs[2:]
    assert "apt-get install" in setup[0] and setup[1] == "make setup-test"
    assert [_as_contributor_runs_it(run) for run in checks] == contributor
    assert checks[0] == ".venv/bin/paperguide check --format github"


def test_ci_triggers_permissions_and_setup():
    workflow = _load(GITHUB / "workflows/ci.yml")
    assert set(workflow["on"]) >= {"pull_request", "push"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["checks"]
    uses = _uses(job)
    assert "actions/checkout@v7" in uses
    python = uses["actions/setup-python@v7"]
    assert python["cache"] == "pip"
    assert set(python["cache-dependency-path"].split()) == {
        "requirements/constraints.txt",
        "pyproject.toml",
    }
    node = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-node@"))
    assert node["uses"] == "actions/setup-node@v7"
    assert node["with"]["cache"] == "npm"
    assert "hashFiles('package-lock.json')" in node["if"]  # no lock file: no npm cache to key
    uploads = {
        s["with"]["path"]: s for s in job["steps"] if s.get("uses") == "actions/upload-artifact@v7"
    }
    assert set(uploads) == {"site/", "test-artifacts/"}
    assert "github.event.pull_request.number" in uploads["site/"]["with"]["name"]
    assert "steps.build.outcome == 'success'" in uploads["site/"]["if"]
    # The browser tests' screenshots are uploaded even when a test failed: that is when they
    # are looked at.
    shots = uploads["test-artifacts/"]
    assert "github.event.pull_request.number" in shots["with"]["name"]
    assert "success" not in shots["if"] and "!cancelled()" in shots["if"]
    assert next(s for s in job["steps"] if s.get("id") == "build")["run"] == "make build"
    assert workflow["env"]["CI"] == "true"  # browser tests must run, not skip


def test_ci_builds_with_properdocs():
    job = _load(GITHUB / "workflows/ci.yml")["jobs"]["properdocs"]
    runs = _runs(job)
    assert any("pip install properdocs" in run for run in runs)
    build = [run for run in runs if "properdocs build" in run]
    assert build == [
        ".venv/bin/properdocs build --strict -f mkdocs.yml "
        '--site-dir "$RUNNER_TEMP/site-properdocs"'
    ]
    assert "make setup" in runs[0]  # the pinned dependencies first, the fork on top


def test_pages_deploys_main_with_the_pages_actions():
    workflow = _load(GITHUB / "workflows/pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = _uses(build)
    assert "actions/configure-pages@v6" in uses
    assert uses["actions/upload-pages-artifact@v5"]["path"] == "site/"
    assert uses["actions/setup-python@v7"]["cache"] == "pip"
    assert "make linkcheck" in _runs(build)  # strict build and link check before publishing
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert _uses(deploy) == {"actions/deploy-pages@v5": {}}


def test_pages_site_url_step_runs(tmp_path):
    """The inline script that compares site_url with the Pages address works as written."""
    build = _load(GITHUB / "workflows/pages.yml")["jobs"]["build"]
    step = next(s for s in build["steps"] if s.get("name", "").startswith("Compare site_url"))
    script = tmp_path / "step.sh"
    script.write_text(step["run"].replace(".venv/bin/python", sys.executable), "utf-8")

    def run(pages_url: str) -> str:
        done = subprocess.run(
            ["bash", str(script)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PAGES_URL": pages_url},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    site_url = site_url_of(REPO / "mkdocs.yml")
    assert site_url
    assert run(site_url.rstrip("/")).startswith("site_url matches")
    assert run("https://someone.github.io/fork").startswith("::warning title=site_url::")


def test_make_targets_used_by_ci_exist():
    for target, must_run in [
        ("check", "paperguide check"),
        ("linkcheck", "-m tests.linkcheck site"),
        ("build", "mkdocs build --strict"),
        ("test", "pytest"),
    ]:
        done = subprocess.run(
            ["make", "-n", "-W", "pyproject.toml", target],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert must_run in done.stdout, (target, done.stdout)


def test_pull_request_template_has_the_note_checklist():
    text = (GITHUB / "pull_request_template.md").read_text("utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 6
    assert any("paperguide new" in item for item in items)
    assert any("paperguide check" in item and "make test" in item for item in items)


# --- editors ------------------------------------------------------------------------------


def test_vscode_maps_notes_and_tracker_to_their_schemas():
    settings = json.loads((REPO / ".vscode/settings.json").read_text("utf-8"))
    mapping = {(REPO / path).resolve(): globs for path, globs in settings["yaml.schemas"].items()}
    assert set(mapping) == {NOTE_SCHEMA, TRACKER_SCHEMA}  # both exist, relative to the workspace
    notes = [p.relative_to(REPO).as_posix() for p in (REPO / "content/papers").glob("*.y*ml")]
    assert notes, "the example site has YAML notes"
    for note in notes:
        assert any(fnmatch.fnmatch(note, g) for g in mapping[NOTE_SCHEMA]), note
    assert "content/tracker.yml" in mapping[TRACKER_SCHEMA]
    assert not any(fnmatch.fnmatch("content/index.md", g) for g in mapping[NOTE_SCHEMA])
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def _modeline_target(path: Path) -> Path | None:
    for line in path.read_text("utf-8").splitlines()[:3]:
        if line.startswith("# yaml-language-server: $schema="):
            return (path.parent / line.split("$schema=", 1)[1]).resolve()
    return None


def test_every_note_and_the_tracker_reach_their_schema_through_the_modeline():
    notes = sorted((REPO / "content/papers").glob("*"))
    notes = [p for p in notes if p.suffix in (".yml", ".yaml", ".md") and p.name != "index.md"]
    assert len(notes) >= 2
    for note in notes:
        assert _modeline_target(note) == NOTE_SCHEMA, note.name
    tracker = REPO / "content/tracker.yml"
    if tracker.exists():
        assert _modeline_target(tracker) == TRACKER_SCHEMA, "tracker.yml needs its modeline"


# --- pre-commit ---------------------------------------------------------------------------


def _hook() -> dict:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    return hook


def test_pre_commit_hook_is_a_local_paperguide_check():
    hook = _hook()
    assert set(hook) >= {"id", "name", "entry", "language"}
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("content/papers/x.yml", "content/references.bib", "mkdocs.yml"):
        assert files.search(path), path
    for path in ("README.md", "plugins/paperguide/cli.py", "docs/mkdocs.yml.bak"):
        assert not files.search(path), path


def _venv_is_current() -> bool:
    up_to_date = subprocess.run(["make", "-q", "setup"], cwd=REPO, check=False)
    return up_to_date.returncode == 0


def test_pre_commit_hook_entry_runs_the_check():
    if not _venv_is_current():
        if os.environ.get("CI"):
            pytest.fail("make setup has not run in this checkout")
        pytest.skip("the repository's .venv is not set up (make setup)")
    done = subprocess.run(
        shlex.split(_hook()["entry"]), cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems" in done.stderr
