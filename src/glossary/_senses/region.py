"""Which region a text is about, so that another region's sense is never passed off as its own.

An explicit ``region=`` decides, by its usual name (罗湖, 广西, 深圳市福田区). Otherwise
the text's opening (its first 300 characters, where a report's title, a news item's
dateline or a site's name stands) names it: the most specific place named there wins
(深圳宝安区 over 香港商报). Failing that, the place the whole text names most often, if
it names it three times or more. Places are the gazetteer's and the glossary's regions,
by full or short name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from glossary._model.regions import cue, depth, resolve
from glossary._normalise.normalise import normalise_term
from glossary._senses.cues import Cues

#: How much of a text's opening is read for the place it is about.
OPENING = 300
#: How often a text must name a place, failing its opening, to be about it.
NAMED_OFTEN = 3
_NATIONAL = "全国人民代表大会"  # the State Council's report opens at the national congress


def document_region(cues: Cues, places: Iterable[str], region: str | None = None) -> str:
    """The region a text is about, as a full name, or "" when nothing says.

    >>> from glossary._model.gazetteer import PLACES
    >>> document_region(Cues("深圳宝安区召开党代会-香港商报"), PLACES)
    '深圳市宝安区'
    >>> document_region(Cues("龙岗区召开全会……"), PLACES, region="福田")
    '深圳市福田区'
    >>> document_region(Cues("没有地名的一句话"), PLACES)
    ''
    """
    known = tuple(places)
    if region:  # by its usual name, in either script: 罗湖, 羅湖區, 广西
        chosen = resolve(normalise_term(region), known)
        return chosen[0] if len(chosen) == 1 else region
    pattern, meaning = _names(known)
    opening = cues.text[:OPENING]
    named = [
        (place, found.start()) for found in pattern.finditer(opening) for place in meaning[found[0]]
    ]
    if named:
        return max(named, key=lambda named: (depth(named[0]), -named[1]))[0]
    if _NATIONAL in opening:
        return "中国"
    counted = sorted(((cues.count(p), depth(p), p) for p in known if p != "中国"), reverse=True)
    if (
        counted
        and counted[0][0] >= NAMED_OFTEN
        and (len(counted) == 1 or counted[1][:2] != counted[0][:2])
    ):
        return counted[0][2]
    return ""


@lru_cache(maxsize=8)
def _names(places: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern for every full and short name of ``places``, and what each name means."""
    meaning: dict[str, list[str]] = {}
    for place in places:
        if place != "中国":
            for name in {place, cue(place)}:
                meaning.setdefault(name, []).append(place)
    names = sorted(meaning, key=lambda name: (-len(name), name))  # longest first
    pattern = re.compile("|".join(map(re.escape, names)) or "(?!)")
    return pattern, {name: tuple(found) for name, found in meaning.items()}
