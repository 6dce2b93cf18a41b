"""Stage 3, compile: entries to an Aho-Corasick automaton and the tables behind it.

``automaton.py`` is the one module that imports ahocorasick-rs; ``compiled.py`` maps
each normalised surface to the entries that claim it.
"""
