"""OpenCC behind one module: the converters, and the dictionaries' files and digest.

``to_simplified`` is steps 1 and 2 of normalising (folding, then t2s, both keeping the
length); the long-text path and the table generator read the dictionaries through the
functions here, so that no other module knows the opencc wheel's layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import opencc

from glossary._normalise.tables import T2S_DIGEST, T2S_TRIGGERS
from glossary._normalise.text import FOLDS_FROM, FOLDS_TO

_FOLD = str.maketrans(FOLDS_FROM, FOLDS_TO)
_FOLD_SET = frozenset(FOLDS_FROM)
_T2S_SET = frozenset(T2S_TRIGGERS)


@cache
def converter(config: str) -> opencc.OpenCC:
    """Return a cached OpenCC converter; building one loads its dictionaries.

    >>> converter("t2s").convert("雙區")
    '双区'
    """
    return opencc.OpenCC(config)


def needs_t2s(text: str) -> bool:
    """Whether t2s could change anything in ``text``.

    >>> needs_t2s("双区驱动"), needs_t2s("雙區驅動")
    (False, True)
    """
    return not _T2S_SET.isdisjoint(text)


def to_simplified(text: str) -> str:
    """Fold compatibility characters and ASCII capitals, convert to Simplified, keeping the length.

    >>> to_simplified("雙區驅動 １＋１＋１０＋Ｎ BIM")
    '双区驱动 1+1+10+n bim'
    """
    if not _FOLD_SET.isdisjoint(text):
        text = text.translate(_FOLD)
    return t2s(text) if needs_t2s(text) else text


def t2s(text: str) -> str:
    """OpenCC t2s, guarded so that the result always has the length of the input."""
    try:
        converted: str = converter("t2s").convert(text)
    except UnicodeEncodeError:  # a lone surrogate: OpenCC needs valid UTF-8
        converted = converter("t2s").convert(re.sub("[\ud800-\udfff]", "\ufffd", text))
    if len(converted) != len(text):  # not seen on OpenCC 1.4; keep offsets valid regardless
        converted = "".join(
            c if len(c) == 1 else t for c, t in zip(map(_single_t2s, text), text, strict=True)
        )
    return converted


@cache
def _single_t2s(char: str) -> str:
    return str(converter("t2s").convert(char))


def _opencc_files() -> Path:
    """Where the opencc wheel keeps its native part (this module alone knows its layout)."""
    return Path(opencc.__file__).parent / "clib"


def _opencc_share() -> Path:
    """The wheel's configurations and dictionaries."""
    return _opencc_files() / "share" / "opencc"


def opencc_tool(name: str) -> Path:
    """One of the wheel's command-line tools (the table generator runs ``opencc_dict``)."""
    return _opencc_files() / "bin" / name


def t2s_dictionary_files() -> list[tuple[str, Path]]:
    """(stage, path) of each dictionary OpenCC's t2s uses, in the order its configuration
    lists them; the stage is ``normalization`` or ``conversion_chain``."""
    import json

    spec = json.loads((_opencc_share() / "t2s.json").read_text(encoding="utf-8"))

    def files(node: dict[str, Any]) -> Iterator[str]:
        if node.get("type") == "group":
            for inner in node["dicts"]:
                yield from files(inner)
        else:
            yield str(node["file"])

    return [
        (stage, _opencc_share() / name)
        for stage in ("normalization", "conversion_chain")
        for step in spec.get(stage, ())
        for name in files(step["dict"])
    ]


@cache
def t2s_digest() -> str:
    """SHA-256 of OpenCC's t2s configuration and dictionaries as installed; "" if unreadable."""
    import hashlib

    digest = hashlib.sha256()
    try:
        paths = [_opencc_share() / "t2s.json"] + [path for _, path in t2s_dictionary_files()]
        for path in paths:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError):  # another layout: take the slow path
        return ""
    return digest.hexdigest()


def t2s_tables_current() -> bool:
    """Whether OpenCC's t2s dictionaries are those ``_normalise/tables.py`` was generated from.

    Long texts convert most characters with a table and leave OpenCC only the stretches
    its phrases could convert otherwise, which ``tables.py`` lists for these dictionaries.

    >>> t2s_tables_current()
    True
    """
    return t2s_digest() == T2S_DIGEST


@cache
def t2s_each() -> str:
    """``T2S_TRIGGERS`` each converted on its own by OpenCC, in the same order.

    >>> t2s_each()[T2S_TRIGGERS.index("雙")]
    '双'
    """
    # One call, each character on a line of its own: no dictionary phrase holds a line break.
    converted = "".join(converter("t2s").convert("\n".join(T2S_TRIGGERS)).split("\n"))
    if len(converted) != len(T2S_TRIGGERS):  # the generator checks this of the dictionaries
        raise RuntimeError(
            "t2s changed the length of a lone character: regenerate _normalise/tables.py"
        )
    return converted
