"""The MkDocs adapter: the only code in paperguide that imports MkDocs. Kept thin on purpose."""
