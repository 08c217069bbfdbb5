"""Human labels for the format's slugs. The slugs are the contract; the words are ours."""

from __future__ import annotations

CATEGORY = {
    "assumed": "Assumed background",
    "explained": "Explained, but hard",
    "hand-waved": "Hand-waved",
    "wrong": "Got wrong",
    "padding": "Reviewer padding",
}

#: One or two words per category, for a count in a table cell ("2 hand-waved").
CATEGORY_SHORT = {
    "assumed": "assumed",
    "explained": "hard to grasp",
    "hand-waved": "hand-waved",
    "wrong": "wrong",
    "padding": "padding",
}

CATEGORY_DEFINITION = {
    "assumed": "Background the paper relies on without explaining it; fill it from outside first.",
    "explained": "The paper explains it, but it takes work to grasp.",
    "hand-waved": "The authors did not fully explain it and moved on; critics aim here later.",
    "wrong": "Something the authors got wrong; the result may still hold.",
    "padding": "Added for reviewers; it adds little and reads as disjointed.",
}

UNKNOWN_STATUS = {"open": "open", "resolved": "resolved", "disputed": "disputed"}

STATUS = {
    "queued": "Queued",
    "context": "Context gathered",
    "first-pass": "First pass",
    "second-pass": "Second pass",
    "third-pass": "Third pass",
    "done": "Done",
}

GOAL = {"gist": "Goal: the gist", "reproduce": "Goal: reproduce"}

RELATION = {
    "builds-on": "builds on",
    "extends": "extends",
    "compares-with": "compares with",
    "uses": "uses",
    "critiques": "critiques",
}

RELATION_INVERSE = {
    "builds-on": "is built on by",
    "extends": "is extended by",
    "compares-with": "is compared with by",
    "uses": "is used by",
    "critiques": "is critiqued by",
}

CONTEXT_KIND = {
    "blog": "blog post",
    "video": "video",
    "talk": "talk",
    "thread": "thread",
    "code": "code",
    "paper": "paper",
    "other": "other",
}

#: Titles of the per-category pages: the question each one answers across the library.
CATEGORY_PAGE = {
    "assumed": "Background to learn first",
    "explained": "Explained, but hard to grasp",
    "hand-waved": "Everything authors hand-waved",
    "wrong": "Known errors",
    "padding": "Reviewer padding you can skip",
}

TOPIC_STATUS = {"green": "green", "yellow": "yellow", "red": "red"}

TOPIC_STATUS_MEANING = {
    "green": "solid: you can use it without looking it up",
    "yellow": "shaky: you follow it, but could not redo it alone",
    "red": "a gap: study it before the papers that need it",
}

RESOURCE_KIND = {
    "course": "course",
    "book": "book",
    "exercises": "exercises",
    "video": "video",
    "other": "other",
}

# Self-checks (checks[] and `/// check`): the fold's title and the line naming what a check is
# about ("About: formula Focal loss").
SHOW_ANSWER = "Show answer"
CHECK_ABOUT = "About:"
CHECK_ABOUT_KIND = {
    "unknown": "unknown",
    "figure": "figure",
    "formula": "formula",
    "symbol": "symbol",
}
CHECKS_HEADING = "Check yourself"
#: The site-wide page: the heading over the checks written on pages, and each one's link back.
PAGE_CHECKS_HEADING = "On the guide's pages"
CHECK_ON_ITS_PAGE = "On its page"
