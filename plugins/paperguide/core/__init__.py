"""The MkDocs-free core: loading, validation, BibTeX, the Library and page generation.

Nothing in this package may import ``mkdocs`` (a test enforces it), so the same logic runs under
MkDocs, ProperDocs, the ``paperguide`` CLI, or any other host.
"""
