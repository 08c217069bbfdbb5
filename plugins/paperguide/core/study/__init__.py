"""Study aids beside the notes: the math tracker, concept pages, prerequisite checks."""
