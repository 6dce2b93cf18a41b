"""Where this user's files of ours live: the one place that knows about platformdirs.

The compiled cache (``_load.cache``) and the chat's history (the CLI) each honour an
override of their own first (``$GLOSSARY_CACHE_DIR``, ``$GLOSSARY_HISTORY``). Without
one, an absolute ``$XDG_CACHE_HOME`` or ``$XDG_DATA_HOME`` names the base directory on
every platform, as the XDG specification asks (a relative one is ignored, as it also
asks). Only then is platformdirs asked for the platform's own place: ``~/.cache`` and
``~/.local/share`` on Linux, ``~/Library/Caches`` and ``~/Library/Application Support``
on macOS, ``%LOCALAPPDATA%`` on Windows. platformdirs is imported only then, so a run
with an override, and a run that needs neither directory (the bundled glossary is
shipped compiled), never pays for it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

APP = "glossary"

Kind = Literal["cache", "data"]

_XDG: dict[Kind, str] = {"cache": "XDG_CACHE_HOME", "data": "XDG_DATA_HOME"}


def user_dir(kind: Kind, environ: Mapping[str, str] | None = None) -> Path | None:
    """This user's directory of ``kind`` for glossary, or None when there is none.

    ``environ`` is read for the XDG variables (``os.environ`` by default); platformdirs
    reads the process's own environment.

    >>> user_dir("cache", {"XDG_CACHE_HOME": "/c"}).as_posix()
    '/c/glossary'
    >>> user_dir("data", {"XDG_DATA_HOME": "/d"}).as_posix()
    '/d/glossary'
    """
    env = os.environ if environ is None else environ
    xdg = env.get(_XDG[kind])
    if xdg and os.path.isabs(xdg):  # the XDG specification says to ignore relative paths
        return Path(xdg) / APP
    import platformdirs  # here, not above: most runs never need it

    find = platformdirs.user_cache_dir if kind == "cache" else platformdirs.user_data_dir
    try:
        return Path(find(APP, appauthor=False))
    except (RuntimeError, OSError, KeyError):  # no home directory to be found
        return None
