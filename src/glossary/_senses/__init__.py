"""Stage 5, choose senses: one reading per distinct term, from the text's regional cues.

``choose.py`` says how a sense is chosen; ``cues.py`` (and its numpy twin ``long.py``)
counts how often the text names each region.
"""
