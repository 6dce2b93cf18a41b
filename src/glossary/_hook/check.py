"""Check a draft for jargon it uses without explaining: the ``glossary check`` hook.

``check`` reports glossary terms a draft uses without explaining them (neither the
managed section nor the draft's own 名词解释 lists them), and quoted formula-shaped
jargon the glossary lacks (“1+6+N”, “四个意识”, “双区”): "unknown jargon"; with
``unknown_only`` the unknown jargon alone. A term whose sense is another region's (or a
region's, in a draft that names none) says whose: "… (sense of 深圳市宝安区)". What
counts as used, silenced or explained by the draft itself is ``uses.py``'s.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary._api.explanation import Explanation
from glossary._api.glossary import Glossary
from glossary._compile.automaton import occurring
from glossary._hook.breaks import as_lf, cr_only
from glossary._hook.code import open_fence
from glossary._hook.sections import LABEL, split_section
from glossary._hook.uses import Accepted, prose_uses
from glossary._normalise.normalise import normalise_term
from glossary._normalise.quotes import PAIRS, SYMMETRIC
from glossary._render.notes import note
from glossary._render.wording import one_line

if TYPE_CHECKING:
    from glossary._model.annotation import Annotation
    from glossary._normalise.script import Script

UNKNOWN = "unknown jargon"
OPEN_FENCE = "code fence never closed: close it, so that annotate can add the 名词解释 after it"


_ITEM_SURFACE = re.compile(rf"^(?:\d+\.|\[\^{LABEL}\d+\]:) (?:\*\*)?(.+?)(?:\*\*)?：", re.M)


_UNESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class Finding:
    """A piece of jargon a draft uses without explaining it, with where it first occurs.

    ``line`` and ``col`` count from 1, ``col`` in characters. ``message`` is the term's
    expansion, with ``(sense of REGION)`` after it when the sense is a region's the draft
    is not about, or ``UNKNOWN`` for quoted jargon the glossary lacks (``entry_id`` "").
    """

    line: int
    col: int
    term: str
    message: str
    entry_id: str = ""


def check(
    text: str,
    glossary: Glossary,
    *,
    markdown: bool = False,
    ignore: Collection[str] = (),
    unknown_only: bool = False,
) -> tuple[Finding, ...]:
    """Find jargon the draft uses without explaining it, in order of position.

    Glossary terms count as explained when the managed section (or the draft's own
    名词解释) lists them; quoted formula-shaped jargon the glossary does not know is
    reported as ``UNKNOWN``. ``unknown_only`` leaves the glossary's terms out. In a
    ``markdown`` draft, code is not checked.

    >>> g = Glossary.default()
    >>> [(f.line, f.col, f.term, f.message) for f in check("坚持“1+6+N”体系", g)]
    [(1, 3, '“1+6+N”', 'unknown jargon')]
    >>> [f.term for f in check("落实“六稳六保”，坚持“1+6+N”", g)]
    ['“六稳六保”', '“1+6+N”']
    >>> [f.term for f in check("落实“六稳六保”，坚持“1+6+N”", g, unknown_only=True)]
    ['“1+6+N”']
    >>> check("对标“一芯两核多支点”", g)[0].message.endswith("多个重点片区 (sense of 深圳市龙岗区)")
    True

    >>> from glossary._hook.annotate import annotate
    >>> check(annotate("落实“六稳六保”", g, markdown=True), g)
    ()
    """
    if cr_only(text):  # lines broken by a lone CR, counted as such (breaks.py)
        text = as_lf(text)
    parts = split_section(text, markdown)
    draft = parts.draft
    explanation = glossary.explain(draft)
    accepted = Accepted(draft, ignore, markdown)
    listed = set() if unknown_only else _listed(parts.section, glossary)
    uses = () if unknown_only else prose_uses(explanation, accepted)
    found = [
        (a.start, a.text, _message(a, explanation.script), a.entry.id)
        for a in uses
        if a.entry.id not in listed
    ]
    if markdown and found:  # terms to explain: say so if annotate's section would be code
        found += _open_fence(draft)
    found += _unknown(draft, explanation, glossary, accepted)
    where = _Locator(text, parts.removed)
    return tuple(
        Finding(*where(start), one_line(term), message, entry_id)
        for start, term, message, entry_id in sorted(found)
    )


def _message(annotation: Annotation, script: Script) -> str:
    """A term's finding: its expansion, and whose sense it is when the draft is elsewhere.

    The caveat's first clause only ("sense of 深圳市宝安区"), to keep the finding one line.
    """
    expansion = note(annotation, script).expansion
    whose = annotation.caveat.split(";", 1)[0]
    return f"{expansion} ({whose})" if whose else expansion


def _open_fence(draft: str) -> list[tuple[int, str, str, str]]:
    """The fence a Markdown draft leaves open at its end, if any, as a finding."""
    start = open_fence(draft)
    if start is None:
        return []
    end = draft.find("\n", start)
    fence = draft[start : end if end >= 0 else len(draft)].strip("\ufeff \t\r")
    return [(start, fence, OPEN_FENCE, "")]


def _listed(section: str, glossary: Glossary) -> set[str]:
    """The ids of the entries the managed section explains, read from its item headings."""
    surfaces = [_UNESCAPE.sub(r"\1", m[1]) for m in _ITEM_SURFACE.finditer(section)]
    if not surfaces:
        return set()
    return {a.entry.id for a in glossary.explain("\n\n".join(surfaces))}


def _unknown(
    draft: str, explanation: Explanation, glossary: Glossary, accepted: Accepted
) -> list[tuple[int, str, str, str]]:
    """The jargon the engine leaves unexplained (``Explanation.unexplained``), once each.

    Formulas, numbered sets and programme names that neither the glossary, the draft's
    own explanations nor the allow-list explain. Those the draft's own 名词解释 holds are
    explained there; whether it holds them is found for all in one pass.
    """
    left = [c for c in explanation.unexplained if c.start < accepted.own]
    contents = list(dict.fromkeys(c.text for c in left))
    in_own = occurring(contents, draft[accepted.own :])
    explained = {c for i, c in enumerate(contents) if i in in_own}
    seen: set[str] = set()
    found: list[tuple[int, str, str, str]] = []
    for candidate in left:
        key = normalise_term(candidate.text)
        if candidate.text in explained or key in seen or accepted(candidate.start, candidate.text):
            continue
        seen.add(key)
        start, end = candidate.start, candidate.end
        before, after = draft[start - 1 : start], draft[end : end + 1]
        if before and (PAIRS.get(before) == after or (before == after and before in SYMMETRIC)):
            start, end = start - 1, end + 1
        found.append((start, draft[start:end], UNKNOWN, ""))
    return found


class Covered:
    """Spans of a text (in any order, overlapping or not), asked which overlap a stretch.

    The spans are sorted once by start, with the furthest end reached so far beside each:
    a stretch overlaps a span exactly when some span starting before the stretch's end
    reaches past its start, which one bisect tells.

    >>> covered = Covered([(5, 8), (0, 2), (1, 3)])
    >>> covered.overlaps(2, 5), covered.overlaps(3, 5), covered.overlaps(7, 20)
    (True, False, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span shares a character with ``[start, end)``."""
        k = bisect.bisect_left(self.starts, end)  # the spans that start before ``end``
        return k > 0 and self.reach[k - 1] > start


class _Locator:
    """Maps an offset in the draft to (line, column) in the text it was taken from."""

    def __init__(self, text: str, removed: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        # Offsets in the draft at which each removed footnote reference stood, and shifts.
        self.at: list[int] = []
        self.shift: list[int] = []
        total = 0
        for start, length in removed:
            self.at.append(start - total)
            total += length
            self.shift.append(total)

    def __call__(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.at, offset)
        position = offset + (self.shift[k - 1] if k else 0)
        line = bisect.bisect_left(self.breaks, position)
        line_start = self.breaks[line - 1] + 1 if line else 0
        return line + 1, position - line_start + 1
