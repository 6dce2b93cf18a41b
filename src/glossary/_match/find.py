"""The match stage's entry point: every glossary term and document term in a normalised text.

The glossary's automaton and the document's own terms (``document.py``) are run over
the normalised text, by the short path (``short.py``) or the long one (``long.py``),
their matches merged, mapped back to the original text, and grouped by key, so that the
later stages work once per distinct term rather than once per match.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from glossary._compile.automaton import Match, Matcher
from glossary._compile.compiled import Compiled
from glossary._match import short
from glossary._match.document import document_entries
from glossary._model.annotation import Definition
from glossary._model.entries import Entry
from glossary._normalise.normalise import locate, normalise_term
from glossary._normalise.text import Located, Normalised

if TYPE_CHECKING:
    from glossary._normalise.text import Column


class Matched(NamedTuple):
    """The matches of one text, located in the original and grouped by key.

    Keys below ``len(compiled.keys)`` are the glossary's patterns; the document's own
    terms (``local``) are numbered after them.
    """

    local: list[Entry]  # the terms the document explains itself
    definitions: tuple[Definition, ...]  # the same, with where the text explains each
    located: Located  # each match's span in the original text
    found: list[int]  # the distinct keys matched, in order
    dense: Column  # each match's index into ``found``
    patterns: list[str] | None  # each found key's pattern, when surfaces may reuse them


def find(compiled: Compiled, normal: Normalised) -> Matched:
    """Find, locate and group the matches of a compiled glossary and of the document's terms.

    >>> from glossary import Glossary
    >>> from glossary._normalise.normalise import normalise
    >>> m = find(Glossary.default().compiled, normalise("抢抓“双区”驱动"))
    >>> m.located.firsts, m.located.lasts, len(m.found), m.local
    ([2], [8], 1, [])
    """
    definitions = tuple(document_entries(normal))
    local = [d.entry for d in definitions]
    (keys, starts, ends), verbatim = _matches(compiled, normal, local)
    located = locate(normal, (starts, ends), verbatim)
    found, dense = _distinct(keys, len(compiled.keys) + len(local))
    patterns = None
    if located.wider is not None:
        size = len(compiled.keys)
        own = [normalise_term(e.term) for e in local]
        patterns = [compiled.keys[k] if k < size else own[k - size] for k in found]
    return Matched(local, definitions, located, found, dense, patterns)


def match_normalised(matcher: Matcher, normal: Normalised) -> tuple[Column, Column, Column]:
    """(patterns, starts, ends) of the accepted matches: tuples for a short text, arrays
    for a long one (normalised with code points)."""
    if normal.normal_codes is None or not matcher.patterns:
        found = short.find(matcher, normal.text)
        if not found:
            return (), (), ()
        keys, starts, ends = zip(*found, strict=True)
        return keys, starts, ends
    from glossary._match.long import find_long

    return find_long(matcher, normal)


def _merge(glossary: list[Match], local: list[Match]) -> list[Match]:
    """Non-overlapping union: leftmost first, then longest; on a tie the document wins."""
    merged = sorted(glossary + local, key=lambda m: (m[1], m[1] - m[2], -m[0]))
    kept: list[Match] = []
    for match in merged:
        if not kept or match[1] >= kept[-1][2]:
            kept.append(match)
    return kept


def _matches(
    compiled: Compiled, normal: Normalised, local: list[Entry]
) -> tuple[tuple[Column, Column, Column], bool]:
    """(keys, starts, ends) of the glossary's matches and the document's own terms, and
    whether every automaton used saw the text as it is (``Matcher.verbatim``).

    A document's term is numbered after the glossary's keys.
    """
    keys, starts, ends = match_normalised(compiled.matcher, normal)
    if not local:
        return (keys, starts, ends), compiled.matcher.verbatim
    offset = len(compiled.keys)
    matcher = Matcher([normalise_term(e.term) for e in local])
    verbatim = compiled.matcher.verbatim and matcher.verbatim
    found = _merge(
        list(zip(_listed(keys), _listed(starts), _listed(ends), strict=True)),
        [(i + offset, s, e) for i, s, e in short.find(matcher, normal.text)],
    )
    if not found:
        return ((), (), ()), verbatim
    keys, starts, ends = zip(*found, strict=True)
    return (keys, starts, ends), verbatim


def _distinct(keys: Column, size: int) -> tuple[list[int], Column]:
    """The distinct keys matched (all below ``size``), in order, and each match's index
    into them."""
    if isinstance(keys, Sequence):  # a short text's tuple
        found = sorted(set(keys))
        index = {key: i for i, key in enumerate(found)}
        return found, tuple(map(index.__getitem__, keys))
    from glossary._match.long import distinct  # an array: counted in numpy

    return distinct(keys, size)


def _listed(values: Column) -> list[int]:
    """A column of offsets as a list, whether it came as an array or a tuple."""
    tolist = getattr(values, "tolist", None)  # numpy arrays convert in one call
    return list(values) if tolist is None else tolist()
