"""The JSON form of a validated glossary, for the compiled cache and the shipped glossary.

Entries are positional lists in the order of the dataclass fields, with scopes, sources
and file names in tables, since many senses share them. ``decode`` trusts nothing it
reads: a cache file is ours only until something else writes to the directory, so every
value is checked for its type (and every table index for its range) before an entry is
built, and anything else is a ``ValueError``. A wrong type would otherwise give a wrong
answer (an expansion of ``12345``) rather than a miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from glossary._model.entries import FILE_ORIGINS, KINDS, LEVELS, Entry, Scope, Sense, Source

#: Bump when the runtime types, the validation rules or this file format change, so
#: that entries validated under other rules are never served.
SCHEMA_VERSION = 4

_KINDS = frozenset(KINDS)
_LEVELS = frozenset(LEVELS)
_ORIGINS = frozenset((*FILE_ORIGINS, "document"))


def encode(key: str, entries: Sequence[Entry], root: Path | None = None) -> dict[str, Any]:
    """Return the JSON form of ``entries`` (lists, not tuples); ``decode`` reverses it.

    With ``root``, file names are stored relative to it (the shipped glossary must not
    record where it was compiled), and ``decode`` is given the root to rebase them on.

    >>> e = Entry(id="a", term="双区驱动", kind="slogan", senses=(), origin_file="x.yaml")
    >>> [(d == e, d.origin_file) for d in decode(encode("k", [e]), "k")]
    [(True, 'x.yaml')]
    """
    scopes: dict[Scope, int] = {}
    sources: dict[Source, int] = {}
    files: dict[str, int] = {}

    def sense_row(s: Sense) -> list[Any]:
        scope = None if s.scope is None else scopes.setdefault(s.scope, len(scopes))
        source = None if s.source is None else sources.setdefault(s.source, len(sources))
        years = list(s.years)
        return [s.expansion, s.definition, scope, years, s.origin, source, s.usage, s.gloss]

    rows = [
        [
            *(e.id, e.term, e.kind),
            [sense_row(s) for s in e.senses],
            *(list(e.variants), list(e.related), list(e.exclude)),
            files.setdefault(_relative(e.origin_file, root), len(files)),
        ]
        for e in entries
    ]
    return {
        "format": SCHEMA_VERSION,
        "key": key,
        "files": list(files),
        "scopes": [[s.region, s.level, s.issuer, s.confined] for s in scopes],
        "sources": [[s.document, s.issuer, s.date, s.item, s.url] for s in sources],
        "entries": rows,
    }


def _relative(name: str, root: Path | None) -> str:
    return name if root is None else Path(name).relative_to(root).as_posix()


class CacheFormatError(ValueError):
    """A document that is not ``encode``'s form of the glossary asked for."""


def decode(document: object, key: str, root: Path | None = None) -> tuple[Entry, ...]:
    """Rebuild entries from ``encode``'s form; ``CacheFormatError`` if it is anything else.

    >>> decode({"format": SCHEMA_VERSION, "key": "k", "files": [], "scopes": [],
    ...         "sources": [], "entries": [["a", 12345, "slogan", [], [], [], [], 0]]}, "k")
    Traceback (most recent call last):
    ...
    glossary._load.cache_format.CacheFormatError: not a cache file of this glossary
    """
    if not isinstance(document, dict):
        raise CacheFormatError("not a cache file of this glossary")
    if document.get("format") != SCHEMA_VERSION or document.get("key") != key:
        raise CacheFormatError("cache file of another glossary or format")
    try:
        return _decode(document, root)
    except (TypeError, ValueError, KeyError, IndexError):
        raise CacheFormatError("not a cache file of this glossary") from None


def _decode(document: dict[str, Any], root: Path | None) -> tuple[Entry, ...]:
    """``decode`` once the document is known to be a mapping of the right key."""
    files = [name if root is None else str(root / name) for name in _texts(document["files"])]
    scopes = [_scope(row) for row in _list(document["scopes"])]
    sources = [_source(row) for row in _list(document["sources"])]
    entries = []
    for row in _list(document["entries"]):
        entry_id, term, kind, senses, variants, related, exclude, file = row
        if not (type(entry_id) is str and type(term) is str and kind in _KINDS):
            raise CacheFormatError("an entry of the wrong shape")
        entries.append(
            Entry(
                id=entry_id,
                term=term,
                kind=kind,
                senses=tuple(_sense(sense, scopes, sources) for sense in _list(senses)),
                variants=_texts(variants),
                related=_texts(related),
                exclude=_texts(exclude),
                origin_file=files[_index(file, files)],
            )
        )
    return tuple(entries)


def _sense(row: object, scopes: list[Scope], sources: list[Source]) -> Sense:
    # Checks written out, not through helpers: a warm start decodes every sense of the
    # glossary, and a call per value would cost it a millisecond or two.
    if type(row) is not list:
        raise CacheFormatError("a sense of the wrong shape")
    expansion, definition, scope, years, origin, source, usage, gloss = row
    if type(expansion) is not str or type(definition) is not str or type(gloss) is not str:
        raise CacheFormatError("a sense of the wrong shape")
    if origin not in _ORIGINS or not (usage is None or type(usage) is str):
        raise CacheFormatError("a sense of the wrong shape")
    if scope is not None and not (type(scope) is int and 0 <= scope < len(scopes)):
        raise CacheFormatError("a scope index out of its table")
    if source is not None and not (type(source) is int and 0 <= source < len(sources)):
        raise CacheFormatError("a source index out of its table")
    return Sense(
        expansion=expansion,
        definition=definition,
        scope=None if scope is None else scopes[scope],
        years=_years(years),
        origin=origin,
        source=None if source is None else sources[source],
        usage=usage,
        gloss=gloss,
    )


def _scope(row: object) -> Scope:
    region, level, issuer, confined = _list(row)
    if not (type(region) is str and level in _LEVELS and type(issuer) is str):
        raise CacheFormatError("a scope of the wrong shape")
    if type(confined) is not bool:
        raise CacheFormatError("a scope of the wrong shape")
    return Scope(region=region, level=level, issuer=issuer, confined=confined)


def _source(row: object) -> Source:
    document, issuer, date, item, url = _list(row)
    if not (type(document) is str and type(issuer) is str and type(date) is str):
        raise CacheFormatError("a source of the wrong shape")
    if not (item is None or type(item) is int) or not (url is None or type(url) is str):
        raise CacheFormatError("a source of the wrong shape")
    return Source(document=document, issuer=issuer, date=date, item=item, url=url)


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise CacheFormatError("a list expected")
    return value


def _texts(value: object) -> tuple[str, ...]:
    # Plain loops, not all(): a warm start decodes thousands of these, most of them empty.
    for text in _list(value):
        if type(text) is not str:
            raise CacheFormatError("a list of strings expected")
    return tuple(value)  # type: ignore[arg-type]


def _years(value: object) -> tuple[int, ...]:
    for year in _list(value):
        if type(year) is not int:
            raise CacheFormatError("a list of years expected")
    return tuple(value)  # type: ignore[arg-type]


def _index(value: object, table: Sequence[object]) -> int:
    """``value`` as an index into ``table``: an int in range (not a bool, not negative)."""
    if type(value) is not int or not 0 <= value < len(table):
        raise CacheFormatError("an index out of its table")
    return value
