"""The corpus report: its figures from the tables, and the page as headless Chromium shows it.

``python tests/test_corpus_report.py`` refreshes docs/images/corpus-report.png, the
screenshot docs/commands/corpus.md shows, from the same tables and browser.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import Browser, sync_playwright

from browser import CHROMIUM, FLAGS
from glossary import Glossary
from glossary._corpus._html import write_report
from glossary._corpus._report import HEAT_TERMS, Report, build
from glossary._corpus._rows import Item, annotate, levels_of
from glossary._corpus._store import Store, batch_of

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "fixtures" / "reports"
LONGGANG = ROOT / "tests" / "fixtures" / "seeds" / "longgang-2023-work-report.txt"
SCREENSHOT = ROOT / "docs" / "images" / "corpus-report.png"


def top_term(path: Path) -> str:
    """The term explain() finds most often in a report, ties by term: the page's first."""
    text = path.read_text(encoding="utf-8")
    counted = Counter(a.entry.term for a in Glossary.default().explain(text))
    return min(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def write_tables(out: Path) -> None:
    """The tables of the 23 reports of 2026, Longgang's of 2023 and a binary file."""
    glossary = Glossary.default()
    levels = levels_of(glossary)
    store = Store(out)
    for path in [*sorted(REPORTS.glob("*.txt")), LONGGANG]:
        raw = path.read_bytes()
        store.add(batch_of([annotate(Item(path.name, path.stem, raw), glossary, levels)]))
    store.add(batch_of([annotate(Item("scan.txt", "scan", b"\x00\x01\x02"), glossary, levels)]))
    store.finish()


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    write_tables(out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def counts(tables: Path) -> list[dict[str, Any]]:
    return pq.read_table(tables / "counts").to_pylist()


def table(tables: Path, name: str) -> list[dict[str, Any]]:
    return pq.read_table(tables / name).to_pylist()


def report_of(tables: Path) -> Report:
    return build(table(tables, "documents"), counts(tables), table(tables, "unexplained"))


def test_the_figures_come_from_the_counts(tables: Path) -> None:
    documents = pq.read_table(tables / "documents").to_pylist()
    report = build(documents, counts(tables))
    assert (report.documents, report.annotated) == (25, 24)
    assert report.errors == [("scan.txt", "binary file (NUL byte at offset 0)")]
    assert len(report.regions) == 24  # 23 provinces and Longgang
    totals = Counter[str]()
    for row in counts(tables):
        totals[row["term"]] += row["count"]
    hottest = [term for term, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    assert [u.term for u in report.heat_terms] == hottest[:HEAT_TERMS]
    # New in 2026: used in a 2026 report and not in Longgang's of 2023.
    used_2023 = {r["term"] for r in counts(tables) if r["year"] == 2023}
    used_2026 = {r["term"] for r in counts(tables) if r["year"] == 2026}
    assert report.first_year == 2023
    assert {u.term for u in report.new[2026]} == used_2026 - used_2023
    guangdong = report.top[("广东省", 2026)]
    assert guangdong[0].term == top_term(REPORTS / "guangdong-2026.txt")


def test_the_unexplained_jargon_comes_from_its_table(tables: Path) -> None:
    report = report_of(tables)
    spans = table(tables, "unexplained")
    # The 2026 reports leave nothing unexplained; Longgang's of 2023 names programmes
    # the glossary does not hold.
    assert {row["path"] for row in spans} == {LONGGANG.name}
    assert report.unexplained_spans == len(spans)
    assert report.unexplained_terms == len({row["text"] for row in spans})
    by_text = {u.text: u for u in report.unexplained}
    helpers = by_text["万名干部助企行"]
    assert (helpers.shape, helpers.count, helpers.documents) == ("numbered set", 2, 1)
    assert helpers.regions == ("深圳市龙岗区",)
    assert report.unexplained[0] == helpers  # the most used comes first


def test_the_page_in_headless_chromium(tables: Path, browser: Browser, tmp_path: Path) -> None:
    page_path = write_report(tables, tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_path.as_uri())
    assert requests == [page_path.as_uri()]  # nothing else is fetched
    report = report_of(tables)
    cells = page.locator("#heatmap svg rect.cell")
    assert cells.count() == len(report.heat_terms) * len(report.regions) == HEAT_TERMS * 24
    by_pair = Counter[tuple[str, str]]()
    for row in counts(tables):
        by_pair[(row["entry_id"], row["region"])] += row["count"]
    shown = cells.evaluate_all(
        "cells => cells.map(c => [c.dataset.entry, c.dataset.region, +c.dataset.count])"
    )
    assert all(count == by_pair[(entry, region)] for entry, region, count in shown)
    assert {(entry, region) for entry, region, _ in shown} == {
        (u.key, r) for u in report.heat_terms for r in report.regions
    }
    guangdong = page.locator("#top tr", has_text="广东省")
    top = top_term(REPORTS / "guangdong-2026.txt")
    assert guangdong.locator(".term").first.inner_text().startswith(top)
    assert page.locator("#new .term", has_text="十五五").count() == 1
    assert page.locator("#new .term", has_text="双区驱动").count() == 0  # used in 2023
    unexplained = page.locator("#unexplained tbody tr", has_text="万名干部助企行")
    assert unexplained.locator("td").all_inner_texts() == [
        "万名干部助企行",
        "numbered set",
        "1",
        "1",
        "2",
        "深圳市龙岗区",
    ]
    assert page.locator("#unexplained tbody tr").count() == len(report.unexplained)
    assert page.locator("#errors td", has_text="scan.txt").count() == 1
    # Laid out as meant: the heat map is as wide as its cells, not squeezed.
    box = page.locator("#heatmap svg").bounding_box()
    assert box is not None
    assert box["width"] > 28 * 24
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))  # the viewport: a full page takes Chromium 20 s here
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.close()


def refresh_screenshot() -> None:
    """Write docs/images/corpus-report.png: the page's top, as the docs show it."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        tables = Path(scratch, "provincial-reports")  # the page is titled after it
        write_tables(tables)
        page_path = write_report(tables, tables / "report.html")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = chromium.new_page(viewport={"width": 1100, "height": 1400})
        page.goto(page_path.as_uri())
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        chromium.close()


if __name__ == "__main__":
    refresh_screenshot()
    sys.exit(0)
