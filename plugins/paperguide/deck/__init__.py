"""The Anki deck: study cards made from the notes, packaged as an ``.apkg`` with genanki."""
