"""The document as a glossary of its own: the terms a text defines for itself.

A report that writes ``粤港澳大湾区和深圳先行示范区（以下简称“双区”）`` has defined
``双区`` for the rest of the text. Each such definition becomes an entry of origin
``document``, matched beside the glossary's patterns (``find.py``), whose meaning wins
within that text (the senses stage).
"""

from __future__ import annotations

import re

from glossary._model.entries import Entry, Sense
from glossary._normalise.normalise import span
from glossary._normalise.text import Normalised, line_breaks

# （以下简称“双区”） as it reads once normalisation has removed the quotes.
_LOCAL = re.compile(
    r"[（(](?:以下简称|以下统称|以下称|下称|简称|统称)[为:：]?([^（）()，,。；;、：:\n]{1,16})[）)]"
)


_LOCAL_WORDS = ("简称", "统称", "下称")  # every alternative of _LOCAL holds one of these


_PHRASE_MAX = 60


# Back to the previous clause or line, whatever the line breaks (as _normalise counts them).
_PHRASE_BEFORE = re.compile(rf"[^，,。；;：:、\n\r\v\u2028\u2029（()）]{{2,{_PHRASE_MAX}}}\Z")


# White space between a phrase and its parenthesis: a hard-wrapped line may end there.
_WRAP_BEFORE = re.compile(r"\s{1,16}\Z")


def document_entries(normal: Normalised) -> list[Entry]:
    """Entries for the terms the text defines itself, with the text's own definition.

    The defined phrase is read from the original text just before the parenthesis, back
    to the previous comma, full stop or line break (at most 60 characters).

    >>> from glossary._normalise.normalise import normalise
    >>> [(e.term, e.senses[0].expansion) for e in document_entries(normalise(
    ...     "一、总体要求\\n粤港澳大湾区和深圳先行示范区（以下简称“双区”）"))]
    [('双区', '粤港澳大湾区和深圳先行示范区')]
    """
    entries: dict[str, Entry] = {}
    original = normal.original
    for m in _LOCAL.finditer(normal.text):
        term = m.group(1)
        opening, closing = span(normal, m.start(), m.end())
        wrap = _WRAP_BEFORE.search(original, max(0, opening - 16), opening)
        if wrap is not None and line_breaks(wrap.group()) < 2:  # not across a blank line
            opening = wrap.start()
        before = _PHRASE_BEFORE.search(original, max(0, opening - _PHRASE_MAX), opening)
        if before is None or term in entries:
            continue
        phrase = before.group().strip()
        sense = Sense(
            expansion=phrase,
            definition=f"{phrase}（本文简称“{term}”）",
            scope=None,
            years=(),
            origin="document",
            source=None,
            usage=original[before.start() : closing],
        )
        entry_id = f"document-{len(entries) + 1}"
        entries[term] = Entry(id=entry_id, term=term, kind="abbreviation", senses=(sense,))
    return list(entries.values())


def defines_terms(text: str) -> bool:
    """Whether the text may define a term of its own (简称, 统称, 下称), cheaply.

    ``称`` is rare, so hopping from one to the next beats three substring scans.

    >>> defines_terms("荣获“优胜区”称号"), defines_terms("（以下简称“双区”）")
    (False, True)
    """
    at = text.find("称")
    while at > 0:
        if text[at - 1 : at + 1] in _LOCAL_WORDS:
            return True
        at = text.find("称", at + 1)
    return False
