"""Where a site keeps its content: one Settings, its path options, mkdocs.yml read safely."""
