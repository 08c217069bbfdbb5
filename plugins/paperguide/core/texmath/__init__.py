"""TeX math: a structural reader of formulas, symbol tagging, and KaTeX run in-process."""
