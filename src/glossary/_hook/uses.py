"""Which terms a draft uses in prose, and which it silences or explains itself.

A draft may explain terms itself, under its own heading 名词解释 or 有关名词解释 (a line
of its own, as Longgang's reports do): terms that occur after that heading count as
explained. ``<!-- glossary: ignore -->`` silences its own line; standing alone on a
line it also silences the paragraph below (up to the next blank line). Terms after
``ignore`` (``<!-- glossary: ignore 四个意识, 1+6+N -->``) narrow it to those terms.
``ignore=`` names terms (or entry ids) a team accepts everywhere. In a Markdown draft,
code (fenced blocks and inline spans, ``code.py``) is not prose: a term used only there
is neither listed nor reported, and no footnote reference goes inside it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from glossary._api.explanation import Explanation
from glossary._hook.code import code_spans
from glossary._model.annotation import Annotation
from glossary._normalise.keys import term_key
from glossary._render.notes import (
    first_occurrences,
)

_OWN_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:有关)?名[词詞]解[释釋][ \t]*[:：]?[ \t]*\r?$", re.M
)


# A comment ends at the first -->, and never holds another <!--: so the words of
# comments left open on one long line are read once each, not once per opener.
_IGNORE = re.compile(r"<!--\s*glossary:\s*ignore\b((?:(?!<!--).)*?)-->")


# The line break before each blank line (or before white space ending the text).
_BLANK = re.compile(r"\n(?=[ \t\r]*(?:\n|\Z))")


_SPACE = re.compile(r"\s*")


_TERM_LIST = re.compile(r"[,，、;；\s]+")


@dataclass(frozen=True, slots=True)
class _Silence:
    """A span of the draft where findings are silenced: for every term, or for some."""

    start: int
    end: int
    keys: frozenset[str] | None  # normalised terms; None silences every term


def _silences(draft: str, code: Sequence[tuple[int, int]]) -> tuple[_Silence, ...]:
    """The spans ``<!-- glossary: ignore ... -->`` comments outside ``code`` silence.

    Line breaks and blank lines are found once and bisected, and each line's leading
    white space measured once, so that many comments on one long line or in one long
    paragraph cost no rescan of it.
    """
    breaks = [m.start() for m in re.finditer("\n", draft)]
    blanks = [m.start() for m in _BLANK.finditer(draft)]
    indents: dict[int, int] = {}  # line start -> end of the white space that opens the line
    found: list[_Silence] = []
    for comment in _IGNORE.finditer(draft):
        if _inside(comment.start(), code):
            continue
        line_start = _previous(breaks, comment.start()) + 1
        line_end = _next(breaks, comment.end(), len(draft))
        if line_start not in indents:
            indents[line_start] = _blank_end(draft, line_start, len(draft))
        alone = indents[line_start] >= comment.start()
        alone = alone and _blank_end(draft, comment.end(), line_end) == line_end
        end = _next(blanks, line_end, len(draft)) if alone else line_end
        words = [w for w in _TERM_LIST.split(comment[1]) if w]
        keys = frozenset(_keys(*words)) if words else None
        found.append(_Silence(line_start, end, keys))
    return tuple(found)


def _blank_end(text: str, start: int, end: int) -> int:
    """Where the white space starting at ``start`` ends, at most ``end``."""
    return _SPACE.match(text, start, end).end()  # type: ignore[union-attr]


def _previous(positions: Sequence[int], position: int) -> int:
    """The last of the sorted ``positions`` before ``position``, else -1."""
    k = bisect.bisect_left(positions, position)
    return positions[k - 1] if k else -1


def _next(positions: Sequence[int], position: int, default: int) -> int:
    """The first of the sorted ``positions`` at or after ``position``, else ``default``.

    A comment standing alone silences the paragraph below it: up to the line break
    before the next blank line, found so among the blank lines' breaks.

    >>> _next([3, 9], 4, 20), _next([3, 9], 3, 20), _next([3, 9], 10, 20)
    (9, 3, 20)
    """
    k = bisect.bisect_left(positions, position)
    return positions[k] if k < len(positions) else default


def _keys(*terms: str) -> set[str]:
    return {term_key(t) for t in terms}


class Accepted:
    """Decides whether a use of a term at some offset is silenced (in Markdown, code is)."""

    def __init__(self, draft: str, ignore: Collection[str], markdown: bool) -> None:
        self.everywhere = frozenset(_keys(*ignore)) | frozenset(ignore)
        self.code = code_spans(draft) if markdown else ()  # searched, since a draft has many
        self.silences = _silences(draft, self.code)
        self.own = _own_section(draft, self.code)  # where the draft's own 名词解释 begins
        # What is silenced for every term, and for each term named, as disjoint stretches:
        # a use asks one bisect per term, not every comment of the draft.
        self._all = _merged((s.start, s.end) for s in self.silences if s.keys is None)
        named: dict[str, list[tuple[int, int]]] = {}
        for silence in self.silences:
            for key in silence.keys or ():
                named.setdefault(key, []).append((silence.start, silence.end))
        self._named = {key: _merged(spans) for key, spans in named.items()}
        self._asked: dict[tuple[str, ...], frozenset[str]] = {}

    def __call__(self, start: int, *terms: str) -> bool:
        keys = self._asked.get(terms)
        if keys is None:  # a draft repeats its terms: normalise each set of names once
            keys = self._asked[terms] = frozenset(_keys(*terms) | set(terms))
        if not self.everywhere.isdisjoint(keys) or _inside(start, self.code):
            return True
        if _inside(start, self._all):
            return True
        return any(_inside(start, self._named[key]) for key in keys if key in self._named)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``spans`` as sorted, disjoint spans (empty ones dropped).

    >>> _merged([(5, 9), (0, 2), (1, 4), (7, 12), (20, 20)])
    [(0, 4), (5, 12)]
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(span for span in spans if span[0] < span[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _own_section(draft: str, code: Sequence[tuple[int, int]]) -> int:
    """Where the draft's own 名词解释 heading starts (outside ``code``), else its length."""
    headings = (m.start() for m in _OWN_HEADING.finditer(draft))
    return next((at for at in headings if not _inside(at, code)), len(draft))


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``position`` falls in one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, position, key=lambda span: span[0]) - 1
    return k >= 0 and position < spans[k][1]


def prose_uses(explanation: Explanation, accepted: Accepted) -> tuple[Annotation, ...]:
    """The first unsilenced use of each term the draft does not explain itself."""
    own = accepted.own
    explained = {a.entry.id for a in explanation if a.start >= own}
    kept = [
        a
        for a in explanation
        if a.start < own
        and a.entry.id not in explained
        and a.sense.origin != "document"  # the draft defines it where it first uses it
        and not accepted(a.start, a.text, a.entry.term, a.entry.id)
    ]
    unsilenced = Explanation(explanation.text, tuple(kept), explanation.region, explanation.script)
    return first_occurrences(unsilenced)
