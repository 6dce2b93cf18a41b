"""Choose a sense for each term of a text, and say why.

The compiled glossary maps each normalised surface to the entries that claim it. For
each distinct key the candidates are the senses of every claiming entry, and one is
chosen:

1. a term the document defines itself (``（以下简称“双区”）``) takes the document's meaning;
2. else an explicit ``region=`` picks the sense whose region or issuer names it;
3. else the document's own cues: the candidate region it names most often;
4. else the only sense, or the broadest one (national over city over district).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple

from glossary._compile.compiled import ONLY, Compiled
from glossary._model.annotation import Reading
from glossary._model.entries import Entry, Sense
from glossary._model.regions import cue, in_region
from glossary._senses.cues import Cues

_BROADEST = {"national": 0, "province": 1, "city": 2, "district": 3}
_REGIONS = attrgetter("regions")


class Readings(NamedTuple):
    """How one text reads its terms: a reading per distinct key, and the text's region."""

    readings: list[Reading]  # in the order of the keys asked for
    leader: str  # the region the text names most often among its terms' regions, or ""


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
    readings = [_reading(compiled, local, key, region, cues) for key in keys]
    return Readings(readings, _leader(compiled, local, keys, cues))


def _choose(
    candidates: Sequence[tuple[Entry, Sense]], region: str | None, cues: Cues
) -> tuple[Entry, Sense, str]:
    """Pick one (entry, sense) and say why."""
    if len(candidates) == 1:
        return (*candidates[0], ONLY)
    scoped = [(e, s) for e, s in candidates if s.scope is not None]
    if region:
        for entry, sense in scoped:
            if in_region(sense, region):
                return entry, sense, f"region={region}"
    counted = [(cues.count(s.scope.region), e, s) for e, s in scoped if s.scope is not None]
    best = max(counted, key=lambda c: c[0], default=None)
    if best is not None and best[0] > 0 and [c[0] for c in counted].count(best[0]) == 1:
        _, entry, sense = best
        assert sense.scope is not None
        return entry, sense, f"the text names {cue(sense.scope.region)} {best[0]} times"
    broadest = min(
        candidates, key=lambda c: _BROADEST[c[1].scope.level] if c[1].scope is not None else 9
    )
    return (*broadest, "no regional cue decides; broadest scope")


def _reading(
    compiled: Compiled, local: list[Entry], key: int, region: str | None, cues: Cues
) -> Reading:
    """A key's fixed reading when it has one, else the one chosen for this text."""
    fixed = compiled.facts[key].fixed if key < len(compiled.keys) else None
    return _resolve(compiled, local, key, region, cues) if fixed is None else fixed


def _leader(compiled: Compiled, local: list[Entry], keys: Iterable[int], cues: Cues) -> str:
    """The region the text names most often among those its terms belong to, or ""."""
    size = len(compiled.keys)
    glossary_keys = [k for k in keys if k < size]
    regions = set().union(*map(_REGIONS, map(compiled.facts.__getitem__, glossary_keys)))
    for key in keys:
        if key >= size:  # a local definition: the regions of the glossary's senses for it
            position = compiled.index.get(local[key - size].term)
            regions |= compiled.facts[position].regions if position is not None else frozenset()
    counted = sorted((-cues.count(r), -len(r), r) for r in regions)
    return counted[0][2] if counted and counted[0][0] < 0 else ""


def _resolve(
    compiled: Compiled, local: list[Entry], key: int, region: str | None, cues: Cues
) -> Reading:
    """The reading of one matched key in this text: entry, chosen sense, the others, why."""
    if key >= len(compiled.keys):
        entry = local[key - len(compiled.keys)]
        others = tuple(s for e in compiled.claimants(entry.term) for s in e.senses)
        return Reading(entry, entry.senses[0], others, "defined in this document")
    candidates = compiled.facts[key].choices  # a key without a fixed reading has several
    entry, sense, reason = _choose(candidates, region, cues)
    return Reading(entry, sense, tuple(s for _, s in candidates if s is not sense), reason)
