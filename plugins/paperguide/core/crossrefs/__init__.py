"""Who cites and links what: collected while pages render, indexed once, filled into pages."""
