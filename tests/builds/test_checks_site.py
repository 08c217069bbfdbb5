"""Self-checks through real strict builds: the "Check yourself" section of a guide page, the
site-wide page (its option), a hand-written ``/// check``, and hostile text."""

from __future__ import annotations

import textwrap

from tests.helpers import MINIMAL_BIB

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"

NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    unknowns:
      - id: beta-role
        category: explained
        question: What does $\\beta$ do?
    figures:
      - id: sweep
        label: Figure 2
    formulas:
      - id: qhm
        title: QHM update
        tex: \\theta_{t+1} = \\theta_t - \\alpha [(1-\\nu) g_t + \\nu a_t]
        symbols:
          - tex: \\nu
            meaning: immediate discount factor
    checks:
      - question: What does $\\nu = 0$ give?
        answer: Plain SGD, since only the **current** gradient is used.
        about: qhm#\\nu
      - question: What is on the x axis?
        answer: The sweep.
        about: sweep
      - question: Why the bias correction?
        answer: The buffers start at zero.
        about: beta-role
      - question: Without an about?
        answer: Fine.
    """)

PAGE = textwrap.dedent("""\
    # A page

    /// check | ma2019qhadam#qhm
    Which factor weighs the *current* gradient?

    /// answer
    $1 - \\nu$.
    ///
    ///
    """)


def files(note: str = NOTE) -> dict[str, str]:
    return {
        "content/index.md": "# Home\n",
        "content/page.md": PAGE,
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": note,
    }


def _ids(html) -> set[str]:
    return {tag["id"] for tag in html.find_all(id=True)}


def test_guide_page_shows_each_check_with_a_hidden_answer_and_a_working_about_link(site):
    result = site(files())
    assert result.ok, result.warnings()
    assert result.warnings() == []
    article = result.article("papers/ma2019qhadam/")
    section = article.select_one("h2#check-yourself")
    assert section is not None and section.get_text(strip=True).startswith("Check yourself")
    checks = article.select(".pg-check")
    assert [c["id"] for c in checks] == ["check-1", "check-2", "check-3", "check-4"]
    for check in checks:
        question = check.select_one(".pg-check-question")
        details = question.find_next_sibling()
        assert details.name == "details" and not details.has_attr("open")
        assert details.summary.get_text(strip=True) == "Show answer"
        assert details.select_one(".pg-check-answer-body").get_text(strip=True)
    first = checks[0]
    assert first.select_one(".pg-check-question .katex") is not None  # math in the question
    assert first.select_one(".pg-check-answer-body strong").get_text() == "current"
    # Each about link resolves to an element on the same page.
    anchors = _ids(result.html("papers/ma2019qhadam/"))
    hrefs = [c.select_one(".pg-check-about a")["href"] for c in checks[:3]]
    assert hrefs == ["#formula-qhm", "#fig-sweep", "#u-beta-role"]
    assert {h[1:] for h in hrefs} <= anchors
    assert first.select_one(".pg-check-about .katex") is not None  # the symbol, typeset
    assert checks[3].select_one(".pg-check-about") is None


def test_site_wide_page_lists_every_check_by_paper_with_links_back(site):
    result = site(files())
    assert result.ok, result.warnings()
    article = result.article("checks/")
    assert article.h1.get_text(strip=True).startswith("Check yourself")
    group = article.select_one("h2#checks-ma2019qhadam")
    assert "Quasi-hyperbolic momentum" in group.get_text()
    assert len(article.select(".pg-checks .pg-check")) == 5  # the note's four, the page's one
    assert len(group.find_next_sibling(class_="pg-checks").select(".pg-check")) == 4
    assert not article.select(".pg-check[id]")  # the guide page holds the anchors
    back = article.select_one(".pg-checks-source a")["href"]
    assert back == "../papers/ma2019qhadam/#check-yourself"
    guide_ids = _ids(result.html("papers/ma2019qhadam/"))
    for link in article.select(".pg-check-about a"):
        page, _, anchor = link["href"].partition("#")
        assert page == "../papers/ma2019qhadam/" and anchor in guide_ids


def test_the_site_wide_page_can_move_or_go(site, tmp_path):
    moved = site(
        files(),
        config={"plugins": ["search", {"paperguide": {"checks_page": "study/self-test.md"}}]},
    )
    assert moved.ok, moved.warnings()
    assert (moved.site / "study/self-test/index.html").exists()
    assert not (moved.site / "checks/index.html").exists()
    off = site(files(), config={"plugins": ["search", {"paperguide": {"checks_page": ""}}]})
    assert off.ok, off.warnings()
    assert not (off.site / "checks/index.html").exists()
    assert off.article("papers/ma2019qhadam/").select_one("#check-yourself") is not None


def test_no_checks_no_page_and_no_section(site):
    note = NOTE.split("checks:")[0]
    without_page = {k: v for k, v in files(note).items() if k != "content/page.md"}
    result = site(without_page)
    assert result.ok, result.warnings()
    assert not (result.site / "checks/index.html").exists()
    assert result.article("papers/ma2019qhadam/").select_one("#check-yourself") is None


def test_checks_on_pages_alone_make_the_page(site):
    result = site(files(NOTE.split("checks:")[0]))
    assert result.ok, result.warnings()
    article = result.article("checks/")
    assert article.select_one("h2#checks-ma2019qhadam") is None
    assert article.select_one("p").get_text(strip=True).startswith("The checks written on")
    (check,) = article.select(".pg-check")
    assert check.select_one(".pg-check-source a")["href"] == "../page/#check-1"


def test_a_hand_written_check(site):
    result = site(files())
    assert result.ok, result.warnings()
    check = result.article("page/").select_one(".pg-check")
    question, details, about = check.find_all(recursive=False)
    assert question.em.get_text() == "current"
    assert details.name == "details" and details.select_one(".katex") is not None
    assert about.a["href"] == "../papers/ma2019qhadam/#formula-qhm"


def test_hostile_text_stays_text(site):
    note = NOTE.replace("title: QHM update", f'title: "QHM {XSS}"').replace(
        "label: Figure 2", f'label: "Figure {XSS}"'
    ) + (
        f'  - question: "Question `{XSS}` [@nokey\\\\]"\n'
        f'    answer: "Answer `{XSS}`"\n'
        "    about: sweep\n"
    )
    result = site(files(note), strict=False)
    assert result.ok
    for url in ("papers/ma2019qhadam/", "checks/"):
        article = result.article(url)
        assert article.find("script") is None and article.find("img") is None
        for element in article.find_all(True):
            assert not any(name.startswith("on") for name in element.attrs), element.name
        text = " ".join(c.get_text() for c in article.select(".pg-check"))
        # Labels of what a check is about are data, shown as typed; code spans stay code.
        assert text.count("<script>alert(1)</script>") >= 4, text
    # A hostile about: refused by the schema, never printed into the page.
    bad = NOTE.replace("about: sweep", f'about: "{XSS}"')
    result = site(files(bad), strict=False)
    assert any("checks[1].about" in w for w in result.warnings()), result.warnings()
    assert result.article("papers/ma2019qhadam/").find("img") is None


def test_a_check_with_an_id_is_anchored_by_it(site):
    note = NOTE.replace(
        "  - question: What is on the x axis?",
        "  - id: x-axis\n    question: What is on the x axis?",
    )
    result = site(files(note))
    assert result.ok, result.warnings()
    checks = result.article("papers/ma2019qhadam/").select(".pg-check")
    # An id names the anchor, so a link to it survives reordering; the others keep their rank.
    assert [c["id"] for c in checks] == ["check-1", "check-x-axis", "check-3", "check-4"]


def test_a_hand_written_check_is_anchored_by_its_id_or_its_rank(site):
    page = PAGE + textwrap.dedent("""\

        /// check
            id: second-one
        Which factor weighs the momentum buffer?

        /// answer
        $\\nu$.
        ///
        ///

        /// check
        A third?

        /// answer
        Yes.
        ///
        ///
        """)
    result = site({**files(), "content/page.md": page})
    assert result.ok, result.warnings()
    assert result.warnings() == []
    checks = result.article("page/").select(".pg-check")
    assert [c.get("id") for c in checks] == ["check-1", "check-second-one", "check-3"]


def test_a_bad_or_repeated_check_id_on_a_page_is_reported(site):
    block = "/// check\n    id: {}\nQ?\n\n/// answer\nA.\n///\n///\n\n"
    page = "# A page\n\n" + "".join(block.format(i) for i in ("twice", "twice", "Not-A-Slug"))
    result = site({**files(), "content/page.md": page}, strict=False)
    warnings = [w for w in result.warnings() if "content/page.md" in w]
    assert len(warnings) == 2, warnings
    assert "duplicate check id 'twice' on this page" in warnings[0]
    assert "'Not-A-Slug' is not a valid id" in warnings[1] and "lowercase" in warnings[1]
    ids = [c.get("id") for c in result.article("page/").select(".pg-check")]
    assert len(set(ids)) == 3 and ids[0] == "check-twice"


def test_site_wide_page_lists_the_checks_written_on_pages(site):
    other = textwrap.dedent("""\
        # Deep dive

        /// check
            id: link-check
        Where does [the home page](../index.md) link? See $x^2$.

        /// answer
        To [this page](#deep-dive), and to [@ma2019qhadam].
        ///
        ///
        """)
    result = site({**files(), "content/sub/deep.md": other})
    assert result.ok, result.warnings()
    assert result.warnings() == []
    article = result.article("checks/")
    # The notes' checks first, then one group per page, titled by the page.
    groups = article.select("h3[id^=checks-page-]")
    assert [g.get_text(strip=True) for g in groups] == ["A page", "Deep dive"]
    assert [g["id"] for g in groups] == ["checks-page-page", "checks-page-sub-deep"]
    toc = [a.get_text(strip=True) for a in result.html("checks/").select(".md-nav--secondary a")]
    assert "A page" in toc and "Deep dive" in toc
    first = groups[0].find_next_sibling(class_="pg-checks").select(".pg-check")
    assert len(first) == 1
    assert first[0].select_one(".pg-check-question em").get_text() == "current"
    assert first[0].select_one("details .katex") is not None
    assert not article.select(".pg-check[id]")  # the anchors stay on the pages
    # Each check links back to itself on its page, and its links work from here.
    assert first[0].select_one(".pg-check-source a")["href"] == "../page/#check-1"
    assert first[0].select_one(".pg-check-about a")["href"] == "../papers/ma2019qhadam/#formula-qhm"
    deep = groups[1].find_next_sibling(class_="pg-checks").select_one(".pg-check")
    hrefs = [a["href"] for a in deep.select("a")]
    assert "../" in hrefs  # the home page, from /checks/
    assert "../sub/deep/#deep-dive" in hrefs  # a same-page anchor, now pointing at its page
    assert "../papers/ma2019qhadam/" in hrefs  # the citation
    assert hrefs[-1] == "../sub/deep/#check-link-check"
    for href in hrefs:
        page, _, anchor = href.partition("#")
        target = (result.site / "checks" / page).resolve() / "index.html"
        assert target.is_file(), href
        if anchor:
            assert anchor in _ids(
                result.html(target.parent.relative_to(result.site).as_posix() + "/")
            )
    # No sentinel or placeholder leaks anywhere.
    for url in ("checks/", "page/", "sub/deep/"):
        text = str(result.html(url))
        assert "\x02" not in text and "paperguide:" not in text
