"""Exceptions raised by the library.

The tree::

    GlossaryError                 base of everything the library raises on purpose
    ├── DataError                 glossary files are invalid; .problems lists every one
    └── InputError                a text to explain or extract cannot be read as given

Callers that only want "did it work" catch ``GlossaryError``. The CLI maps
``DataError`` to its own exit code and prints one ``file:line: message`` line per problem.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a glossary file, located as precisely as we can."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    entry: str  # the entry id, or "" when the entry has none or the file is unreadable
    message: str

    def __str__(self) -> str:
        """Render as ``file:line: [entry] message``, the form editors jump to.

        >>> str(Problem("terms/a.yaml", 3, "shuang-qu", "empty definition"))
        'terms/a.yaml:3: [shuang-qu] empty definition'
        """
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" [{self.entry}]" if self.entry else ""
        return f"{where}:{who} {self.message}"


class GlossaryError(Exception):
    """Base class of every error the library raises on purpose."""


class DataError(GlossaryError):
    """Glossary files failed validation; ``problems`` holds every problem, not just the first."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} glossary {noun}:\n{lines}")


class InputError(GlossaryError):
    """A text could not be read as given (wrong encoding, not a file, ...)."""
