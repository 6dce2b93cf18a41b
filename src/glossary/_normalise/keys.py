"""The matching key of a term, remembered: one cache for every module that asks often.

``normalise_term`` folds, converts to Simplified and strips decoration on every call.
Annotating a draft, rendering notes and ranking search hits ask for the keys of the same
glossary surfaces and expansions again and again, so they share this one cache.
"""

from __future__ import annotations

from functools import cache

from glossary._normalise.normalise import normalise_term


@cache  # bounded in practice: surfaces, expansions and ignore lists of the glossary in use
def term_key(term: str) -> str:
    """``normalise_term(term)``, computed once per distinct term.

    >>> term_key("「雙區」驅動")
    '双区驱动'
    """
    return normalise_term(term)
