"""Which files make up a glossary: expanding the paths a user names into YAML files.

Kept apart from ``_loader`` because the compiled cache (``_cache``) must find and hash
the files without importing yaml: a warm load never parses YAML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary._errors import Problem

#: Suffixes of glossary files looked for inside directories. A file named explicitly
#: is read whatever its suffix: the user said it is a glossary.
SUFFIXES = (".yaml", ".yml")

#: A file's path and its bytes, read once so that what is hashed is what is validated.
FileBytes = tuple[Path, bytes]


@dataclass(frozen=True, slots=True)
class Discovery:
    """The files found under some paths, and the paths that could not be used."""

    files: tuple[Path, ...]
    problems: tuple[Problem, ...]


def discover(paths: Iterable[str | Path]) -> Discovery:
    """Expand files and directories into glossary files, in order, each file once.

    A directory contributes its ``*.yaml`` and ``*.yml`` files, recursively and sorted,
    skipping hidden files and directories (``.git``, editor backups). A path that does
    not exist is a problem, not a silent no-op: a mistyped ``--glossary`` must be noticed.

    >>> d = discover(["no/such/dir"])
    >>> d.files, str(d.problems[0])
    ((), 'no/such/dir: no such file or directory')
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _yaml_files_under(path)
        elif path.is_file():
            found = [path]
        else:
            problems.append(Problem(str(path), 0, "", "no such file or directory"))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return Discovery(tuple(files), tuple(problems))


def _yaml_files_under(directory: Path) -> list[Path]:
    """Return the visible YAML files below ``directory``, sorted by their relative path."""
    found = [
        path
        for path in directory.rglob("*")
        if path.suffix in SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    ]
    return sorted(found, key=lambda path: path.relative_to(directory).parts)


def read_layers(
    layers: Sequence[Iterable[str | Path]],
) -> tuple[tuple[tuple[FileBytes, ...], ...], tuple[Problem, ...]]:
    """Discover and read the files of each layer; return their bytes and the problems met.

    >>> read_layers([["no/such.yaml"]])[1][0].message
    'no such file or directory'
    """
    problems: list[Problem] = []
    read: list[tuple[FileBytes, ...]] = []
    for layer in layers:
        found = discover(layer)
        problems += found.problems
        files: list[FileBytes] = []
        for path in found.files:
            try:
                files.append((path, path.read_bytes()))
            except OSError as error:
                problems.append(Problem(str(path), 0, "", f"cannot read: {error.strerror}"))
        read.append(tuple(files))
    return tuple(read), tuple(problems)
