"""A curator's coverage report: which jargon candidates of a text the glossary explains.

Every candidate of ``_annotations.jargon`` is explained (an annotation covers it), allowed (the
allow-list says why it is not jargon) or missing. The allow-list is a text file in the
manner of typos' word lists, one ``TERM  # reason`` a line, so that nothing is silenced
without a reason a reviewer can read (docs/format.md, "The allow-list").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from glossary._annotations.jargon import Candidate, candidates
from glossary._api.explanation import Explanation
from glossary._model.errors import DataError, InputError, Problem
from glossary._normalise.normalise import normalise_term

Status = Literal["explained", "allowed", "missing"]
_SEPARATOR = "  # "


@dataclass(frozen=True, slots=True)
class Allowed:
    """Quoted words that are not jargon, each with the reason a curator gave."""

    reasons: Mapping[str, str]  # normalised words -> reason

    def reason(self, words: str) -> str | None:
        """The reason ``words`` are allowed, or None.

        >>> Allowed.parse("好  # emphasis\\n").reason("「好」")
        'emphasis'
        """
        return self.reasons.get(normalise_term(words))

    @classmethod
    def parse(cls, text: str, name: str = "<allow-list>") -> Allowed:
        """Read an allow-list; raise ``DataError`` naming the file and line of each problem.

        Blank lines and lines starting with ``#`` are skipped.

        >>> Allowed.parse("# header\\n\\n颜值  # colloquial 'looks'\\n").reasons["颜值"]
        "colloquial 'looks'"
        >>> Allowed.parse("颜值\\n", "allow.txt")
        Traceback (most recent call last):
        ...
        glossary._model.errors.DataError: 1 glossary problem:
        allow.txt:1: want 'TERM  # reason': a reason is required on every line
        """
        reasons: dict[str, str] = {}
        where: dict[str, int] = {}
        problems: list[Problem] = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            words, separator, reason = line.partition(_SEPARATOR)
            key = normalise_term(words)
            if not separator or not reason.strip() or not key:
                message = "want 'TERM  # reason': a reason is required on every line"
                problems.append(Problem(name, number, "", message))
            elif key in reasons:
                message = f"{words.strip()!r} is allowed already at line {where[key]}"
                problems.append(Problem(name, number, "", message))
            else:
                reasons[key], where[key] = reason.strip(), number
        if problems:
            raise DataError(tuple(problems))
        return cls(MappingProxyType(reasons))

    @classmethod
    def load(cls, paths: Iterable[Path]) -> Allowed:
        """Read and merge allow-list files; the first file to allow a term gives its reason.

        Raises ``InputError`` naming a file that cannot be read or is not UTF-8, and
        ``DataError`` for the problems of a file that can.
        """
        merged: dict[str, str] = {}
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{path}: not UTF-8 (byte {error.start}); save it as UTF-8"
                ) from None
            except OSError as error:
                raise InputError(f"{path}: cannot read: {error.strerror}") from None
            for key, reason in cls.parse(text, str(path)).reasons.items():
                merged.setdefault(key, reason)
        return cls(MappingProxyType(merged))


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
