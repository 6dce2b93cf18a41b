"""Normalisation (placeholder while the engine is written; the API is fixed)."""

from __future__ import annotations

import re

import opencc

_T2S = opencc.OpenCC("t2s")
_DECORATION = re.compile(r"[\s\u200b-\u200d\u2060\ufeff“”‘’「」『』\"'＂＇]+")


def normalise_term(term: str) -> str:
    """Return the matching key of a term or variant: folded, Simplified, undecorated.

    >>> normalise_term("「雙區」驅動")
    '双区驱动'
    """
    return _DECORATION.sub("", _T2S.convert(term))
