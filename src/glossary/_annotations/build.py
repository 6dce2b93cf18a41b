"""Build the annotations of one text: a span, its surface as written, and its reading.

The match stage gives each match's span and its index into the distinct keys; the
senses stage a reading per distinct key. Here both are spread back over the matches
(plain lists for short texts, numpy for long ones: ``long.py``) and each match becomes
one ``Annotation``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, TypeVar

from glossary._model.annotation import Annotation, Reading
from glossary._normalise.text import Located

if TYPE_CHECKING:
    from glossary._normalise.text import Column

_T = TypeVar("_T")


def annotate_matches(
    text: str,
    located: Located,
    dense: Column,
    readings: list[Reading],
    patterns: list[str] | None,
) -> tuple[Annotation, ...]:
    """One annotation per match, in order: its span, its surface and its key's reading.

    ``dense`` gives each match's index into ``readings`` (one per distinct key), and
    ``patterns`` each distinct key's pattern, or None when surfaces must be sliced.
    """
    surfaces = _surfaces(text, located, patterns, dense)
    fields = zip(located.firsts, located.lasts, surfaces, _spread(readings, dense), strict=True)
    # tuple.__new__ fills an Annotation without the Python call its __new__ would cost.
    return tuple(map(tuple.__new__, repeat(Annotation), fields))


def _surfaces(
    original: str, located: Located, terms: list[str] | None, dense: Column
) -> Iterable[str]:
    """Each match's surface as written, sharing one string among equal surfaces of a long text.

    A span no wider than its match holds the match's characters (``Located.wider`` lists
    the others, or is None when that cannot be known), unless the pattern holds a kept
    separator, which may stand for other white space: such spans take their pattern's
    own string. ``terms`` are the patterns of the distinct keys, ``dense`` each match's
    index into them. Other long texts slice each way a key is written once. A string
    shared saves a new one per match.
    """
    first, last, wider, arrays = located
    if arrays is None:  # a short text: slicing costs it nothing
        return map(original.__getitem__, map(slice, first, last))
    if wider is None or terms is None or any(" " in t or "\n" in t for t in terms):
        from glossary._annotations.long import repeated_surfaces

        return repeated_surfaces(original, arrays, dense)
    surfaces = _spread(terms, dense)
    for i in wider:
        surfaces[i] = original[first[i] : last[i]]
    return surfaces


def _spread(values: list[_T], dense: Column) -> list[_T]:
    """Each match's value, from the values of the distinct keys and its index into them."""
    if isinstance(dense, Sequence):  # a short text's tuple
        return list(map(values.__getitem__, dense))
    from glossary._annotations.long import spread  # an array: gathered in numpy

    return spread(values, dense)
