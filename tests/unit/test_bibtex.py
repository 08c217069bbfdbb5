"""The BibTeX cases of the foundation issue: macros, months, accents, names, links, errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

from paperguide.core.base.filecache import FileCache
from paperguide.core.bib.bibtex import parse_bib_text
from paperguide.core.bib.macros import assemble
from paperguide.core.library.loading import load_bibliography
from paperguide.core.site.settings import Settings

ZOTERO = textwrap.dedent(r"""
    @comment{jabref-meta: databaseType:bibtex;}
    @string{cvpr = "IEEE Conference on Computer Vision and Pattern Recognition"}
    @string{proc = "Proceedings of the " # cvpr}

    @inproceedings{he.2016:resnet/v1-final,
      author    = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},
      title     = {Deep Residual {L}earning for Image Recognition},
      booktitle = proc # " (CVPR)",
      month     = jun,
      year      = 2016,
      doi       = {https://doi.org/10.1109/CVPR.2016.90}
    }

    @article{scholkopf,
      author  = {Sch{\"o}lkopf, Bernhard and Erd{\H{o}}s, P{\'a}l and {\c{C}}elik, Ay{\c{s}}e
                 and {The Transformer Team} and van der Maaten, Laurens},
      title   = {Kernels \& {$\ell_1$} --- a survey},
      journal = {JMLR},
      year    = {2001},
      month   = {7},
      eprint  = {1234.56789},
      archivePrefix = {arXiv},
      url     = {https://example.org/paper}
    }
    """)


def bib(text: str = ZOTERO, source: str = "refs.bib"):
    return assemble([parse_bib_text(text, source)])


def test_string_macros_and_concatenation():
    library, problems = bib()
    assert problems == []
    entry = library.get("he.2016:resnet/v1-final")
    assert entry is not None
    assert entry.venue == (
        "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"
    )


def test_month_macros_and_numbers_show_month_names():
    library, _ = bib()
    assert library.get("he.2016:resnet/v1-final").month == "June"
    assert library.get("scholkopf").month == "July"


def test_accents_decoded_name_by_name_and_corporate_author_kept_whole():
    library, _ = bib()
    people = library.get("scholkopf").authors
    assert [p.full for p in people] == [
        "Bernhard Schölkopf",
        "Pál Erdős",
        "Ayşe Çelik",
        "The Transformer Team",
        "Laurens van der Maaten",
    ]
    assert people[3].family == "The Transformer Team"
    assert people[4].family == "van der Maaten"
    assert library.get("scholkopf").short_authors == "Schölkopf et al."


def test_titles_decode_braces_dashes_and_keep_math():
    library, _ = bib()
    assert (
        library.get("he.2016:resnet/v1-final").title
        == "Deep Residual Learning for Image Recognition"
    )
    assert library.get("scholkopf").title == "Kernels & $\\ell_1$ — a survey"


def test_links_from_doi_eprint_and_url():
    library, _ = bib()
    assert library.get("he.2016:resnet/v1-final").links() == [
        ("DOI", "https://doi.org/10.1109/CVPR.2016.90")
    ]
    assert library.get("scholkopf").links() == [
        ("arXiv", "https://arxiv.org/abs/1234.56789"),
        ("URL", "https://example.org/paper"),
    ]


def test_short_author_forms():
    library, _ = bib(
        "@misc{a, author={Ioffe, Sergey and Szegedy, Christian}, title={x}}\n"
        "@misc{b, author={Vaswani, Ashish}, title={y}}\n"
    )
    assert library.get("a").short_authors == "Ioffe and Szegedy"
    assert library.get("b").short_authors == "Vaswani"


def test_duplicate_keys_and_parse_errors_have_lines():
    _, problems = bib(
        "@misc{a, title={one}}\n\n@misc{a, title={two}}\n"
        "@misc{broken, title={unclosed\n@misc{after, title={fine}}\n"
    )
    duplicate = next(p for p in problems if "duplicate key 'a'" in p.message)
    assert (duplicate.path, duplicate.line) == ("refs.bib", 3)
    assert "line 1" in duplicate.message
    broken = next(p for p in problems if "cannot parse" in p.message)
    assert broken.line == 4


def test_duplicate_keys_across_files():
    first = parse_bib_text("@misc{a, title={one}}\n", "one.bib")
    second = parse_bib_text("\n@misc{a, title={two}}\n", "two.bib")
    library, problems = assemble([first, second])
    [problem] = problems
    assert (problem.path, problem.line) == ("two.bib", 2)
    assert "one.bib:1" in (problem.hint or "")
    assert library.get("a").title == "one"


def test_undefined_macro_is_located():
    _, problems = bib("@misc{a,\n  title = {x},\n  journal = nowhere # { 2020}\n}\n")
    [problem] = problems
    assert problem.line == 3 and problem.field == "journal"
    assert "undefined macro 'nowhere'" in problem.message


def test_macros_from_earlier_files_apply(tmp_path: Path):
    (tmp_path / "strings.bib").write_text('@string{jmlr = "Journal of ML Research"}\n')
    (tmp_path / "refs.bib").write_text("@article{x, title={t}, journal=jmlr, year=2000}\n")
    settings = Settings(tmp_path, tmp_path, bib_files=("strings.bib", "refs.bib"))
    library, problems = load_bibliography(settings, FileCache())
    assert problems == []
    assert library.get("x").venue == "Journal of ML Research"


def test_parsed_once_and_cached_until_the_file_changes(tmp_path: Path):
    (tmp_path / "refs.bib").write_text("@misc{x, title={t}}\n")
    settings = Settings(tmp_path, tmp_path, bib_files=("refs.bib",))
    cache = FileCache()
    first, _ = load_bibliography(settings, cache)
    second, _ = load_bibliography(settings, cache)
    assert first is second
    (tmp_path / "refs.bib").write_text("@misc{x, title={t}}\n@misc{y, title={u}}\n")
    third, _ = load_bibliography(settings, cache)
    assert third is not first and "y" in third


def test_missing_bib_file_is_a_diagnostic(tmp_path: Path):
    settings = Settings(tmp_path, tmp_path, bib_files=("nope.bib",))
    _, problems = load_bibliography(settings, FileCache())
    [problem] = problems
    assert problem.path == "nope.bib" and "not found" in problem.message
