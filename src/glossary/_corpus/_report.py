"""What analysts ask of a corpus first, worked out from its tables.

The jargon used most per region and year, the jargon a year brings that no earlier
year of the collection used, the heat map's terms by region, and the jargon nothing
explains. Counts and unexplained rows are read a part at a time; what is kept grows with
the glossary, the regions and the distinct terms, besides a number per document.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Terms per region and year in the report's table, terms of the heat map, and
#: unexplained terms listed.
TOP = 10
HEAT_TERMS = 20
UNEXPLAINED_TOP = 30

Group = tuple[str | None, int | None]  # (region, year); None when a document names none


@dataclass(frozen=True, slots=True)
class Used:
    """A term as a set of documents uses it: how often, and in how many documents."""

    key: str  # the entry's id; for a term a document defines itself, the term (see _key)
    term: str
    count: int
    documents: int


@dataclass(frozen=True, slots=True)
class Unexplained:
    """Jargon-shaped words no explanation covers, as the collection uses them."""

    text: str
    shape: str  # formula, numbered set, programme +
    count: int  # spans
    documents: int
    regions: tuple[str, ...]  # of the documents using it that have one, by name


@dataclass(slots=True)
class Report:
    """Everything the HTML page shows."""

    documents: int = 0
    annotated: int = 0
    annotations: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    groups: dict[Group, int] = field(default_factory=dict)  # documents per (region, year)
    top: dict[Group, list[Used]] = field(default_factory=dict)
    new: dict[int, list[Used]] = field(default_factory=dict)  # year -> terms first used then
    first_year: int | None = None
    regions: list[str | None] = field(default_factory=list)  # heat map columns
    heat_terms: list[Used] = field(default_factory=list)  # heat map rows
    heat: dict[tuple[str, str | None], int] = field(default_factory=dict)
    unexplained: list[Unexplained] = field(default_factory=list)  # the most used
    unexplained_terms: int = 0  # distinct words
    unexplained_spans: int = 0


def build(
    documents: Iterable[dict[str, Any]],
    counts: Iterable[dict[str, Any]],
    unexplained: Iterable[dict[str, Any]] = (),
) -> Report:
    """The report of the rows of the documents, counts and unexplained tables.

    >>> docs = [{"path": "a", "error": None, "region": "甲", "year": 2025, "annotations": 2},
    ...         {"path": "b", "error": None, "region": "甲", "year": 2026, "annotations": 1},
    ...         {"path": "c", "error": "binary file", "region": None, "year": None,
    ...          "annotations": None}]
    >>> counts = [{"path": "a", "region": "甲", "year": 2025, "entry_id": "x", "term": "X",
    ...            "origin": "official", "count": 2},
    ...           {"path": "b", "region": "甲", "year": 2026, "entry_id": "y", "term": "Y",
    ...            "origin": "editorial", "count": 1}]
    >>> r = build(docs, counts)
    >>> r.documents, r.annotated, r.errors, [u.term for u in r.new[2026]]
    (3, 2, [('c', 'binary file')], ['Y'])
    """
    report = Report()
    regions: dict[str | None, str | None] = {}  # by content hash, for the unexplained
    for row in documents:
        report.documents += 1
        if row["error"] is not None:
            report.errors.append((row["path"], row["error"]))
            continue
        report.annotated += 1
        report.annotations += row["annotations"] or 0
        group = (row["region"], row["year"])
        report.groups[group] = report.groups.get(group, 0) + 1
        regions[row.get("sha256")] = row["region"]
    report.errors.sort()
    _tally(report, counts)
    _tally_unexplained(report, unexplained, regions)
    return report


def _tally_unexplained(
    report: Report, rows: Iterable[dict[str, Any]], regions: dict[str | None, str | None]
) -> None:
    """The unexplained words used by the most documents, then most often.

    >>> report = Report()
    >>> rows = [{"sha256": d, "text": t, "shape": "numbered set"}
    ...         for d, t in (("a", "十强"), ("a", "十强"), ("a", "三个一批"), ("b", "三个一批"))]
    >>> _tally_unexplained(report, rows, {"a": "甲", "b": None})
    >>> [(u.text, u.count, u.documents, u.regions) for u in report.unexplained]
    [('三个一批', 2, 2, ('甲',)), ('十强', 2, 1, ('甲',))]
    """
    shapes: dict[str, str] = {}
    uses: Counter[str] = Counter()
    users: dict[str, set[str | None]] = defaultdict(set)  # documents, by content hash
    for row in rows:
        text = row["text"]
        shapes.setdefault(text, row["shape"])
        uses[text] += 1
        users[text].add(row["sha256"])
    ranked = sorted(uses, key=lambda t: (-len(users[t]), -uses[t], t))
    report.unexplained_terms, report.unexplained_spans = len(uses), uses.total()
    for text in ranked[:UNEXPLAINED_TOP]:
        named = sorted({r for d in users[text] if (r := regions.get(d)) is not None})
        report.unexplained.append(
            Unexplained(text, shapes[text], uses[text], len(users[text]), tuple(named))
        )


def _tally(report: Report, counts: Iterable[dict[str, Any]]) -> None:
    terms: dict[str, str] = {}
    by_group: dict[Group, Counter[str]] = defaultdict(Counter)
    docs_by_group: dict[Group, Counter[str]] = defaultdict(Counter)
    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    docs_by_year: dict[int, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for row in counts:
        entry, count, group = _key(row), row["count"], (row["region"], row["year"])
        terms[entry] = row["term"]
        by_group[group][entry] += count
        docs_by_group[group][entry] += 1
        totals[entry] += count
        documents[entry] += 1
        report.heat[(entry, row["region"])] = report.heat.get((entry, row["region"]), 0) + count
        if row["year"] is not None:
            by_year[row["year"]][entry] += count
            docs_by_year[row["year"]][entry] += 1

    def used(entry: str, count: int, docs: int) -> Used:
        return Used(entry, terms[entry], count, docs)

    for group, counter in by_group.items():
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], terms[kv[0]]))[:TOP]
        report.top[group] = [used(e, n, docs_by_group[group][e]) for e, n in ranked]
    report.top = dict(sorted(report.top.items(), key=lambda kv: _group_key(kv[0])))
    years = sorted(by_year)
    report.first_year = years[0] if years else None
    seen: set[str] = set()
    for year in years:
        fresh = [e for e in by_year[year] if e not in seen]
        if year != report.first_year:
            order = sorted(fresh, key=lambda e: (-by_year[year][e], terms[e]))
            report.new[year] = [used(e, by_year[year][e], docs_by_year[year][e]) for e in order]
        seen.update(fresh)
    hot = sorted(totals, key=lambda e: (-totals[e], terms[e]))[:HEAT_TERMS]
    report.heat_terms = [used(e, totals[e], documents[e]) for e in hot]
    regions = {region for region, _ in report.groups}
    report.regions = sorted(regions, key=lambda r: (r is None, r or ""))


def _key(row: dict[str, Any]) -> str:
    """What a counts row is tallied under: its entry, or the term a document defines.

    The entries a document defines itself are numbered within that document alone
    (``document-1``...): across documents only their terms can be told apart.

    >>> _key({"entry_id": "document-1", "term": "纲要", "origin": "document"})
    'document:纲要'
    """
    if row["origin"] == "document":
        return f"document:{row['term']}"
    return str(row["entry_id"])


def _group_key(group: Group) -> tuple[bool, str, int]:
    """Regions by name (documents without one last), then years in order."""
    region, year = group
    return (region is None, region or "", year if year is not None else 10_000)
