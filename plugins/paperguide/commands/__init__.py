"""The ``paperguide`` subcommands. Thin: each one parses nothing itself and calls into ``core``.

None of them imports MkDocs, so checking or scaffolding notes works without loading the site
generator (a test holds them to that).
"""
