"""Normalisation: the stage's entry point, from a text to a ``Normalised`` and back.

A text is matched in a *normalised* form and every match is mapped back to the
original string. Normalising does, in order:

1. fold compatibility characters one for one (full-width ``１＋Ｎ``, Kangxi radicals);
2. convert Traditional to Simplified with OpenCC ``t2s``, which never changes the
   length (checked, with a per-character fallback), so offsets survive (``opencc.py``);
3. delete decoration: quotes, spaces, zero-width characters, line breaks, and pinyin
   that some sites insert after characters (``灣區(qū)``). A run of decoration that holds
   two line breaks (a blank line) becomes one ``\\n``, and a run between two ASCII
   letters or digits that holds white space becomes one space: both stop a match.
   Line breaks are counted as ``line_breaks`` says (``\\n``, vertical tab, U+2028, U+2029).

Steps 1 and 2 are skipped when a fast scan finds nothing for them to change. Step 3
and the mapping back have two implementations with one behaviour: per run of
decoration for short texts (``short.py``), vectorised with numpy for long ones
(``long.py``; numpy costs 100 ms to import, which a one-line lookup should not pay).
This module picks one; property tests hold them equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary._normalise import short
from glossary._normalise.opencc import to_simplified
from glossary._normalise.text import LARGE, Located, Normalised

if TYPE_CHECKING:
    from glossary._normalise.text import Column


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, remembering where each character came from.

    >>> normalise("灣區(qū)驅動").text
    '湾区驱动'
    >>> normalise("CIM\\n平台, IT 与 BT, “双区”\\n\\n驱动").text
    'cim平台,it与bt,双区\\n驱动'
    """
    if len(text) >= LARGE:
        from glossary._normalise.long import normalise_large

        return normalise_large(text)
    return short.normalise_small(text, to_simplified(text))


def normalise_term(term: str) -> str:
    """Return the matching key of a term or variant: folded, Simplified, undecorated.

    >>> normalise_term("「雙區」驅動")
    '双区驱动'
    >>> normalise_term("１＋１＋１０＋Ｎ")
    '1+1+10+n'
    """
    return short.normalise_small(term, to_simplified(term)).text


def span(normal: Normalised, start: int, end: int) -> tuple[int, int]:
    """Map a non-empty normalised span to the original text.

    >>> n = normalise("抢抓“双区”驱动")
    >>> n.text, span(n, 2, 6)
    ('抢抓双区驱动', (3, 8))
    """
    return spans(normal, [start], [end])[0]


def spans(normal: Normalised, starts: Column, ends: Column) -> list[tuple[int, int]]:
    """Map many non-empty normalised spans to the original text."""
    if normal.codes is None:
        return short.spans(normal, _listed(starts), _listed(ends))
    from glossary._normalise.long_spans import spans as long_spans

    return long_spans(normal, starts, ends)


def original_spans(normal: Normalised, starts: Column, ends: Column) -> tuple[list[int], list[int]]:
    """Map spans like ``spans``, widen each to the quotes that belong to it: (starts, ends).

    >>> original_spans(normalise("抢抓“双区”驱动、「六稳」"), [2, 7], [6, 9])
    ([2, 9], [8, 13])
    """
    if normal.codes is None:
        return short.original_spans(normal, _listed(starts), _listed(ends))
    from glossary._normalise.long_spans import original_spans as long_original_spans

    return long_original_spans(normal, starts, ends)


def locate(normal: Normalised, found: tuple[Column, Column], verbatim: bool) -> Located:
    """``original_spans`` of the matches, and which spans may hold more than their match.

    ``verbatim`` says whether the automaton saw the text as it is (``Located.wider``).

    >>> locate(normalise("抢抓“双区”驱动"), ([2], [6]), True)
    Located(firsts=[2], lasts=[8], wider=None, arrays=None)
    """
    if normal.codes is None:
        return short.locate(normal, (_listed(found[0]), _listed(found[1])))
    from glossary._normalise.long_spans import locate as long_locate

    return long_locate(normal, found, verbatim)


def _listed(values: Column) -> list[int]:
    """A column of a short text as a list (it came as a tuple or list)."""
    return values if isinstance(values, list) else list(values)
