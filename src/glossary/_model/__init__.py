"""Stage 0, the data everyone shares: entries and senses, errors, annotations, region names.

Imports nothing of ours; every other stage may import it.
"""
