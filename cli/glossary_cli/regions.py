"""The regions a glossary knows, and which one a name the user typed means.

One resolver serves ``--region`` (``explain``, ``chat``) and the chat's ``/region``, so
that both accept the same names: the full name (深圳市罗湖区), its short form (罗湖,
罗湖区, 深圳), Traditional (羅湖區), an issuer (深圳市罗湖区人民政府), or a part of one name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary import Glossary, Sense


def regions(glossary: Glossary) -> dict[str, int]:
    """The regions of a glossary's senses, with how many senses each has, by name."""
    counts: dict[str, int] = {}
    for entry in glossary:
        for sense in entry.senses:
            if sense.scope is not None:
                counts[sense.scope.region] = counts.get(sense.scope.region, 0) + 1
    return dict(sorted(counts.items()))


def resolve_region(name: str, glossary: Glossary) -> tuple[str, ...]:
    """The regions ``name`` can mean, by full name; several when it is ambiguous.

    An exact name or issuer first; else the regions whose short name (``cue``) is the
    name's (罗湖区 and 羅湖 mean 深圳市罗湖区, 深圳 means 深圳市 rather than each of its
    districts); else every region whose name contains it.

    >>> from glossary import Glossary
    >>> [resolve_region(n, Glossary.default()) for n in ("罗湖", "羅湖區", "深圳", "火星")]
    [('深圳市罗湖区',), ('深圳市罗湖区',), ('深圳市',), ()]
    """
    from glossary._model.regions import cue
    from glossary._normalise.normalise import normalise_term

    known = regions(glossary)
    key = normalise_term(name)
    if not key:
        return ()
    if key in known:
        return (key,)
    issued = {
        sense.scope.region
        for entry in glossary
        for sense in entry.senses
        if sense.scope is not None and normalise_term(sense.scope.issuer) == key
    }
    if issued:
        return tuple(sorted(issued))
    short = cue(key)
    by_cue = tuple(region for region in known if cue(region) == short)
    return by_cue or tuple(region for region in known if key in region)


@dataclass(frozen=True, slots=True)
class RegionProblem:
    """Why a name picks no single region: the regions it could mean (none or several)."""

    name: str
    matches: tuple[str, ...]
    known: tuple[str, ...]

    def __str__(self) -> str:
        """The problem in one clause, after the name (``no such region...``)."""
        if self.matches:
            return f"could be {'、'.join(self.matches)}; name one"
        return f"no such region in the glossary; known: {'、'.join(self.known) or 'none'}"


def choose_region(name: str, glossary: Glossary) -> str | RegionProblem:
    """The one region ``name`` means, or the problem with it.

    >>> from glossary import Glossary
    >>> choose_region("龍崗", Glossary.default())
    '深圳市龙岗区'
    >>> str(choose_region("宝安区", Glossary.default()))
    '深圳市宝安区'
    >>> print(choose_region("自治区", Glossary.default()))
    could be 内蒙古自治区、宁夏回族自治区、广西壮族自治区、新疆维吾尔自治区、西藏自治区; name one
    """
    matches = resolve_region(name, glossary)
    if len(matches) == 1:
        return matches[0]
    return RegionProblem(name, matches, tuple(regions(glossary)))


def region_matches(sense: Sense, region: str) -> bool:
    """Whether a sense of a region applies to ``region``, a full region name as
    ``choose_region`` gives: its region holds it (national senses aside).

    >>> from glossary import Glossary
    >>> sense = Glossary.default().get("luohu-1-10-n").senses[0]
    >>> region_matches(sense, "深圳市罗湖区"), region_matches(sense, "深圳市福田区")
    (True, False)
    """
    from glossary._model.regions import holds

    scope = sense.scope
    return bool(region) and scope is not None and scope.level != "national" and holds(sense, region)


_SPECIFIC = {"district": 0, "city": 1, "province": 2, "national": 3}


def sense_order(sense: Sense, region: str) -> tuple[bool, int]:
    """Sort key: the senses whose region holds ``region`` first, the most specific first.

    The very rule ``Glossary.explain(text, region=)`` uses to pick a sense, so that the
    chat lists first the sense that ``explain`` would choose.
    """
    if not region:
        return (False, 0)  # data order
    scope = sense.scope
    level = _SPECIFIC[scope.level] if scope is not None else 3
    from glossary._model.regions import holds

    return (not holds(sense, region), level)
