"""The allow-list: quoted words of real reports that are not jargon, each with its reason.

A text file in the manner of typos' word lists, one ``TERM  # reason`` a line, so that
nothing is silenced without a reason a reviewer can read (docs/format.md, "The
allow-list"). ``glossary coverage`` counts allowed candidates apart; ``explain`` leaves
them out of the jargon it reports as unexplained.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from glossary._model.errors import DataError, InputError, Problem
from glossary._normalise.normalise import normalise_term

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

    def __reduce__(self) -> tuple[type[Allowed], tuple[Mapping[str, str]]]:
        return type(self), (dict(self.reasons),)  # a mapping proxy does not pickle


#: Nothing allowed: what a glossary of one's own starts with.
NOTHING = Allowed(MappingProxyType({}))
