"""Citations: the grammar, and finding citations in Markdown source and in notes."""
