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


def candidates(text: str) -> tuple[Candidate, ...]:
    """Every quoted span, and every formula standing unquoted, in order of position.

    >>> [(c.start, c.text) for c in candidates("构建1+5+N体系")]
    [(2, '1+5+N')]
    """
    found: list[Candidate] = []
    quoted: list[tuple[int, int]] = []
    for match in QUOTED.finditer(text):
        group = next(i for i, g in enumerate(match.groups(), 1) if g is not None)
        start, end = match.span(group)
        quoted.append(match.span())
        found.append(Candidate(start, end, match[group], shape(match[group].strip())))
    starts = [s for s, _ in quoted]  # quoted spans do not overlap: bisect finds the one
    for match in _BARE_FORMULA.finditer(text):
        start, end = match.span()
        k = bisect.bisect_right(starts, start) - 1
        if k < 0 or quoted[k][1] < end:
            found.append(Candidate(start, end, match[0], "formula"))
    return tuple(sorted(found, key=lambda c: c.start))
