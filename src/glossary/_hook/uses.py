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
from collections.abc import Collection, Sequence
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


_IGNORE = re.compile(r"<!--\s*glossary:\s*ignore\b(.*?)-->")


_BLANK = re.compile(r"\n[ \t\r]*(?:\n|\Z)")


_TERM_LIST = re.compile(r"[,，、;；\s]+")


@dataclass(frozen=True, slots=True)
class _Silence:
    """A span of the draft where findings are silenced: for every term, or for some."""

    start: int
    end: int
    keys: frozenset[str] | None  # normalised terms; None silences every term


def _silences(draft: str, code: Sequence[tuple[int, int]]) -> tuple[_Silence, ...]:
    """The spans ``<!-- glossary: ignore ... -->`` comments outside ``code`` silence."""
    found: list[_Silence] = []
    for comment in _IGNORE.finditer(draft):
        if _inside(comment.start(), code):
            continue
        line_start = draft.rfind("\n", 0, comment.start()) + 1
        line_end = _line_end(draft, comment.end())
        alone = not (draft[line_start : comment.start()] + draft[comment.end() : line_end]).strip()
        end = _paragraph_end(draft, line_end) if alone else line_end
        words = [w for w in _TERM_LIST.split(comment[1]) if w]
        keys = frozenset(_keys(*words)) if words else None
        found.append(_Silence(line_start, end, keys))
    return tuple(found)


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _paragraph_end(text: str, position: int) -> int:
    """The end of the paragraph below ``position``: the next blank line, or the text's end."""
    if _BLANK.match(text, position):  # the comment's line is followed by a blank line
        return position
    later = _BLANK.search(text, position + 1)
    return later.start() if later else len(text)


def _keys(*terms: str) -> set[str]:
    return {term_key(t) for t in terms}


class Accepted:
    """Decides whether a use of a term at some offset is silenced (in Markdown, code is)."""

    def __init__(self, draft: str, ignore: Collection[str], markdown: bool) -> None:
        self.everywhere = frozenset(_keys(*ignore)) | frozenset(ignore)
        self.code = code_spans(draft) if markdown else ()  # searched, since a draft has many
        self.silences = _silences(draft, self.code)
        self.own = _own_section(draft, self.code)  # where the draft's own 名词解释 begins

    def __call__(self, start: int, *terms: str) -> bool:
        keys = _keys(*terms) | set(terms)
        if not self.everywhere.isdisjoint(keys) or _inside(start, self.code):
            return True
        return any(
            s.start <= start < s.end and (s.keys is None or not s.keys.isdisjoint(keys))
            for s in self.silences
        )


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
