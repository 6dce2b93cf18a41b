"""Stage 1, normalise: fold, convert to Simplified, strip decoration, and map offsets back.

``normalise.py`` is the entry point; ``short.py`` and ``long.py`` (numpy) are the twin
paths for short and long texts, sharing ``text.py``'s types and character classes.
OpenCC sits behind ``opencc.py``.
"""
