"""Biber as the reference reader: run ``biber --tool`` once per .bib file (cached) and read its XML.

Biber is run in tool mode with BibLaTeXML output, which spells every name out part by part
(``<bltx:namepart type="family|given|prefix|suffix">``), with crossref and xdata inheritance
resolved, on a UTF-8 copy of the file in a private temporary folder (biber writes its schema
and log next to its input, and the inputs live in a read-only system tree).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

#: Where Debian's texlive-base and texlive-bibtex-extra put their .bib files.
BIB_ROOT = Path("/usr/share/texlive/texmf-dist/bibtex/bib")
#: One file of each package: both must be installed for the inputs to be complete.
REQUIRED_FILES = (
    BIB_ROOT / "base/xampl.bib",  # texlive-base
    BIB_ROOT / "biblatex/biblatex/biblatex-examples.bib",  # texlive-bibtex-extra
)
BIBER_ARGS = (
    "--tool",
    "--output-format=biblatexml",
    "--output-resolve-crossrefs",
    "--output-resolve-xdata",
    "--nolog",
    "--quiet",
)
NS = "{http://biblatex-biber.sourceforge.net/biblatexml}"
#: The name lists compared; biber's other roles (translator, shortauthor...) are not.
ROLES = ("author", "editor")


@dataclass(frozen=True)
class RefPerson:
    """One name as biber split it (LaTeX that biber left undecoded is still in the parts)."""

    family: str = ""
    given: str = ""
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class RefEntry:
    key: str
    people: dict[str, tuple[RefPerson, ...]] = field(default_factory=dict)
    more: dict[str, bool] = field(default_factory=dict)  # "and others" (morenames="1")
    date: str | None = None  # as biber wrote it: ISO when it parsed the year, else the raw text
    title: str | None = None


def missing_requirements() -> list[str]:
    """What this machine lacks to run the suite (empty when everything is there)."""
    missing = [] if shutil.which("biber") else ["the biber program"]
    missing += [str(p) for p in REQUIRED_FILES if not p.is_file()]
    return missing


def input_files() -> list[Path]:
    return sorted(BIB_ROOT.rglob("*.bib"))


def bib_text(path: Path) -> str:
    """The file as text: UTF-8, or Latin-1 for the one legacy file (jurabib/jbtest.bib).

    paperguide refuses non-UTF-8 files on purpose (with a diagnostic); the suite compares BibTeX
    reading, not encoding policy, so both readers get the same transcoded text.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def biber_version() -> str:
    result = subprocess.run(
        ["biber", "--version"], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip()


def _cache_key(text: str, version: str) -> str:
    digest = hashlib.sha256()
    for part in (version, " ".join(BIBER_ARGS), text):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def run_biber(text: str, name: str, cache_dir: Path, version: str) -> str:
    """Biber's BibLaTeXML for ``text``, from ``cache_dir`` when the same text was run before."""
    cached = cache_dir / f"{_cache_key(text, version)}.xml"
    if cached.is_file():
        return cached.read_text("utf-8")
    with tempfile.TemporaryDirectory(prefix="biber-") as tmp:
        source = Path(tmp) / name
        source.write_text(text, "utf-8")
        result = subprocess.run(
            ["biber", *BIBER_ARGS, "--output-file=out.xml", source.name],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=900,
        )
        out = Path(tmp) / "out.xml"
        if not out.is_file():
            raise RuntimeError(
                f"biber wrote nothing for {name} (exit {result.returncode}): "
                f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
            )
        xml = out.read_text("utf-8")
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(xml, "utf-8")
    partial.replace(cached)
    return xml


def run_all(texts: dict[Path, str], cache_dir: Path) -> dict[Path, str]:
    """Biber's output for every file, the largest first, one biber per core."""
    version = biber_version()
    order = sorted(texts, key=lambda p: -len(texts[p]))
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        futures = {p: pool.submit(run_biber, texts[p], p.name, cache_dir, version) for p in order}
        return {p: futures[p].result() for p in texts}


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    children = list(element)
    if children:  # a part with several words: <namepart><namepart>Donald</namepart>...</namepart>
        return " ".join(t for c in children if (t := _text(c)))
    return element.text or ""


#: The order biber writes name parts in (``nameparts`` in biber-tool.conf).
PART_ORDER = ("family", "given", "prefix", "suffix")


def _person(element: ET.Element) -> RefPerson:
    """One ``<bltx:name>``. Biber 2.18 leaves out ``type`` on a one-word part that has no
    initial (``{\\LaTeX}``, ``\\Thanh``); as parts come in :data:`PART_ORDER`, such a part is the
    first type not yet seen after the part before it."""
    parts: dict[str, str] = {}
    position = 0
    for child in element.findall(f"{NS}namepart"):
        kind = child.get("type")
        if kind not in PART_ORDER:
            later = [k for k in PART_ORDER[position:] if k not in parts]
            kind = later[0] if later else "family"
        parts[kind] = _text(child) or ""
        position = PART_ORDER.index(kind) + 1
    return RefPerson(*(parts.get(k, "") for k in PART_ORDER))


def _date(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    start = element.find(f"{NS}start")
    return (start.text if start is not None else element.text) or None


def read_biblatexml(xml: str) -> dict[str, RefEntry]:
    """The entries of biber's BibLaTeXML output, by key."""
    entries = {}
    for node in ET.fromstring(xml).iter(f"{NS}entry"):
        key = node.get("id") or ""
        people, more = {}, {}
        for names in node.findall(f"{NS}names"):
            role = names.get("type") or ""
            if role in ROLES:
                people[role] = tuple(_person(n) for n in names.findall(f"{NS}name"))
                more[role] = names.get("morenames") == "1"
        main_date = next((d for d in node.findall(f"{NS}date") if d.get("type") is None), None)
        title = node.find(f"{NS}title")
        entries[key] = RefEntry(key, people, more, _date(main_date), _text(title))
    return entries
