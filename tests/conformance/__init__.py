"""The biber conformance suite: paperguide's BibTeX reading measured against biber."""
