"""How a text is written: tell Simplified from the Traditional variants, and write in one.

Renderers answer in the script of the text they annotate, so an explanation carries
its text's ``Script``.
"""

from __future__ import annotations

import operator
from typing import Literal

from glossary._normalise.opencc import converter, needs_t2s, to_simplified

#: How the text is written, which decides the script of rendered annotations.
#: ``traditional`` is OpenCC's generic Traditional; ``hongkong`` and ``taiwan`` its variants.
Script = Literal["simplified", "traditional", "hongkong", "taiwan"]


def detect_script(text: str) -> Script:
    """Tell how a text is written: Simplified, or which variant of Traditional.

    Each candidate is scored by how much of a sample it reproduces: the sample's own
    Simplified form for ``simplified``, and OpenCC s2t, s2hk and s2tw of that form for
    the Traditional variants. One Traditional character in Simplified text (参考 written
    參考, a name like 乾隆) does not make the text Traditional.

    >>> [detect_script(t) for t in ("双区驱动", "雙區驅動，加強裏外", "乾隆年间，參考")]
    ['simplified', 'traditional', 'simplified']
    """
    sample = text[:2000]
    if not needs_t2s(sample):
        return "simplified"
    simplified = to_simplified(sample)
    # Each variant converts from Simplified in full: s2hk and s2tw use phrase tables of
    # their own, so t2hk or t2tw applied to s2t would not give the same text.
    best: Script = "simplified"
    best_score = sum(map(operator.eq, simplified, sample))
    for script in ("traditional", "hongkong", "taiwan"):
        score = sum(map(operator.eq, to_script(simplified, script), sample))
        if score > best_score:
            best, best_score = script, score
    return best


_CONFIGS: dict[Script, str] = {"traditional": "s2t", "hongkong": "s2hk", "taiwan": "s2tw"}


def to_script(text: str, script: Script) -> str:
    """Write Simplified ``text`` in ``script``; identity for ``simplified``.

    >>> to_script("粤港澳大湾区", "traditional")
    '粵港澳大灣區'
    """
    if script == "simplified" or not text:
        return text
    return str(converter(_CONFIGS[script]).convert(text))
