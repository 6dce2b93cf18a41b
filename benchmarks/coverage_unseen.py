"""Estimate how much of an unseen report's jargon the glossary explains: leave one report out.

Run from anywhere (it finds the repository from its own path)::

    python benchmarks/coverage_unseen.py                 # the bundled glossary, a table
    python benchmarks/coverage_unseen.py --json
    python benchmarks/coverage_unseen.py --terms OTHER/terms --allow OTHER/terms/allow.txt

For each of the 23 provincial reports of 2026 in tests/fixtures/reports, the glossary
loses every sense whose source is that report (its 名词解释 items and the editorial senses
quoting it; an entry left with no sense goes), and explains the report with what is
left: the national entries and the other regions'. That is what a reader of a report
the glossary was not built from gets, such as the eight provinces' reports kept aside.

A report's jargon is every candidate of ``glossary coverage`` (a quoted span or a bare
formula) that the allow-list does not call plain words. With the whole glossary every
one of them is explained (a test holds the bundled glossary to that); left out, some
are not. The figure counts quoted and formula-shaped jargon only: a policy term a report
writes without quotes (高标准农田) is explained when the glossary has it, but is not
counted here, since nothing tells it from ordinary words. The ``terms`` column counts
those too: the distinct entries that explain something in the report left out.

``--terms DIR`` measures another glossary directory (an older checkout's ``terms/``)
with the engine of this one, for a before-and-after figure; ``--allow`` names the
allow-list to judge jargon by (default: the bundled one).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from glossary import Entry, Glossary
from glossary._coverage.coverage import coverage
from glossary._load.allow import Allowed
from glossary._load.paths import bundled_allow_list

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "fixtures" / "reports"


@dataclass(frozen=True, slots=True)
class Row:
    """One report: its jargon candidates and how many the glossary explains without it."""

    report: str
    jargon: int  # candidates the allow-list does not call plain words
    seen: int  # of those, explained by the whole glossary
    unseen: int  # of those, explained with the report's own senses left out
    terms: int = 0  # distinct entries explained with the report left out, quoted or not

    @property
    def share(self) -> float:
        """The share of the report's jargon explained when the report is left out."""
        return self.unseen / self.jargon if self.jargon else 1.0


def without(entries: Sequence[Entry], document: str) -> list[Entry]:
    """The entries with every sense sourced from ``document`` removed; empty entries go.

    >>> from glossary import Scope, Sense, Source
    >>> own = Sense("x", "x", Scope("甲省", "province"), (2026,), "editorial",
    ...             Source("甲报告", "甲省人民政府", "2026"), usage="用x。")
    >>> other = replace(own, source=Source("乙报告", "乙省人民政府", "2026"))
    >>> entries = [Entry("a", "x", "other", (own,)), Entry("b", "y", "other", (own, other))]
    >>> [(e.id, len(e.senses)) for e in without(entries, "甲报告")]
    [('b', 1)]
    """
    kept = []
    for entry in entries:
        senses = tuple(s for s in entry.senses if not (s.source and s.source.document == document))
        if senses:
            kept.append(replace(entry, senses=senses))
    return kept


def measure(glossary: Glossary, allowed: Allowed) -> list[Row]:
    """One row per report of tests/fixtures/reports, in the index's order."""
    index = json.loads((REPORTS / "index.json").read_text(encoding="utf-8"))
    rows = []
    for report in index["documents"]:
        text = (REPORTS / report["file"]).read_text(encoding="utf-8")
        whole = coverage(glossary.explain(text), allowed)
        left = Glossary(without(glossary.entries, report["document"]), allowed=allowed)
        explained = left.explain(text)
        unseen = coverage(explained, allowed)
        jargon = [f for f in whole if f.status != "allowed"]
        rows.append(
            Row(
                report["file"].removesuffix(".txt"),
                len(jargon),
                sum(f.status == "explained" for f in jargon),
                sum(f.status == "explained" for f in unseen),
                len({a.entry.id for a in explained}),
            )
        )
    return rows


def table(rows: Sequence[Row]) -> str:
    """The rows as a text table, with the pooled and the median share last."""

    def line(r: Row) -> str:
        return (
            f"{r.report:<20} {r.jargon:>6} {r.seen:>6} {r.unseen:>6} {r.share:>6.0%} {r.terms:>6}"
        )

    fields = ("jargon", "seen", "unseen", "terms")
    total = Row("all", *(sum(getattr(r, f) for r in rows) for f in fields))
    shares = sorted(r.share for r in rows)
    return "\n".join(
        [
            f"{'report':<20} {'jargon':>6} {'seen':>6} {'unseen':>6} {'share':>6} {'terms':>6}",
            *map(line, rows),
            line(total),
            f"median share of a report's jargon explained unseen: {shares[len(shares) // 2]:.0%}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, measure, print the table or JSON."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--terms", metavar="DIR", help="a glossary directory (default: bundled)")
    parser.add_argument("--allow", metavar="FILE", help="the allow-list (default: bundled)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    allowed = Allowed.load([Path(args.allow) if args.allow else bundled_allow_list()])
    base = Glossary.from_paths(args.terms, bundled=False) if args.terms else Glossary.default()
    rows = measure(Glossary(base.entries, allowed=allowed), allowed)
    if args.json:
        out: list[dict[str, Any]] = [
            {
                "report": r.report,
                "jargon": r.jargon,
                "seen": r.seen,
                "unseen": r.unseen,
                "terms": r.terms,
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
