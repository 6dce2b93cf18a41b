"""The corpus report as one standalone HTML page: inline CSS, an inline SVG heat map.

Nothing is fetched when the page is viewed (no script, font or image from elsewhere),
so that it can be mailed, archived or opened offline.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

from glossary._corpus._report import HEAT_TERMS, TOP, Report, Used, build

_CELL_W, _CELL_H = 28, 20  # heat map cell, in pixels
_LABEL_W_PER_CHAR = 13  # a 12-pixel ideograph and a little room
_HEADER_H = 120  # room for the region names, written slanted above the columns
_LOW, _HIGH = (254, 231, 214), (154, 52, 18)  # colours of the least and the most use
_EMPTY = "#f3f4f6"

_STYLE = """
body { font: 14px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif;
       margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1f2937; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #e5e7eb; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { text-align: left; padding: 0.25rem 0.6rem; border-bottom: 1px solid #e5e7eb;
         vertical-align: top; }
th { background: #f9fafb; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td:first-child { white-space: nowrap; }
.term { white-space: nowrap; }
.sep { color: #9ca3af; }
.count { color: #6b7280; font-size: 0.85em; }
.note { color: #6b7280; }
svg text { font: 12px system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; }
svg .value { font-size: 10px; text-anchor: middle; }
"""


def render(report: Report, title: str = "Corpus report") -> str:
    """The whole page for ``report``.

    >>> from glossary._corpus._report import build
    >>> page = render(build([], []))
    >>> page.startswith("<!DOCTYPE html>"), "src=" in page or "href=" in page
    (True, False)
    """
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        '<head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        _summary(report),
        _heat_section(report),
        _top_section(report),
        _new_section(report),
        _unexplained_section(report),
        _errors_section(report),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(report: Report) -> str:
    years = sorted({y for _, y in report.groups if y is not None})
    span = "no year found"
    if years:
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    regions = len({r for r, _ in report.groups if r is not None})
    return (
        f'<p id="summary">{report.documents:,} documents: {report.annotated:,} annotated, '
        f"{len(report.errors):,} could not be read. {report.annotations:,} annotations; "
        f"{regions:,} regions; {span}.</p>"
    )


def _region(region: str | None) -> str:
    return escape(region) if region is not None else "unknown region"


def _year(year: int | None) -> str:
    return str(year) if year is not None else "unknown year"


def _heat_section(report: Report) -> str:
    if not report.heat_terms:
        return '<section id="heatmap"><h2>Jargon by region</h2><p>No annotations.</p></section>'
    return (
        '<section id="heatmap"><h2>Jargon by region</h2>'
        f'<p class="note">The {len(report.heat_terms)} terms used most in the collection '
        f"(at most {HEAT_TERMS}), and how often the documents of each region use them. "
        "Darker is more.</p>"
        f"{heat_map(report)}</section>"
    )


def heat_map(report: Report) -> str:
    """The SVG heat map: a row per term, a column per region, a cell for each pair.

    >>> from glossary._corpus._report import build
    >>> docs = [{"path": "a", "error": None, "region": "甲", "year": 2026, "annotations": 1}]
    >>> counts = [{"path": "a", "region": "甲", "year": 2026, "entry_id": "x", "term": "X",
    ...            "origin": "editorial", "count": 3}]
    >>> svg = heat_map(build(docs, counts))
    >>> svg.count('class="cell"'), 'data-count="3"' in svg
    (1, True)
    """
    terms, regions = report.heat_terms, report.regions
    label_w = 16 + _LABEL_W_PER_CHAR * max(len(u.term) for u in terms)
    width = label_w + _CELL_W * len(regions) + 16
    height = _HEADER_H + _CELL_H * len(terms) + 8
    most = max(report.heat.values(), default=1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Jargon by region: how often each region's documents use each term</title>",
    ]
    for col, region in enumerate(regions):
        x, y = label_w + col * _CELL_W + _CELL_W // 2, _HEADER_H - 6
        out.append(
            f'<text class="region" x="{x}" y="{y}" transform="rotate(-60 {x} {y})">'
            f"{_region(region)}</text>"
        )
    for row, used in enumerate(terms):
        y = _HEADER_H + row * _CELL_H
        out.append(
            f'<text class="term-label" x="{label_w - 8}" y="{y + 14}" '
            f'text-anchor="end">{escape(used.term)}</text>'
        )
        for col, region in enumerate(regions):
            out.append(_cell(used, region, label_w + col * _CELL_W, y, report, most))
    out.append("</svg>")
    return "\n".join(out)


def _cell(used: Used, region: str | None, x: int, y: int, report: Report, most: int) -> str:
    count = report.heat.get((used.key, region), 0)
    fill, ink = _colour(count, most)
    value = (
        f'<text class="value" x="{x + _CELL_W // 2}" y="{y + 14}" fill="{ink}">{count}</text>'
        if count
        else ""
    )
    return (
        f'<rect class="cell" x="{x}" y="{y}" width="{_CELL_W - 2}" height="{_CELL_H - 2}" '
        f'fill="{fill}" data-entry="{escape(used.key)}" data-term="{escape(used.term)}" '
        f'data-region="{_region(region)}" '
        f'data-count="{count}"><title>{escape(used.term)} · {_region(region)}: {count}'
        f"</title></rect>{value}"
    )


def _colour(count: int, most: int) -> tuple[str, str]:
    """The fill of a cell, and the colour its number is written in.

    >>> _colour(0, 9), _colour(9, 9)
    (('#f3f4f6', '#1f2937'), ('#9a3412', '#ffffff'))
    """
    if count <= 0:
        return _EMPTY, "#1f2937"
    share = math.sqrt(count / most)  # a square root keeps the rare uses visible
    rgb = (round(lo + (hi - lo) * share) for lo, hi in zip(_LOW, _HIGH, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*rgb), "#ffffff" if share > 0.55 else "#1f2937"


def _terms(used: list[Used]) -> str:
    spans = (
        f'<span class="term">{escape(u.term)} <span class="count">×{u.count}</span></span>'
        for u in used
    )
    sep = '<span class="sep"> · </span>'  # a space on each side: where a line may break
    return f'<td class="terms">{sep.join(spans)}</td>'


def _top_section(report: Report) -> str:
    rows = [
        f"<tr><td>{_region(region)}</td><td>{_year(year)}</td>"
        f'<td class="n">{report.groups.get((region, year), 0)}</td>{_terms(used)}</tr>'
        for (region, year), used in report.top.items()
    ]
    return (
        '<section id="top"><h2>Jargon used most per region and year</h2>'
        f'<p class="note">The {TOP} terms used most by the documents of each region and '
        "year (region: the one the text names most often among its terms' regions; year: "
        "the document's own heading), with how often they are used.</p>"
        "<table><thead><tr><th>Region</th><th>Year</th><th>Documents</th>"
        f"<th>Most used</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _new_section(report: Report) -> str:
    head = '<section id="new"><h2>Jargon new in a year</h2>'
    if not report.new:
        year = report.first_year
        only = f"one year ({year})" if year is not None else "no year"
        return (
            f"{head}<p>The collection covers {only}: there is no earlier year to compare "
            "with.</p></section>"
        )
    rows = [
        f'<tr><td>{year}</td><td class="n">{len(used)}</td>{_terms(used)}</tr>'
        for year, used in report.new.items()
    ]
    return (
        f'{head}<p class="note">Terms the documents of a year use that no document of an '
        f"earlier year of the collection uses (the first year, {report.first_year}, is "
        "where the comparison starts).</p><table><thead><tr><th>Year</th><th>New terms</th>"
        f"<th>Terms</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _unexplained_section(report: Report) -> str:
    head = '<section id="unexplained"><h2>Jargon the glossary cannot explain</h2>'
    if not report.unexplained:
        return (
            f"{head}<p>None: every formula, numbered set and programme name of the "
            "collection is explained by the glossary, by the document itself or by the "
            "allow-list.</p></section>"
        )
    rows = [
        f'<tr><td class="term">{escape(u.text)}</td><td>{escape(u.shape)}</td>'
        f'<td class="n">{u.documents}</td><td class="n">{len(u.regions)}</td>'
        f'<td class="n">{u.count}</td><td class="regions">{_regions(u.regions)}</td></tr>'
        for u in report.unexplained
    ]
    return (
        f'{head}<p class="note">Words shaped like jargon (formulas, numbered sets, '
        "programme names ending in + or ×) that neither the glossary, the document's own "
        f"explanations nor the allow-list explain: {report.unexplained_terms:,} distinct "
        f"words in {report.unexplained_spans:,} places. The {len(rows)} used by the most "
        "documents, then most often; candidates for the glossary.</p>"
        "<table><thead><tr><th>Words</th><th>Shape</th><th>Documents</th><th>Regions</th>"
        f"<th>Uses</th><th>Where</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</section>"
    )


def _regions(names: tuple[str, ...], shown: int = 3) -> str:
    """The first regions by name, and how many more.

    >>> _regions(("甲", "乙", "丙", "丁", "戊")), _regions(())
    ('甲、乙、丙 <span class="count">and 2 more</span>', '')
    """
    listed = "、".join(escape(n) for n in names[:shown])
    more = len(names) - shown
    return f'{listed} <span class="count">and {more} more</span>' if more > 0 else listed


def _errors_section(report: Report) -> str:
    head = '<section id="errors"><h2>Documents that could not be read</h2>'
    if not report.errors:
        return f"{head}<p>None.</p></section>"
    rows = [
        f"<tr><td>{escape(path)}</td><td>{escape(reason)}</td></tr>"
        for path, reason in report.errors
    ]
    return (
        f"{head}<table><thead><tr><th>Document</th><th>Why</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def write_report(out: str | Path, target: str | Path | None = None) -> Path:
    """Write the HTML report of the tables in ``out`` to ``target`` (default: out/report.html).

    Raises ``InputError`` when ``out`` holds no tables or ``target`` cannot be written.
    """
    import os

    from glossary._corpus._store import has_tables, iter_rows, read_documents
    from glossary._model.errors import InputError

    out = Path(out)
    if not has_tables(out):
        raise InputError(f"{out}: holds no corpus tables (no documents/part-*.parquet)")
    columns = ["path", "sha256", "error", "region", "year", "annotations"]
    report = build(
        read_documents(out, columns), iter_rows(out, "counts"), iter_rows(out, "unexplained")
    )
    page = render(report, f"Corpus report: {out.resolve().name}")
    path = Path(target) if target is not None else out / "report.html"
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(page, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return path
