"""Python-Markdown extensions: they work under any Python-Markdown host, given a context.

Nothing here imports MkDocs. The MkDocs adapter registers the extensions and keeps the shared
:class:`~paperguide.mdx.context.RenderContext` pointed at the page being rendered.
"""
