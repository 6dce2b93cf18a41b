"""Stage 7, render: an annotated text as inline notes, footnotes, Markdown, HTML or JSON.

``render.py`` dispatches on ``styles.py``'s names; each style has a module of its own,
and ``notes.py`` holds the wording they share. Every style can be stripped back exactly.
"""
