"""Choose a sense for each term of a text, say why, and say when it is another region's.

The compiled glossary maps each normalised surface to the entries that claim it. For
each distinct key the candidates are the senses of every claiming entry. The text is
about a region (``region.py``: ``region=`` by its usual name, else the text's opening,
else the place it names most), and one sense is chosen:

1. a term the document explains itself (``（以下简称“双区”）``) takes the document's meaning;
2. else the most specific sense whose region holds the text's region: a district's
   sense in a text about that district, else its city's, its province's, the nation's;
3. else the senses of the regions nearest the text's (a district's of the same city,
   a city's inside the text's province), and among those, or when the text's region is
   unknown, the region the text names most often, else the broadest sense.

A sense chosen for a text whose region it does not hold (another district's, or a
district's in a province's report), or for a text that names no region, carries a
caveat that says so (``Reading.caveat``). A *confined* sense (``Scope.confined``) is not
chosen for such a text at all: the others are chosen from, and a key left with none
reads ``UNREAD``, which the annotations stage drops.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple

from glossary._compile.compiled import ONLY, Compiled
from glossary._model.annotation import Reading
from glossary._model.entries import Entry, Sense
from glossary._model.regions import cue, holds, nearness, within
from glossary._normalise.normalise import normalise_term
from glossary._senses.cues import Cues
from glossary._senses.region import document_region

_BROADEST = {"national": 0, "province": 1, "city": 2, "district": 3}
_REGIONS = attrgetter("regions")
_Choice = tuple[Entry, Sense, str]


class Place(NamedTuple):
    """The region a text is about ("" when unknown), and whether the caller named it."""

    region: str
    explicit: bool


class Readings(NamedTuple):
    """How one text reads its terms: a reading per distinct key, and the text's region."""

    readings: list[Reading]  # in the order of the keys asked for
    leader: str  # the region the text names most often among its terms' regions, or ""
    unread: bool = False  # whether some keys read UNREAD: their matches are to be dropped


#: The reading of a key whose every sense is confined to regions the text is not about.
UNREAD = Reading(Entry("", "", "other", ()), Sense("", "", None, (), "document", None), (), "")


def read(
    compiled: Compiled, local: list[Entry], keys: list[int], region: str | None, cues: Cues
) -> Readings:
    """The reading of each distinct key matched in one text, and the region it leads with.

    >>> from glossary import Glossary
    >>> compiled = Glossary.default().compiled
    >>> key = compiled.index["双区驱动"]
    >>> read(compiled, [], [key], None, Cues("")).readings[0].entry.term
    '双区驱动'
    """
    place = Place(document_region(cues, compiled.places, region), bool(region))
    readings = [_reading(compiled, local, key, place, cues) for key in keys]
    unread = any(reading is UNREAD for reading in readings)
    if unread:  # a confined sense's region is no evidence of the text's
        keys = [key for key, reading in zip(keys, readings, strict=True) if reading is not UNREAD]
    return Readings(readings, place.region or _leader(compiled, local, keys, cues), unread)


def _choose(candidates: Sequence[tuple[Entry, Sense]], place: Place, cues: Cues) -> _Choice:
    """Pick one (entry, sense) and say why."""
    if len(candidates) == 1:
        return (*candidates[0], ONLY)
    if place.region:
        holding = [(e, s) for e, s in candidates if holds(s, place.region)]
        deepest = max((_depth(s) for _, s in holding), default=-1)
        best = [(e, s) for e, s in holding if _depth(s) == deepest]
        if len(best) == 1:  # the one most specific region that holds the text's
            said = "region=" if place.explicit else "the text is about "
            return (*best[0], f"{said}{place.region}")
        if best:  # equals (two national senses, say): the region cannot tell them apart
            return _by_cues(best, cues)
        nearest = _nearest(candidates, place.region)
        if len(nearest) == 1:
            return (*nearest[0], f"nearest region to {place.region}")
        candidates = nearest
    return _by_cues(candidates, cues)


def _nearest(
    candidates: Sequence[tuple[Entry, Sense]], region: str
) -> Sequence[tuple[Entry, Sense]]:
    """The candidates whose region is nearest ``region``: a district's sense of the same
    city before a province's; a city's, in its province's report, before another's."""
    near = [(nearness(s.scope.region, region) if s.scope else 0, e, s) for e, s in candidates]
    best = max(n for n, _, _ in near)
    return [(e, s) for n, e, s in near if n == best]


def _by_cues(candidates: Sequence[tuple[Entry, Sense]], cues: Cues) -> _Choice:
    """The candidate whose region the text names most often, else the broadest."""
    scoped = [(e, s) for e, s in candidates if s.scope is not None]
    counted = [(cues.count(s.scope.region), e, s) for e, s in scoped if s.scope is not None]
    best = max(counted, key=lambda c: c[0], default=None)
    if best is not None and best[0] > 0 and [c[0] for c in counted].count(best[0]) == 1:
        _, entry, sense = best
        assert sense.scope is not None
        return entry, sense, f"the text names {cue(sense.scope.region)} {best[0]} times"
    broadest = min(candidates, key=lambda c: _depth(c[1]))
    return (*broadest, "no regional cue decides; broadest scope")


def _depth(sense: Sense) -> int:
    """How specific a sense's scope is: national 0 to district 3 (no scope counts as national)."""
    return _BROADEST[sense.scope.level] if sense.scope is not None else 0


def caveat(sense: Sense, region: str) -> str:
    """What a reader must know when a region's sense is read in a text about another, or "".

    >>> from glossary import Glossary
    >>> sense = Glossary.default().get("luohu-1-10-n").senses[0]
    >>> caveat(sense, "深圳市福田区")
    'sense of 深圳市罗湖区; this text is about 深圳市福田区'
    >>> caveat(sense, "深圳市罗湖区"), caveat(sense, "深圳市")
    ('', 'sense of 深圳市罗湖区; this text is about 深圳市')
    """
    scope = sense.scope
    if scope is None or scope.level == "national":
        return ""
    if not region:
        return f"sense of {scope.region}; the text names no region"
    if within(region, scope.region):
        return ""
    return f"sense of {scope.region}; this text is about {region}"


def _reading(compiled: Compiled, local: list[Entry], key: int, place: Place, cues: Cues) -> Reading:
    """A key's fixed reading when it has one, else the one chosen for this text; with the
    caveat the text's region calls for."""
    fixed = compiled.facts[key].fixed if key < len(compiled.keys) else None
    reading = _resolve(compiled, local, key, place, cues) if fixed is None else fixed
    if _elsewhere(reading.sense, place.region):
        reading = _unconfined(compiled.facts[key].choices, place, cues)
        if reading is UNREAD:
            return reading
    warning = caveat(reading.sense, place.region)
    return reading._replace(caveat=warning) if warning else reading


def _elsewhere(sense: Sense, region: str) -> bool:
    """Whether ``sense`` is confined to a region apart from the text's ("": unknown).

    A confined sense is read in a text about its region or a part of it, and in a text
    about a province or city that holds its region (a province's report naming its
    capital's programme), with the caveat any such sense carries; not in a text about
    the country, whose every region it lies in.

    >>> from glossary._model.entries import Scope
    >>> sense = Sense("", "", Scope("深圳市", "city", confined=True), (), "editorial", None)
    >>> [_elsewhere(sense, r) for r in ("深圳市福田区", "广东省", "北京市", "中国", "")]
    [False, False, True, True, True]
    """
    scope = sense.scope
    if scope is None or not scope.confined:
        return False
    if not region or region == "中国":
        return True
    return not (within(region, scope.region) or within(scope.region, region))


def _unconfined(choices: Sequence[tuple[Entry, Sense]], place: Place, cues: Cues) -> Reading:
    """The reading chosen from the senses not confined elsewhere, or ``UNREAD`` if none is."""
    left = [(e, s) for e, s in choices if not _elsewhere(s, place.region)]
    if not left:
        return UNREAD
    entry, sense, reason = _choose(left, place, cues)
    return Reading(entry, sense, tuple(s for _, s in choices if s is not sense), reason)


def _leader(compiled: Compiled, local: list[Entry], keys: Iterable[int], cues: Cues) -> str:
    """The region the text names most often among those its terms belong to, or ""."""
    size = len(compiled.keys)
    glossary_keys = [k for k in keys if k < size]
    regions = set().union(*map(_REGIONS, map(compiled.facts.__getitem__, glossary_keys)))
    for key in keys:
        if key >= size:  # a local definition: the regions of the glossary's senses for it
            position = compiled.index.get(normalise_term(local[key - size].term))
            regions |= compiled.facts[position].regions if position is not None else frozenset()
    counted = sorted((-cues.count(r), -len(r), r) for r in regions)
    return counted[0][2] if counted and counted[0][0] < 0 else ""


def _resolve(compiled: Compiled, local: list[Entry], key: int, place: Place, cues: Cues) -> Reading:
    """The reading of one matched key in this text: entry, chosen sense, the others, why."""
    if key >= len(compiled.keys):
        entry = local[key - len(compiled.keys)]
        others = tuple(s for e in compiled.claimants(normalise_term(entry.term)) for s in e.senses)
        return Reading(entry, entry.senses[0], others, "defined in this document")
    candidates = compiled.facts[key].choices  # a key without a fixed reading has several
    entry, sense, reason = _choose(candidates, place, cues)
    return Reading(entry, sense, tuple(s for _, s in candidates if s is not sense), reason)
