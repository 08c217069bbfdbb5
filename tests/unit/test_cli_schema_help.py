"""`paperguide schema`, `--help` on every command, and no traceback for any user mistake."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from paperguide.core.notes.schema import SCHEMA_NAMES, schema_text
from tests.clitools import make_site, run_cli, run_process
from tests.helpers import REPO, write_files

# --- schema -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_prints_the_packaged_file(tmp_path, name):
    done = run_cli("schema", name, cwd=tmp_path)
    assert done.code == 0
    assert done.out == schema_text(name)
    assert json.loads(done.out)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_schema_without_a_name_lists_them(tmp_path):
    done = run_cli("schema", cwd=tmp_path)
    assert done.code == 0
    assert [line.split()[0] for line in done.lines[:3]] == list(SCHEMA_NAMES)
    assert "paperguide schema --write DIR" in done.out


def test_schema_write_writes_all_then_reports_unchanged(tmp_path):
    done = run_cli("schema", "--write", "out/schemas", cwd=tmp_path)
    assert done.code == 0
    assert done.lines == [f"wrote out/schemas/{n}.schema.json" for n in SCHEMA_NAMES]
    for name in SCHEMA_NAMES:
        written = tmp_path / f"out/schemas/{name}.schema.json"
        assert written.read_text("utf-8") == schema_text(name)
    again = run_cli("schema", "--write", "out/schemas", cwd=tmp_path)
    assert again.lines == [f"unchanged out/schemas/{n}.schema.json" for n in SCHEMA_NAMES]


def test_schema_write_one_refreshes_a_stale_copy(tmp_path):
    write_files(tmp_path, {"schemas/note.schema.json": "{}"})
    done = run_cli("schema", "note", "--write", "schemas", cwd=tmp_path)
    assert done.lines == ["wrote schemas/note.schema.json"]
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == ["note.schema.json"]
    assert (tmp_path / "schemas/note.schema.json").read_text("utf-8") == schema_text("note")


def test_schema_mistakes(tmp_path):
    write_files(tmp_path, {"afile": "x"})
    assert run_cli("schema", "notes", cwd=tmp_path).code == 2
    done = run_cli("schema", "--write", "afile", cwd=tmp_path)
    assert done.code == 2
    assert done.err.strip() == "paperguide schema: error: afile exists and is not a folder"


# --- help ---------------------------------------------------------------------------------

HELP_MUST_SAY = {
    (): ["check", "new", "schema", "examples:", "exit status"],
    ("check",): ["--format", "text", "json", "github", "--allow-warnings", "examples:"],
    ("new",): ["--from-bib", "--markdown", "--schema-ref", "never overwritten", "examples:"],
    ("schema",): ["--write", "note, tracker or concept", "examples:"],
}


@pytest.mark.parametrize("command", list(HELP_MUST_SAY), ids=lambda c: " ".join(c) or "main")
def test_every_command_has_helpful_help(tmp_path, command):
    done = run_cli(*command, "--help", cwd=tmp_path)
    assert done.code == 0
    assert done.out.startswith(f"usage: paperguide {' '.join(command)}".rstrip())
    for phrase in HELP_MUST_SAY[command]:
        assert phrase in done.out, phrase
    # Each example line names a real invocation of this command.
    examples = done.out.split("examples:", 1)[1].splitlines()
    invocations = [line.split()[:2] for line in examples if line.strip().startswith("paperguide")]
    assert invocations
    if command:
        assert all(words[1] == command[0] for words in invocations)


def test_version(tmp_path):
    done = run_cli("--version", cwd=tmp_path)
    assert done.code == 0 and done.out.startswith("paperguide 0.")


# --- as a user runs it --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        ((), 2, "the following arguments are required: COMMAND"),
        (("frobnicate",), 2, "invalid choice: 'frobnicate'"),
        (("check",), 2, "no MkDocs configuration at mkdocs.yml"),
        (("check", "--config", "."), 2, "no MkDocs configuration at ."),
        (("new", "x"), 2, "no MkDocs configuration"),
        (("new", "--from-bib"), 2, "expected one argument"),
        (("schema", "--write"), 2, "expected one argument"),
    ],
)
def test_user_mistakes_never_show_a_traceback(tmp_path, args, code, stderr):
    done = run_process(*args, cwd=tmp_path)
    assert done.code == code
    assert stderr in done.err
    assert "Traceback" not in done.err + done.out


def test_console_script_end_to_end(tmp_path):
    make_site(tmp_path)
    assert run_process("new", "ma2019qhadam", cwd=tmp_path).code == 0
    again = run_process("new", "ma2019qhadam", cwd=tmp_path)
    assert again.code == 1 and "already exists" in again.err and "Traceback" not in again.err
    check = run_process("check", "--format", "json", cwd=tmp_path)
    assert check.code == 0 and json.loads(check.out)["ok"] is True


def test_a_file_where_the_papers_folder_should_be_is_an_error_message(tmp_path):
    make_site(tmp_path)
    write_files(tmp_path, {"content/papers": "a file where the folder should be"})
    done = run_process("new", "ma2019qhadam", cwd=tmp_path)
    assert done.code == 2
    assert "Traceback" not in done.err
    assert done.err.startswith(
        "paperguide new: error: cannot create content/papers/ma2019qhadam.yml"
    )


_BLOCK_MKDOCS = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == 'mkdocs' or name.startswith('mkdocs.'):
            raise ImportError('mkdocs is blocked in this test')
sys.meta_path.insert(0, Block())
from paperguide.cli import main
codes = [main(['check']), main(['schema', 'note']), main(['new', 'nope'])]
assert not any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules)
print('codes', codes, file=sys.stderr)
"""


def test_the_cli_never_imports_mkdocs():
    done = subprocess.run(
        [sys.executable, "-c", _BLOCK_MKDOCS], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "codes [0, 0, 1]" in done.stderr
