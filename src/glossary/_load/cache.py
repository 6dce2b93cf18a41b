"""A compiled cache of validated glossaries, so the hot path never parses YAML.

``load_cached(layers)`` returns what ``_load.loader.load_layers(layers)`` would, but keeps
the validated entries as JSON under a key that hashes the package version, the cache
format and every file's path and bytes. A warm load reads the files (to hash them),
reads one JSON file and rebuilds the dataclasses: yaml and pydantic are not imported.

The cache is an optimisation and nothing more. A cache directory that cannot be
created or written, or a cache file that is corrupt (truncated, nested too deep, holding
values of the wrong type), costs a validation, never a failure, and is written over.
Each write also removes the temporary files of writers killed before their rename.
A cache file is written only after validation, atomically, under a key naming exactly
the bytes validated, and read back only as far as every value has the type it was
written with (``cache_format.py``). Old cache files are pruned to the most recent few.

Where: ``$GLOSSARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/glossary``, else the platform's cache
directory (``~/.cache/glossary`` on Linux, ``~/Library/Caches/glossary`` on macOS): see
``userdirs.py``.

The bundled glossary alone is served from ``_load/bundled.json``, compiled when the data was
committed and shipped in the package, so that a user's first call after ``pip install``
parses no YAML and validates nothing. Its key names the bundled files by their paths
relative to ``terms/``, so it holds wherever the package is installed; a checkout whose
terms have changed since simply misses it and goes through the user's cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from glossary._load.cache_format import SCHEMA_VERSION, decode, encode
from glossary._load.files import FileBytes, read_layers, write_atomic
from glossary._load.userdirs import user_dir
from glossary._model.entries import Entry

if TYPE_CHECKING:
    from hashlib import sha256
else:
    # The key is SHA-256 either way. ``hashlib`` loads OpenSSL (``_hashlib``) on import,
    # 2-3 ms of every warm start (``glossary check`` runs on every commit) for a few
    # kilobytes hashed; CPython's own implementation gives the same digest for 0.2 ms.
    # It is a private module (``_sha2`` from 3.12): hashlib is the fallback.
    try:
        from _sha256 import sha256
    except ImportError:
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

#: How many cache files to keep: a few glossaries (bundled, bundled + a team's) at once.
KEEP = 8

_NAME = re.compile(r"[0-9a-f]{64}\.json")
#: ``write_atomic``'s temporary file for a cache file: ``.<key>.json.<random>.tmp``.
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.json\.[0-9a-z_]+\.tmp")
#: A temporary file untouched this long lost its writer: writing a cache file of even
#: 100k entries takes seconds, and a writer that is killed leaves its file behind.
STALE_SECONDS = 15 * 60
#: The compiled bundled glossary shipped in the package (``python -m glossary._load.gen_bundled``).
SHIPPED = Path(__file__).with_name("bundled.json")


def cache_dir() -> Path | None:
    """Return the directory for cache files, or None when there is no sensible one.

    ``$GLOSSARY_CACHE_DIR``, else this user's cache directory (``userdirs.user_dir``).

    >>> str(cache_dir()) == os.environ.get("GLOSSARY_CACHE_DIR", str(cache_dir()))
    True
    """
    explicit = os.environ.get("GLOSSARY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return user_dir("cache")


def cache_key(layers: Sequence[Sequence[tuple[str | Path, bytes]]]) -> str:
    """Return the hex sha256 naming a glossary made of these layers of files.

    >>> from pathlib import Path
    >>> a = cache_key([[(Path("a.yaml"), b"entries: []")]])
    >>> a == cache_key([[(Path("a.yaml"), b"entries: [] ")]]), len(a)
    (False, 64)
    """
    digest = sha256()
    digest.update(f"glossary {_version()} cache {SCHEMA_VERSION}\0".encode())
    for layer in layers:
        digest.update(b"layer\0")
        for path, content in layer:
            name = os.fsencode(path)
            # Lengths first, so that no two different lists of files hash alike.
            digest.update(f"{len(name)}:{len(content)}\0".encode())
            digest.update(name)
            digest.update(content)
    return digest.hexdigest()


def load_cached(layers: Sequence[Iterable[str | Path]]) -> tuple[Entry, ...]:
    """Load a glossary like ``load_layers(layers)``, from the compiled cache when it can.

    Raises ``DataError`` listing every problem, exactly as ``load_layers`` does.

    >>> load_cached([])
    ()
    """
    layers = [tuple(layer) for layer in layers]
    read, problems = read_layers(layers)
    if problems:  # let the loader report these with every other problem
        from glossary._load.loader import load_layers

        return load_layers(layers)
    root = _bundled_only(layers)
    if root is not None:
        shipped = _read(SHIPPED, shipped_key(read[0], root), root)
        if shipped is not None:
            return shipped
    key = cache_key(read)
    directory = cache_dir()
    path = directory / f"{key}.json" if directory else None
    if path is not None:
        cached = _read(path, key)
        if cached is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # most recently used: pruned last
            return cached
    from glossary._load.loader import load_sources  # imports yaml and pydantic: cold path only

    entries = load_sources(read)
    if path is not None:
        _write(path, key, entries)
    return entries


def shipped_key(files: Sequence[FileBytes], root: Path) -> str:
    """The key of the bundled layer, naming its files relative to ``root`` (``terms/``).

    >>> from pathlib import Path
    >>> here = shipped_key([(Path("/a/terms/x.yaml"), b"entries: []")], Path("/a/terms"))
    >>> here == shipped_key([(Path("/b/terms/x.yaml"), b"entries: []")], Path("/b/terms"))
    True
    """
    return cache_key([[(Path(path).relative_to(root).as_posix(), data) for path, data in files]])


def _bundled_only(layers: Sequence[Iterable[str | Path]]) -> Path | None:
    """The bundled directory when ``layers`` is the bundled glossary alone, else None."""
    from glossary._load.paths import bundled_terms_dir

    paths = [list(layer) for layer in layers]
    if len(paths) != 1 or len(paths[0]) != 1:
        return None
    root = bundled_terms_dir()
    return root if Path(paths[0][0]) == root else None


def _version() -> str:
    # Read lazily: this module may be imported while the package is initialising.
    package = sys.modules.get("glossary")
    return str(getattr(package, "__version__", "unknown"))


def _read(path: Path, key: str, root: Path | None = None) -> tuple[Entry, ...] | None:
    """Return the entries cached at ``path``, or None when absent or unusable.

    A missing, truncated, foreign or hostile file is just a miss: ``decode`` checks
    every value's type, and JSON nested too deeply for the parser is a RecursionError.
    """
    try:
        return decode(json.loads(path.read_bytes()), key, root)
    except (OSError, ValueError, RecursionError):
        return None


def _write(path: Path, key: str, entries: Sequence[Entry]) -> None:
    """Store entries at ``path`` atomically and prune old files; never raises OSError."""
    text = json.dumps(encode(key, entries), ensure_ascii=False, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
        _prune(path.parent, keep=path)
    except OSError:
        pass  # an unwritable cache only costs the next run a validation


def _prune(directory: Path, keep: Path) -> None:
    """Delete all but the ``KEEP`` most recently used cache files of ``directory``.

    Also delete our temporary files that nothing has written for ``STALE_SECONDS``:
    those of writers killed between creating and renaming them. A younger one may be
    another process's write in progress.
    """
    names = list(directory.iterdir())
    ours = [p for p in names if _NAME.fullmatch(p.name) and p != keep]
    ours.sort(key=_mtime, reverse=True)
    limit = time.time() - STALE_SECONDS
    orphans = [p for p in names if _TEMPORARY.fullmatch(p.name) and _mtime(p) < limit]
    for old in (*ours[KEEP - 1 :], *orphans):
        with contextlib.suppress(OSError):
            old.unlink()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
