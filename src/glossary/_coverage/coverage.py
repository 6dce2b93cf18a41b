"""A curator's coverage report: which jargon candidates of a text the glossary explains.

Every candidate of ``_match.jargon`` is explained (an annotation covers it), allowed (the
allow-list says why it is not jargon) or missing. The allow-list is a text file in the
manner of typos' word lists, one ``TERM  # reason`` a line, so that nothing is silenced
without a reason a reviewer can read (docs/format.md, "The allow-list").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from glossary._api.explanation import Explanation
from glossary._load.allow import Allowed
from glossary._match.jargon import Candidate, candidates

Status = Literal["explained", "allowed", "missing"]
_SEPARATOR = "  # "


@dataclass(frozen=True, slots=True)
class Finding:
    """One candidate and what the glossary and the allow-list make of it."""

    candidate: Candidate
    status: Status
    why: str  # the entry id that explains it, the allow-list's reason, or ""


def coverage(explanation: Explanation, allowed: Allowed) -> tuple[Finding, ...]:
    """Say for each jargon candidate of the explained text whether it is covered.

    >>> from glossary import explain
    >>> text = "发展“20+8”和“好”的“九个某某”"
    >>> for f in coverage(explain(text), Allowed.parse("好  # emphasis")):
    ...     print(f.candidate.text, f.status, f.why or "-")
    20+8 explained shenzhen-20-8
    好 allowed emphasis
    九个某某 missing -
    """
    # Annotations do not overlap and come in order, as candidates do: walk them together.
    # The first annotation ending after a candidate starts is the only one that can hold it.
    spans = sorted((a.start, a.end, a.entry.id) for a in explanation)
    findings = []
    k = 0
    for candidate in candidates(explanation.text):
        while k < len(spans) and spans[k][1] <= candidate.start:
            k += 1
        start, end, entry = spans[k] if k < len(spans) else (0, 0, "")
        explained = entry if start <= candidate.start and candidate.end <= end else None
        reason = None if explained else allowed.reason(candidate.text)
        if explained:
            findings.append(Finding(candidate, "explained", explained))
        elif reason is not None:
            findings.append(Finding(candidate, "allowed", reason))
        else:
            findings.append(Finding(candidate, "missing", ""))
    return tuple(findings)
