"""BibTeX: parsing, names, LaTeX decoding, and the citation styles (house and CSL)."""
