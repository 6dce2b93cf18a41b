"""From a text to its annotations: match, map back, choose a sense, honour local definitions.

The compiled glossary maps each normalised surface to the entries that claim it. For
each match the candidates are the senses of every claiming entry, and one is chosen:

1. a term the document defines itself (``（以下简称“双区”）``) takes the document's meaning;
2. else an explicit ``region=`` picks the sense whose region or issuer names it;
3. else the document's own cues: the candidate region it names most often;
4. else the only sense, or the broadest one (national over city over district).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from glossary._annotation import Annotation, Explanation, Reading
from glossary._matcher import Match, Matcher
from glossary._model import Entry, Sense
from glossary._normalise import Located, Normalised, line_breaks, normalise, normalise_term

if TYPE_CHECKING:
    from glossary._normalise import Column


_T = TypeVar("_T")
_ONLY = "only sense"  # the reason given when a key has nothing to choose between
_BROADEST = {"national": 0, "province": 1, "city": 2, "district": 3}
_REGION_PART = re.compile(r".+?(?:特别行政区|自治区|自治州|省|市|区|县)|.+$")
_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|省|市|区|县)$")
# （以下简称“双区”） as it reads once normalisation has removed the quotes.
_LOCAL = re.compile(
    r"[（(](?:以下简称|以下统称|以下称|下称|简称|统称)[为:：]?([^（）()，,。；;、：:\n]{1,16})[）)]"
)
_LOCAL_WORDS = ("简称", "统称", "下称")  # every alternative of _LOCAL holds one of these
_REGIONS = attrgetter("regions")
_PHRASE_MAX = 60
# Back to the previous clause or line, whatever the line breaks (as _normalise counts them).
_PHRASE_BEFORE = re.compile(rf"[^，,。；;：:、\n\r\v\u2028\u2029（()）]{{2,{_PHRASE_MAX}}}\Z")
# White space between a phrase and its parenthesis: a hard-wrapped line may end there.
_WRAP_BEFORE = re.compile(r"\s{1,16}\Z")


class KeyFacts(NamedTuple):
    """What one key means, whatever the text: worked out the first time a text matches it."""

    fixed: Reading | None  # its reading when it has one candidate, else None
    choices: tuple[tuple[Entry, Sense], ...]  # every (entry, sense) it could mean
    regions: frozenset[str]  # the regions of those senses below national level


class _Facts(dict[int, KeyFacts]):
    """Key -> ``KeyFacts``, filled on first use.

    A text matches a few hundred keys of a 100k-term glossary: working out all of them at
    build time took 0.3 s and kept 100,000 readings for the garbage collector to visit on
    every full collection. It holds the glossary's tables, not the ``Compiled`` that owns
    it, so that the two make no reference cycle. Two threads filling one key make equal
    facts, and ``setdefault`` keeps the first.
    """

    __slots__ = ("_claims", "_entries")

    def __init__(self, entries: tuple[Entry, ...], claims: tuple[tuple[int, ...], ...]) -> None:
        super().__init__()
        self._entries, self._claims = entries, claims

    def __missing__(self, key: int) -> KeyFacts:
        entries = (self._entries[i] for i in self._claims[key])
        choices = tuple((e, s) for e in entries for s in e.senses)  # in data order
        fixed = Reading(*choices[0], (), _ONLY) if len(choices) == 1 else None
        regions = frozenset(
            s.scope.region
            for _, s in choices
            if s.scope is not None and s.scope.level != "national"
        )
        return self.setdefault(key, KeyFacts(fixed, choices, regions))


@dataclass(frozen=True, slots=True)
class Compiled:
    """The automaton and the tables behind it; built once per glossary."""

    entries: tuple[Entry, ...]
    keys: tuple[str, ...]
    claims: tuple[tuple[int, ...], ...]  # entry indexes per key; () marks an exclusion
    matcher: Matcher = field(compare=False)
    index: dict[str, int] = field(compare=False, default_factory=dict)  # key -> position
    cues: tuple[str, ...] = field(compare=False, default=())  # counted in one pass
    facts: _Facts = field(init=False, compare=False, repr=False)  # per key, on first use

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", _Facts(self.entries, self.claims))

    @classmethod
    def build(cls, entries: Sequence[Entry]) -> Compiled:
        """Compile entries: every surface and exclusion context, normalised, is a pattern."""
        claims: dict[str, list[int]] = {}
        for index, entry in enumerate(entries):
            for surface in entry.surfaces:
                key = normalise_term(surface)
                if key and index not in claims.setdefault(key, []):
                    claims[key].append(index)
        for entry in entries:
            for context in entry.exclude:
                claims.setdefault(normalise_term(context), [])
        keys = tuple(claims)
        claimed = tuple(tuple(claims[k]) for k in keys)
        silent = [i for i, claim in enumerate(claimed) if not claim]  # exclusion contexts
        matcher = Matcher(keys, silent)
        positions = {k: i for i, k in enumerate(keys)}
        names = {cue(s.scope.region) for e in entries for s in e.senses if s.scope is not None}
        cues = tuple(sorted(n for n in names if n and not _overlaps_itself(n)))
        return cls(tuple(entries), keys, claimed, matcher, positions, cues)

    def claimants(self, key: str) -> tuple[Entry, ...]:
        """The entries that claim a normalised surface (none for an exclusion)."""
        position = self.index.get(key)
        return () if position is None else tuple(self.entries[i] for i in self.claims[position])


class _Cues:
    """How often the text names each region, counted on demand.

    A long text has its glossary's cues counted in one numpy pass up front (``names``);
    any other region is counted with ``str.count`` when first asked for.
    """

    def __init__(self, text: str, names: dict[str, int] | None = None) -> None:
        self.text = text
        self.names = names or {}
        self.counts: dict[str, int] = {}

    def count(self, region: str) -> int:
        if region not in self.counts:
            name = cue(region) if region else ""
            counted = self.names.get(name)
            if counted is None:
                counted = self.text.count(name) if name else 0
            self.counts[region] = counted
        return self.counts[region]


def _cues(compiled: Compiled, normal: Normalised) -> _Cues:
    if normal.normal_codes is None:
        return _Cues(normal.text)
    from glossary._arrays import count_cues

    return _Cues(normal.text, count_cues(normal.normal_codes, compiled.cues))


def _overlaps_itself(name: str) -> bool:
    """Whether two occurrences of ``name`` can overlap (a proper prefix is also a suffix)."""
    return any(name[:k] == name[-k:] for k in range(1, len(name)))


@cache  # a glossary names a handful of regions; each costs two regex calls
def cue(region: str) -> str:
    """The name a text uses for a region: its last part without the administrative suffix.

    >>> cue("深圳市龙岗区"), cue("深圳市"), cue("中国")
    ('龙岗', '深圳', '中国')
    """
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


def _choose(
    candidates: Sequence[tuple[Entry, Sense]], region: str | None, cues: _Cues
) -> tuple[Entry, Sense, str]:
    """Pick one (entry, sense) and say why."""
    if len(candidates) == 1:
        return (*candidates[0], _ONLY)
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


def _local_entries(normal: Normalised) -> list[Entry]:
    """Entries for the terms the text defines itself, with the text's own definition.

    The defined phrase is read from the original text just before the parenthesis, back
    to the previous comma, full stop or line break (at most 60 characters).

    >>> [(e.term, e.senses[0].expansion) for e in _local_entries(normalise(
    ...     "一、总体要求\\n粤港澳大湾区和深圳先行示范区（以下简称“双区”）"))]
    [('双区', '粤港澳大湾区和深圳先行示范区')]
    """
    entries: dict[str, Entry] = {}
    original = normal.original
    for m in _LOCAL.finditer(normal.text):
        term = m.group(1)
        opening, closing = normal.span(m.start(), m.end())
        wrap = _WRAP_BEFORE.search(original, max(0, opening - 16), opening)
        if wrap is not None and line_breaks(wrap.group()) < 2:  # not across a blank line
            opening = wrap.start()
        before = _PHRASE_BEFORE.search(original, max(0, opening - _PHRASE_MAX), opening)
        if before is None or term in entries:
            continue
        phrase = before.group().strip()
        sense = Sense(
            expansion=phrase,
            definition=f"{phrase}（本文简称“{term}”）",
            scope=None,
            years=(),
            origin="document",
            source=None,
            usage=original[before.start() : closing],
        )
        entry_id = f"document-{len(entries) + 1}"
        entries[term] = Entry(id=entry_id, term=term, kind="abbreviation", senses=(sense,))
    return list(entries.values())


def _defines_terms(text: str) -> bool:
    """Whether the text may define a term of its own (简称, 统称, 下称), cheaply.

    ``称`` is rare, so hopping from one to the next beats three substring scans.

    >>> _defines_terms("荣获“优胜区”称号"), _defines_terms("（以下简称“双区”）")
    (False, True)
    """
    at = text.find("称")
    while at > 0:
        if text[at - 1 : at + 1] in _LOCAL_WORDS:
            return True
        at = text.find("称", at + 1)
    return False


def _merge(glossary: list[Match], local: list[Match]) -> list[Match]:
    """Non-overlapping union: leftmost first, then longest; on a tie the document wins."""
    merged = sorted(glossary + local, key=lambda m: (m[1], m[1] - m[2], -m[0]))
    kept: list[Match] = []
    for match in merged:
        if not kept or match[1] >= kept[-1][2]:
            kept.append(match)
    return kept


def explain_text(compiled: Compiled, text: str, region: str | None = None) -> Explanation:
    """Annotate ``text`` with a compiled glossary; see the module docstring for senses."""
    normal = normalise(text)
    # No collection pass while the automaton's tuples and the annotations are made: they
    # hold no cycles, yet every 700 of them would trigger one.
    with _collector_paused():
        local = _local_entries(normal) if _defines_terms(normal.text) else []
        (keys, starts, ends), verbatim = _matches(compiled, normal, local)
        located = normal.locate((starts, ends), verbatim)
        found, dense = _distinct(keys, len(compiled.keys) + len(local))
        cues = _cues(compiled, normal)
        del normal  # its code points (8 bytes a character) make room for the surfaces' own
        # A key means the same throughout one text: one reading per distinct key.
        readings = _spread([_reading(compiled, local, key, region, cues) for key in found], dense)
        terms = None if located.wider is None else [_term(compiled, local, key) for key in found]
        surfaces = _surfaces(text, located, terms, dense)
        fields = zip(located.firsts, located.lasts, surfaces, readings, strict=True)
        # tuple.__new__ fills an Annotation without the Python call its __new__ would cost.
        annotations = tuple(map(tuple.__new__, repeat(Annotation), fields))
        # Let go of the columns while the collector is off: the pass it makes once back on
        # would otherwise visit their 29,000 items a MB as well (0.9 ms a MB at 100k terms).
        del fields, located, surfaces, readings, terms, keys, starts, ends, dense
    leader = _leader(compiled, local, found, cues)
    return Explanation(text, annotations, region or leader)


def _matches(
    compiled: Compiled, normal: Normalised, local: list[Entry]
) -> tuple[tuple[Column, Column, Column], bool]:
    """(keys, starts, ends) of the glossary's matches and the document's own terms, and
    whether every automaton used saw the text as it is (``Matcher.verbatim``).

    A document's term is numbered after the glossary's keys.
    """
    keys, starts, ends = compiled.matcher.find_normalised(normal)
    if not local:
        return (keys, starts, ends), compiled.matcher.verbatim
    offset = len(compiled.keys)
    matcher = Matcher([e.term for e in local])
    verbatim = compiled.matcher.verbatim and matcher.verbatim
    found = _merge(
        list(zip(_listed(keys), _listed(starts), _listed(ends), strict=True)),
        [(i + offset, s, e) for i, s, e in matcher.find(normal.text)],
    )
    if not found:
        return ((), (), ()), verbatim
    keys, starts, ends = zip(*found, strict=True)
    return (keys, starts, ends), verbatim


def _reading(
    compiled: Compiled, local: list[Entry], key: int, region: str | None, cues: _Cues
) -> Reading:
    """A key's fixed reading when it has one, else the one chosen for this text."""
    fixed = compiled.facts[key].fixed if key < len(compiled.keys) else None
    return _resolve(compiled, local, key, region, cues) if fixed is None else fixed


def _term(compiled: Compiled, local: list[Entry], key: int) -> str:
    """The string a key stands for: a glossary pattern, or a term the document defines."""
    size = len(compiled.keys)
    return compiled.keys[key] if key < size else local[key - size].term


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
        from glossary._arrays import repeated_surfaces

        return repeated_surfaces(original, arrays, dense)
    surfaces = _spread(terms, dense)
    for i in wider:
        surfaces[i] = original[first[i] : last[i]]
    return surfaces


def _distinct(keys: Column, size: int) -> tuple[list[int], Column]:
    """The distinct keys matched (all below ``size``), in order, and each match's index
    into them."""
    if isinstance(keys, Sequence):  # a short text's tuple
        found = sorted(set(keys))
        index = {key: i for i, key in enumerate(found)}
        return found, tuple(map(index.__getitem__, keys))
    from glossary._arrays import distinct  # an array: counted in numpy

    return distinct(keys, size)


def _spread(values: list[_T], dense: Column) -> list[_T]:
    """Each match's value, from the values of the distinct keys and its index into them."""
    if isinstance(dense, Sequence):  # a short text's tuple
        return list(map(values.__getitem__, dense))
    from glossary._arrays import spread  # an array: gathered in numpy

    return spread(values, dense)


def _listed(values: Column) -> list[int]:
    """A column of offsets as a list, whether it came as an array or a tuple."""
    tolist = getattr(values, "tolist", None)  # numpy arrays convert in one call
    return list(values) if tolist is None else tolist()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of annotations are made.

    They hold no cycles, yet every 700 allocations would trigger a collection pass.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _leader(compiled: Compiled, local: list[Entry], keys: Iterable[int], cues: _Cues) -> str:
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
    compiled: Compiled, local: list[Entry], key: int, region: str | None, cues: _Cues
) -> Reading:
    """The reading of one matched key in this text: entry, chosen sense, the others, why."""
    if key >= len(compiled.keys):
        entry = local[key - len(compiled.keys)]
        others = tuple(s for e in compiled.claimants(entry.term) for s in e.senses)
        return Reading(entry, entry.senses[0], others, "defined in this document")
    candidates = compiled.facts[key].choices  # a key without a fixed reading has several
    entry, sense, reason = _choose(candidates, region, cues)
    return Reading(entry, sense, tuple(s for _, s in candidates if s is not sense), reason)
