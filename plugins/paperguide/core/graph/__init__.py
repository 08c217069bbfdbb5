"""The relations graph: nodes and edges from the Library, a deterministic layout, static SVG."""
