"""The document as a glossary of its own: the terms a text explains for itself.

Reports explain much of their own jargon in passing. Four forms are read:

* ``粤港澳大湾区和深圳先行示范区（以下简称“双区”）``: a phrase, then (以下)简称, 统称
  or 下称 and the short form it takes from here on;
* ``实施“三个一批”（谋划一批、开工一批、投产一批）``: a quoted term and, right after it,
  a parenthesised enumeration or expansion;
* ``“两重”，即国家重大战略实施和重点领域安全能力建设``: a quoted term (or a numeric
  formula), then 即 and what it stands for, to the end of the clause;
* ``“三个一批”是指……`` / ``指的是``: the same with 是指 or 指的是.

Each becomes an entry of origin ``document``, matched beside the glossary's patterns
(``find.py``), whose meaning wins within that text (the senses stage). A term is read
where the text first explains it; later explanations of the same term are ignored.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from glossary._match.jargon import around, positions, shape
from glossary._model.annotation import Definition
from glossary._model.entries import Entry, Kind, Sense
from glossary._normalise.normalise import normalise_term, span
from glossary._normalise.text import DECORATION, Normalised, line_breaks

# （以下简称“双区”） as it reads once normalisation has removed the quotes.
_SHORT_FORM = re.compile(
    r"[（(](?:以下简称|以下统称|以下称|下称|简称|统称)[为:：]?([^（）()，,。；;、：:\n]{1,16})[）)]"
)
_SHORT_FORM_WORDS = ("简称", "统称", "下称")  # every alternative holds one of these
_PHRASE_MAX = 60
# Back to the previous clause or line, whatever the line breaks (as line_breaks counts them).
_PHRASE_BEFORE = re.compile(rf"[^，,。；;：:、\n\r\v\u2028\u2029（()）]{{2,{_PHRASE_MAX}}}\Z")
# White space between a phrase and its parenthesis: a hard-wrapped line may end there.
_WRAP_BEFORE = re.compile(r"\s{1,16}\Z")
_DECORATION = re.compile(f"[{DECORATION}]+")

# A quoted term of one to 20 characters, or an unquoted numeric formula (1+1+10+N).
_TERM = (
    r"(?:[“「『\"](?P<quoted>[^“”「」『』\"\n，。；]{1,20})[”」』\"]"
    r"|(?<![0-9A-Za-z+＋])(?P<formula>[0-9]+(?:[+＋][0-9NnXx]+)+)(?![0-9A-Za-z+＋]))"
)
_CLAUSE = r"[^。；;！!？?\n]{2,120}"
# “三个一批”（谋划一批、开工一批、投产一批）: not （以下简称…）, which names a short form.
_ENUMERATION = re.compile(
    rf"{_TERM}[（(](?!以下|简称|统称|下称|称)(?P<meaning>[^（）()\n]{{2,120}})[）)]"
)
# “两重”，即…  /  “两重”是指…  /  “两重”指的是…
_STANDS_FOR = re.compile(rf"{_TERM}[，,]?(?:即|是指|指的是)(?P<meaning>{_CLAUSE})")
#: How far an explanation reaches before and after the character that cues it: a quoted
#: term of 20 characters with its quotes and comma, and a meaning of 120 with 指的是.
_TERM_REACH, _MEANING_REACH = 24, 126
# What a term ends with when a parenthesis explains it: a closing quote, a formula's part.
_TERM_ENDS = frozenset('”」』"0123456789NnXx')
_CUES = ("即", "指", "（", "(")  # one of these is in every form but the short one
_ENUMERATES = re.compile("[、；;]")
# Four Han characters or more: more than a date or a place's qualifier.
_SAYS_MORE = re.compile(r"(?:[\u4e00-\u9fff][^\u4e00-\u9fff]*){4}")
# A label and its value (（牵头单位：教育厅）) is a note on the term, not its meaning.
_LABELLED = re.compile("[：:]")
# A term of digits or one letter (“1”是指…) is a part of a formula being spelt out.
_PART = re.compile(r"[0-9]+|[A-Za-z]")
# 《……》: a title the phrase ends with, for （以下简称《纲要》）.
_TITLE_END = re.compile(r"《[^《》]+》\Z")


def document_entries(normal: Normalised) -> list[Definition]:
    """The terms a text explains itself, each with the text's explanation and its span.

    >>> from glossary._normalise.normalise import normalise
    >>> found = document_entries(normalise(
    ...     "一、总体要求\\n粤港澳大湾区和深圳先行示范区（以下简称“双区”），"
    ...     "实施“三个一批”（谋划一批、开工一批、投产一批）。"))
    >>> for e in found:
    ...     print(e.entry.id, e.entry.term, e.entry.senses[0].expansion)
    document-1 双区 粤港澳大湾区和深圳先行示范区
    document-2 三个一批 谋划一批、开工一批、投产一批
    """
    found: dict[str, _Found] = {}
    candidates = _short_forms(normal) if defines_short_forms(normal.text) else []
    original = normal.original
    if any(cue in original for cue in _CUES):
        # A parenthesis right after a quote or a formula; 即, 是指, 指的是 (not 指导, 指标).
        parens = [at for at in positions(original, "（(") if original[at - 1 : at] in _TERM_ENDS]
        says = [
            at
            for at in positions(original, "即指")
            if original[at] == "即"
            or original[at - 1 : at + 1] == "是指"
            or original[at : at + 3] == "指的是"
        ]
        matches = [
            *around(original, parens, _ENUMERATION, _TERM_REACH, _MEANING_REACH),
            *around(original, says, _STANDS_FOR, _TERM_REACH, _MEANING_REACH),
        ]
        read = (_read(m) for m in matches)
        candidates += [found for found in read if found is not None]
    for candidate in sorted(candidates, key=lambda c: c.start):  # first explanation wins
        found.setdefault(normalise_term(candidate.term), candidate)
    return [
        Definition(Entry(f"document-{i}", c.term, c.kind, (c.sense,)), c.start, c.end)
        for i, c in enumerate(found.values(), 1)
    ]


class _Found(NamedTuple):
    start: int
    end: int
    term: str  # as written, quotes off
    kind: Kind
    sense: Sense


def _short_forms(normal: Normalised) -> list[_Found]:
    """（以下简称“双区”）: the phrase before the parenthesis, back to the previous clause."""
    found: list[_Found] = []
    original = normal.original
    for m in _SHORT_FORM.finditer(normal.text):
        term_start, term_end = span(normal, m.start(1), m.end(1))
        term = _DECORATION.sub("", original[term_start:term_end])
        opening, closing = span(normal, m.start(), m.end())
        wrap = _WRAP_BEFORE.search(original, max(0, opening - 16), opening)
        if wrap is not None and line_breaks(wrap.group()) < 2:  # not across a blank line
            opening = wrap.start()
        before = _PHRASE_BEFORE.search(original, max(0, opening - _PHRASE_MAX), opening)
        if before is None or not term:
            continue
        phrase = before.group().strip()
        title = _TITLE_END.search(phrase)  # 编制了《……纲要草案》（以下简称《纲要草案》）
        phrase = title.group() if title else phrase
        usage = original[before.start() : closing]
        sense = _sense(phrase, f"{phrase}（本文简称“{term}”）", usage)
        found.append(_Found(before.start(), closing, term, "abbreviation", sense))
    return found


def _read(match: re.Match[str]) -> _Found | None:
    """An explanation read by ``_ENUMERATION`` or ``_STANDS_FOR``, or None for a mere aside.

    A parenthesis after a quoted term explains it when it enumerates (``、`` or ``；``
    inside) or when the term is shaped like jargon and the parenthesis says more than a
    date: “村BA”（南部赛区） and “市长质量奖”（文化类） only qualify the term.
    """
    term = (match["quoted"] or match["formula"]).strip()
    meaning = match["meaning"]
    if _PART.fullmatch(term) or _LABELLED.search(meaning):
        return None
    if match.re is _ENUMERATION and not (
        _ENUMERATES.search(meaning) or (shape(term) != "quoted" and _SAYS_MORE.search(meaning))
    ):
        return None
    formula = bool(match["formula"]) or (any(c.isdigit() for c in term) and "+" in term)
    sense = _sense(match["meaning"].strip(), match[0], match[0])
    return _Found(
        match.start(), match.end(), term, "numeric-formula" if formula else "slogan", sense
    )


def _sense(expansion: str, definition: str, usage: str) -> Sense:
    return Sense(
        expansion=expansion,
        definition=definition,
        scope=None,
        years=(),
        origin="document",
        source=None,
        usage=usage,
    )


def defines_short_forms(text: str) -> bool:
    """Whether the text may define a short form (简称, 统称, 下称), cheaply.

    ``称`` is rare, so hopping from one to the next beats three substring scans.

    >>> defines_short_forms("荣获“优胜区”称号"), defines_short_forms("（以下简称“双区”）")
    (False, True)
    """
    at = text.find("称")
    while at > 0:
        if text[at - 1 : at + 1] in _SHORT_FORM_WORDS:
            return True
        at = text.find("称", at + 1)
    return False
