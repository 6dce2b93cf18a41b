"""Region names: the short name a text uses for a region, which lies in which, what a name means.

Pure rules on full names (``Scope.region``, ``Scope.issuer``) and the gazetteer's places;
the compile stage lists the names to count, the senses stage counts them in a text and
decides which region the text is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from glossary._model.entries import Sense
from glossary._model.gazetteer import PARENTS, PLACES, PROVINCES

_REGION_PART = re.compile(r".+?(?:特别行政区|自治区|自治州|省|市|区|县)|.+$")


_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|省|市|区|县)$")


@cache  # a glossary names a handful of regions; each costs two regex calls
def cue(region: str) -> str:
    """The name a text uses for a region: its last part without the administrative suffix.

    >>> cue("深圳市龙岗区"), cue("深圳市"), cue("中国"), cue("广西壮族自治区")
    ('龙岗', '深圳', '中国', '广西')
    """
    if region in PROVINCES:
        return PROVINCES[region]
    last = _REGION_PART.findall(region)[-1] if region else ""
    return _SUFFIX.sub("", last) or last


def in_region(sense: Sense, region: str) -> bool:
    """Whether a sense belongs to ``region``: its region or issuer, or the same short name.

    >>> from glossary import Glossary
    >>> sense = Glossary.default().get("luohu-1-10-n").senses[0]
    >>> [in_region(sense, r) for r in ("深圳市罗湖区", "罗湖区", "深圳市龙岗区", "")]
    [True, True, False, False]
    """
    scope = sense.scope
    if not region or scope is None:
        return False
    return region in (scope.region, scope.issuer) or cue(region) == cue(scope.region)


def parent(region: str) -> str:
    """The region ``region`` lies in: from the gazetteer, or its name's first part; "" for 中国.

    >>> parent("深圳市福田区"), parent("深圳市"), parent("广东省"), parent("某某县"), parent("中国")
    ('深圳市', '广东省', '中国', '中国', '')
    """
    if not region or region == "中国":
        return ""
    if region in PARENTS:
        return PARENTS[region]
    parts = _REGION_PART.findall(region)
    return "".join(parts[:-1]) if len(parts) > 1 else "中国"


def within(inner: str, outer: str) -> bool:
    """Whether the region ``inner`` lies in ``outer`` (or is it).

    >>> within("深圳市福田区", "广东省"), within("深圳市", "深圳市罗湖区"), within("广东省", "中国")
    (True, False, True)
    """
    while inner:
        if inner == outer or (outer and cue(inner) == cue(outer) and _same_level(inner, outer)):
            return True
        inner = parent(inner)
    return False


def _same_level(one: str, other: str) -> bool:
    """Whether two names end in the same kind of region (区 and 区), or one has no suffix."""
    ours, theirs = _SUFFIX.search(one), _SUFFIX.search(other)
    return ours is None or theirs is None or ours.group() == theirs.group()


def resolve(name: str, known: Iterable[str] = ()) -> tuple[str, ...]:
    """The regions a usual name can mean, by full name; several when it is ambiguous.

    ``known`` adds regions (a glossary's) to the gazetteer's places. An exact name
    first; else the regions whose short name is the name's (罗湖区 and 罗湖 mean
    深圳市罗湖区, 广西 广西壮族自治区); else every region whose name contains it.

    >>> [resolve(n) for n in ("罗湖", "福田区", "广西", "深圳", "火星")]
    [('深圳市罗湖区',), ('深圳市福田区',), ('广西壮族自治区',), ('深圳市',), ()]
    """
    places = dict.fromkeys([*PLACES, *known])
    if not name:
        return ()
    if name in places:
        return (name,)
    short = cue(name)
    by_short = tuple(place for place in places if cue(place) == short)
    return by_short or tuple(place for place in places if name in place)


def holds(sense: Sense, region: str) -> bool:
    """Whether a sense applies to a text about ``region``: its region holds it (or is it).

    A sense without a scope (a document's own) and a national one hold every region.

    >>> from glossary import Glossary
    >>> sense = Glossary.default().get("luohu-1-10-n").senses[0]
    >>> [holds(sense, r) for r in ("深圳市罗湖区", "罗湖区", "深圳市", "深圳市龙岗区")]
    [True, True, False, False]
    """
    scope = sense.scope
    return scope is None or scope.level == "national" or within(region, scope.region)


def depth(place: str) -> int:
    """How many regions ``place`` lies in: 中国 0, a province 1, a city 2, a district 3.

    >>> depth("中国"), depth("广东省"), depth("深圳市"), depth("深圳市福田区")
    (0, 1, 2, 3)
    """
    found = 0
    while place and place != "中国":
        place, found = parent(place), found + 1
    return found


def nearness(one: str, other: str) -> int:
    """How deep the smallest region holding both lies (``depth``): 罗湖 and 福田 share 深圳市.

    >>> nearness("深圳市罗湖区", "深圳市福田区"), nearness("广西壮族自治区", "深圳市福田区")
    (2, 0)
    """
    while one and not within(other, one):
        one = parent(one)
    return depth(one) if one else 0
