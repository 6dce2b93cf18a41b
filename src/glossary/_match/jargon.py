"""What looks like jargon: quoted spans, numeric formulas and numbered sets, by shape alone.

Reports quote their jargon (“两重”, “1+5+N”, “四个一批”), so a quoted span is the first
sign; a formula is jargon even unquoted. This module knows nothing of the glossary:
the coverage report and the draft hook decide what to do with what it finds.

>>> [(c.text, c.shape) for c in candidates("推进“两重”建设和“1+5+N”体系，把好事办“好”。")]
[('两重', 'numbered set'), ('1+5+N', 'formula'), ('好', 'quoted')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

#: A quoted span of one to 24 characters on one line: the quote pairs reports use.
QUOTED = re.compile(
    r"“([^“”\n]{1,24})”|「([^「」\n]{1,24})」|『([^『』\n]{1,24})』|\"([^\"\n]{1,24})\""
)
_PART = r"(?:[0-9０-９]+|[NnＮｎXxＸｘMmＭｍ])"
FORMULA = re.compile(rf"{_PART}(?:[ ]?[+＋][ ]?{_PART})+")
# A formula standing in running text: not part of a longer run of letters, digits or dots,
# and not a sum (3+4等于7, 1+1>2).
_BARE_FORMULA = re.compile(
    rf"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．]){FORMULA.pattern}"
    r"(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．])(?!\s*(?:[=＝<>＜＞≥≤]|等于|大于|小于))"
)
_NUMERALS = "一二两兩三四五六七八九十百千万萬双雙"
_NUMBERED = re.compile(rf"[{_NUMERALS}][\u4e00-\u9fff]{{1,7}}")
_PLUS = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,8}[+＋×][\u4e00-\u9fff]{0,8}")
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that looks like jargon: where it stands, its words, and why it looks so."""

    start: int  # offset of the words (inside the quotes) in the text
    end: int
    text: str
    shape: str  # "formula", "numbered set", "programme +" or "quoted"


def shape(words: str) -> str:
    """Why ``words`` look like jargon: the most specific shape they have.

    >>> [shape(w) for w in ("1+6+N", "四个意识", "人工智能+", "数据要素×", "好房子", "2023")]
    ['formula', 'numbered set', 'programme +', 'programme +', 'quoted', 'quoted']
    """
    if FORMULA.fullmatch(words) and _DIGIT.search(words):
        return "formula"
    if _NUMBERED.fullmatch(words):
        return "numbered set"
    if _PLUS.fullmatch(words):
        return "programme +"
    return "quoted"


def jargon_shaped(words: str) -> bool:
    """Whether quoted words look like a numeric formula or a numbered slogan.

    >>> [jargon_shaped(s) for s in ("1+6+N", "四个意识", "双区", "疫情要防住", "2023")]
    [True, True, True, False, False]
    """
    return shape(words) in ("formula", "numbered set")


def candidates(text: str, *, shaped: bool = False) -> tuple[Candidate, ...]:
    """Every quoted span, and every formula standing unquoted, in order of position.

    With ``shaped``, only the spans shaped like jargon (a formula, a numbered set, a
    programme name): quoted words with no digit, numeral, plus or times sign are passed
    over before their shape is worked out, which a long text holds thousands of.

    >>> [(c.start, c.text) for c in candidates("构建1+5+N体系")]
    [(2, '1+5+N')]
    >>> [c.text for c in candidates("要“好”，要“两重”", shaped=True)]
    ['两重']
    """
    found: list[Candidate] = []
    quoted: list[tuple[int, int]] = []
    for match in QUOTED.finditer(text):
        quoted.append(match.span())
        group = match.lastindex or 1  # each alternative has one group: the one that matched
        words = match[group]
        if shaped and not _MAYBE_SHAPED.search(words):
            continue
        start, end = match.span(group)
        found.append(Candidate(start, end, words, shape(words.strip())))
    starts = [s for s, _ in quoted]  # quoted spans do not overlap: bisect finds the one
    for match in around(text, positions(text, "+＋"), _BARE_FORMULA, _REACH, _REACH):
        start, end = match.span()
        k = bisect.bisect_right(starts, start) - 1
        if k < 0 or quoted[k][1] < end:
            found.append(Candidate(start, end, match[0], "formula"))
    return tuple(sorted(found, key=lambda c: c.start))


# What every jargon shape holds: a digit, a numeral or a plus or times sign.
_MAYBE_SHAPED = re.compile(f"[0-9０-９+＋×{_NUMERALS}]")


#: How far a bare formula may reach on either side of one of its plus signs.
_REACH = 32


def around(
    text: str, spots: list[int], pattern: re.Pattern[str], before: int, after: int
) -> list[re.Match[str]]:
    r"""The matches of ``pattern`` in ``text``, searched for only around ``spots``.

    Every match must hold one of the spots (a plus sign, 即), at most ``before``
    characters after its start and ``after`` before its end. A long text holds few of
    them, so the regular expression runs over a few windows instead of every position of
    the text; each match found is matched again at its start against the whole text, so
    that no window's end cuts a lookahead short.

    >>> text = "构建1+5+N体系和2+1格局"
    >>> [m[0] for m in around(text, positions(text, "+"), re.compile(r"\d(?:\+[\dN])+"), 4, 4)]
    ['1+5+N', '2+1']
    """
    windows: list[list[int]] = []
    for at in spots:
        low, high = max(0, at - before), min(len(text), at + after + 1)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    found: dict[int, re.Match[str]] = {}
    for low, high in windows:
        for match in pattern.finditer(text, low, high):
            whole = pattern.match(text, match.start())
            if whole is not None and whole.start() not in found:
                found[whole.start()] = whole
    return [found[start] for start in sorted(found)]


def positions(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order.

    One character at a time with ``str.find``, which finds one in C at memory speed,
    where a pair of Han characters, or a regular expression, costs several times more.

    >>> positions("1+2＋3+4", "+＋")
    [1, 3, 5]
    """
    return sorted(at for char in chars for at in _positions(text, char))


def _positions(text: str, cue: str) -> list[int]:
    """Where the character ``cue`` stands in ``text``: str.find in C, hop by hop."""
    found, at = [], text.find(cue)
    while at >= 0:
        found.append(at)
        at = text.find(cue, at + 1)
    return found
