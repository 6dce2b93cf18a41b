"""What a text leaves unexplained: spans shaped like jargon that nothing explains.

A numeric formula (1+6+N), a numbered set (“四个意识”, “两重”, “三X一X”) or a programme
name (“人工智能+”), quoted or, for formulas, standing bare, is jargon by its shape alone
(``jargon.py``). Such a span is unexplained when no annotation covers it, the text does
not explain it itself, and the allow-list does not say why it is not jargon. On the 23
provincial reports of 2026, 91% of the spans of these shapes are jargon by the judgement
the allow-list records (1,362 of 1,504); other quoted spans, 67%, are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary._load.allow import Allowed
from glossary._match.jargon import Candidate, candidates
from glossary._model.annotation import Annotation, Definition

#: The shapes reported as unexplained: those that are jargon nine times in ten.
SHAPES = frozenset({"formula", "numbered set", "programme +"})


def unexplained(
    text: str,
    annotations: Sequence[Annotation],
    definitions: Sequence[Definition],
    allowed: Allowed,
) -> tuple[Candidate, ...]:
    """The jargon-shaped spans of ``text`` that neither annotations nor the text explain.

    >>> from glossary._load.allow import NOTHING
    >>> [c.text for c in unexplained("坚持“1+6+N”和“两重”，要“好”", (), (), NOTHING)]
    ['1+6+N', '两重']
    """
    found = [c for c in candidates(text, shaped=True) if c.shape in SHAPES]
    if not found:
        return ()
    # Candidates come in order of position: walk them along the covered stretches (the
    # union of annotations and the text's own explanations), so a long text costs one pass.
    covered = _union(
        [(a.start, a.end) for a in annotations] + [(d.start, d.end) for d in definitions]
    )
    left: list[Candidate] = []
    k = 0
    reasons: dict[str, str | None] = {}  # a text repeats its jargon: normalise each once
    for candidate in found:
        while k < len(covered) and covered[k][1] <= candidate.start:
            k += 1
        inside = k < len(covered) and covered[k][0] <= candidate.start
        if inside and candidate.end <= covered[k][1]:
            continue
        if candidate.text not in reasons:
            reasons[candidate.text] = allowed.reason(candidate.text)
        if reasons[candidate.text] is None:
            left.append(candidate)
    return tuple(left)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged, in order.

    >>> _union([(5, 9), (0, 3), (2, 4), (8, 12)])
    [(0, 4), (5, 12)]
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
