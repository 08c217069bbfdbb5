"""Generated pages as Markdown: guide pages, indexes, dashboards, and the Jinja templating."""
