"""paperguide: structured notes on research papers, published as a cross-linked study guide."""

__version__ = "0.1.0"
