"""Stage 8, the API: ``Glossary``, ``explain``, ``lookup``, ``search`` and ``Explanation``.

``pipeline.py`` runs a text through the stages, each once and in order.
"""
