"""Conformance fixtures: biber's output for every Debian .bib file, cached, and the report hook.

Locally the suite skips when biber or the TeX Live .bib files are missing; under ``CI=true`` it
fails instead (``.ci/run`` installs biber, texlive-base and texlive-bibtex-extra).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from .biber import input_files, missing_requirements, run_all

REPORT = pytest.StashKey[str]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/conformance/" in item.nodeid:
            item.add_marker(pytest.mark.conformance)


@pytest.fixture(scope="session")
def biber_outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """``(texts, xml, seconds)``: each input file's text, biber's BibLaTeXML for it, and the
    seconds that took (all cached after the first run)."""
    from .biber import bib_text

    missing = missing_requirements()
    if missing:
        why = "missing " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"{why}; CI must run the biber conformance suite "
                "(apt-get install biber texlive-base texlive-bibtex-extra)"
            )
        pytest.skip(f"{why} (apt-get install biber texlive-base texlive-bibtex-extra)")
    cache = getattr(request.config, "cache", None)
    cache_dir: Path = (
        cache.mkdir("biber-conformance")
        if cache is not None
        else tmp_path_factory.mktemp("biber-conformance")
    )
    start = time.perf_counter()
    texts = {path: bib_text(path) for path in input_files()}
    xml = run_all(texts, cache_dir)
    return texts, xml, time.perf_counter() - start


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    report = config.stash.get(REPORT, None)
    if report:
        terminalreporter.section("biber conformance")
        terminalreporter.write_line(report)
