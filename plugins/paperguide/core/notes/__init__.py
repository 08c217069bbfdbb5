"""Paper notes: the model, loading, schema and rule checks, labels, scaffolding."""
