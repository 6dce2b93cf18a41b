"""The documents a command given several paths reads: each file named, each directory's texts.

``explain`` and ``check`` take files and directories alike; a directory stands for its
text files below it, by the rule of a corpus run (``glossary._corpus._documents``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Empty:
    """A directory named on the command line that holds no text file."""

    name: str

    @property
    def message(self) -> str:
        """What the command says about it."""
        from glossary._corpus._documents import TEXT_SUFFIXES

        return f"{self.name}: no text files in it ({', '.join(TEXT_SUFFIXES)})"


def expand(names: Sequence[str]) -> list[str | Empty]:
    """The files ``names`` stand for, in order, with an ``Empty`` for each empty directory.

    ``-`` (standard input) and paths that are not directories are kept as given, so that
    reading them reports what is wrong with them.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as top:
    ...     _ = Path(top, "a.txt").write_text("x")
    ...     Path(top, "empty").mkdir()
    ...     found = expand(["-", top, f"{top}/empty", "nosuch.md"])
    ...     [f.message.replace(top, "T") if isinstance(f, Empty) else Path(f).name for f in found]
    ['-', 'a.txt', 'T/empty: no text files in it (.txt, .md, .markdown, .text)', 'nosuch.md']
    """
    files: list[str | Empty] = []
    for name in names:
        if name == "-" or not Path(name).is_dir():
            files.append(name)
            continue
        from glossary._corpus._documents import find_documents

        found = [str(path) for path in find_documents([name])]
        files.extend(found or [Empty(name)])
    return files
