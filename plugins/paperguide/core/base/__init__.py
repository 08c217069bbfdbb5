"""Shared plumbing: diagnostics, limits, text and YAML read with locations, caches, slugs, URLs."""
