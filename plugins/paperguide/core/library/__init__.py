"""The Library: everything one build knows, loaded and checked once, and what it rolls up."""
