"""Stage 4, match: every term of the glossary and of the document itself in a text.

``find.py`` is the entry point; ``short.py`` and ``long.py`` (numpy) are the twin paths;
``document.py`` reads the terms a text defines for itself.
"""
