"""Drafts whose lines end in a carriage return alone: read as LF, given back in CR.

Classic Mac OS, and some tools still, break lines with a lone CR. Everything the hooks
read in a draft (a line, a paragraph, a heading, a code fence, the managed section's
markers) is found by its LF, so such a draft is worked on with each CR read as an LF
and whatever comes out is turned back: the section is then in the draft's own line
breaks, and every offset stays where it was, since one character stands for one.
A draft with any LF in it (LF, CR LF, or a mixture) is left as it is.
"""

from __future__ import annotations


def cr_only(text: str) -> bool:
    """Whether ``text`` breaks its lines with a lone CR: a CR in it and no LF.

    >>> cr_only("甲\\r乙\\r"), cr_only("甲\\r\\n乙"), cr_only("甲")
    (True, False, False)
    """
    return "\r" in text and "\n" not in text


def as_lf(text: str) -> str:
    """``text`` with every CR read as an LF.

    >>> as_lf("甲\\r乙")
    '甲\\n乙'
    """
    return text.replace("\r", "\n")


def as_cr(text: str) -> str:
    """``text`` with every LF given back as a CR: ``as_lf`` undone.

    >>> as_cr(as_lf("甲\\r乙\\r")) == "甲\\r乙\\r"
    True
    """
    return text.replace("\n", "\r")
