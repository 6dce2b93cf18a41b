"""Files: expanding the paths a user names into glossary files, and rewriting a file safely.

Kept apart from ``_load.loader`` because the compiled cache (``_load.cache``) must find and hash
the files without importing yaml: a warm load never parses YAML. ``write_atomic`` is
the one implementation of an atomic rewrite, for ``glossary fmt``, the cache and the
pre-commit hooks.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary._load.paths import bundled_terms_dir
from glossary._model.errors import Problem

#: Suffixes of glossary files looked for inside directories. A file named explicitly
#: is read whatever its suffix: the user said it is a glossary.
SUFFIXES = (".yaml", ".yml")

#: How messages name the directory of the bundled glossary, wherever it is installed.
BUNDLED = "<bundled>"

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


def shown_name(path: Path) -> str:
    """How messages name a file: a bundled one as ``<bundled>/...``, any other as given.

    The bundled glossary is found by an absolute path, deep in site-packages once
    installed; that path helps nobody. A path a user typed is kept as typed.

    >>> shown_name(bundled_terms_dir() / "longgang" / "editorial.yaml")
    '<bundled>/longgang/editorial.yaml'
    >>> shown_name(Path("terms/longgang/editorial.yaml"))
    'terms/longgang/editorial.yaml'
    """
    if path.is_absolute():
        try:
            return f"{BUNDLED}/{path.relative_to(bundled_terms_dir()).as_posix()}"
        except ValueError:
            pass
    return str(path)


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


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data``, all or nothing; raises ``OSError``.

    The one way this package rewrites a file (``glossary fmt``, the compiled cache, the
    pre-commit hooks' drafts). The data goes to a temporary file in the directory of the
    file ``path`` names, through symlinks, so the link stays a link and the rename stays
    on one file system. The temporary file is flushed to disk, given the old file's
    permissions (a new file keeps ``mkstemp``'s 0600: only the cache creates files) and
    renamed over the old one. On any failure, an interruption included, it is removed
    and the old file is as it was.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     path = Path(directory, "draft.md")
    ...     _ = path.write_bytes(b"old")
    ...     write_atomic(path, b"new")
    ...     path.read_bytes(), len(list(Path(directory).iterdir()))
    (b'new', 1)
    """
    import stat
    import tempfile  # here, not above: a warm load never writes, and tempfile costs 1 ms

    target = path.resolve()
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
