"""Quotation marks: which characters are quotes and which open and close each other.

One table for every module: the normaliser deletes all of them, span widening and the
renderers need the pairs, the extractor strips them from terms.

>>> PAIRS["「"], "＂" in SYMMETRIC, "„" in ALL
('」', True, True)
"""

from __future__ import annotations

#: Opening quote -> its closing quote.
PAIRS: dict[str, str] = {"“": "”", "‘": "’", "「": "」", "『": "』", "〝": "〞", "«": "»", "‹": "›"}
#: Quotes that open and close alike.
SYMMETRIC = "\"'＂＇"
#: Every character treated as a quotation mark, including low and rare forms (〟 „ ‚)
#: that are deleted but never paired.
ALL = "".join(PAIRS) + "".join(PAIRS.values()) + SYMMETRIC + "〟„‚"
