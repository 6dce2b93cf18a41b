"""Extraction of the glossary section (名词解释) of a Chinese government report.

Reports often end with a section that defines their jargon, item by item::

    有关名词解释

    1. “1+1+10+N”经济运行调度机制: 2022年5月,区委区政府建立了……

``extract`` finds that section and returns its items; ``curate.items_to_entries`` turns
them into entry dicts in the glossary file format (docs/format.md) for a curator to
finish. How the section and its items are recognised is described in docs/extract.md:
what a line is (heading, page furniture, item marker) is ``lines.py``'s, how an item
splits into term and definition ``items.py``'s, and finding the section and walking its
items is this module's.

The text is processed line by line: a report has a few thousand lines at most, and every
per-line step is a handful of anchored regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossary._extract.explainer import explainers
from glossary._extract.items import (
    COMPLETE,
    DISCOURSE,
    Item,
    defines,
    first_colon,
    is_term,
    join,
    lead,
    make_item,
    unquote,
)
from glossary._extract.lines import (
    PAGE_NUMBER,
    Marker,
    ends_section,
    heading_kind,
    read_marker,
    running_headers,
)

# --- the section ------------------------------------------------------------------------

_INTRO_LINES = 3  # lines allowed between a heading and the first item ("以下按出现顺序排列")
# As editors see them: CR LF, CR, LF, and the vertical tab, U+2028 and U+2029 that text
# pasted from a word processor brings.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\u2028\u2029]")


_RUN = 3  # items in a row that are unmistakably definitions: a glossary without a heading
_WEAK_RUN = 2  # the same, under a heading that may head other notes (说明, 附注)


def _opens_item(rest: str, *, strict: bool) -> bool:
    """Tell whether the text after a marker looks like an item: a term, then a colon.

    A term followed by its lead word (“双一流”是指…) needs no colon. Without ``strict``
    a short colon-less line is accepted too: the term stands alone on its line and the
    definition follows on the next.
    """
    colon = first_colon(rest)
    if colon >= 0 and is_term(rest[:colon].strip(" *")):
        return True
    if lead(rest) > 0:
        return True
    return colon < 0 and not strict and is_term(rest.strip(" *"), 30)


def _read_marker(lines: Sequence[str], index: int, style: str | None) -> tuple[Marker, int] | None:
    """Read the marker of line ``index`` and where the item's body starts.

    A marker alone on its line ("1." above "“双一流”：指…", as PDF conversion leaves it)
    takes the next non-blank line as the rest of the item's first line.
    """
    marker = read_marker(lines[index], style)
    if marker is None or marker.rest:
        return None if marker is None else (marker, index + 1)
    following = next((j for j in range(index + 1, len(lines)) if lines[j]), None)
    if following is None or read_marker(lines[following]) is not None:
        return None
    return Marker(marker.style, marker.number, lines[following]), following + 1


def _first_marker(lines: Sequence[str], begin: int) -> tuple[int, Marker, int] | None:
    """Find item 1 among the first few non-blank lines after a heading."""
    seen = 0
    for index in range(begin, len(lines)):
        line = lines[index]
        if not line:
            continue
        if seen == _INTRO_LINES or ends_section(line):
            return None
        found = _read_marker(lines, index, None)
        if found and found[0].number == 1 and _opens_item(found[0].rest, strict=False):
            return index, *found
        seen += 1
    return None


def _tail(first: str, body: Sequence[str]) -> list[str]:
    """Cut the lines after the last item where its definition ends.

    A line continues an unfinished sentence. After a finished one, a line is kept only
    when it opens prose: the rest of its paragraph is a sentence of some length, ending
    as sentences do. Menus, bylines, links and spam lines end the definition even when
    no furniture word gives them away.
    """
    kept: list[str] = []
    last = first
    for index, line in enumerate(body):
        if not line:
            kept.append(line)
            continue
        if COMPLETE.search(last):
            end = next((j for j in range(index, len(body)) if not body[j]), len(body))
            text = join(body[index:end])
            if len(text) < 20 or not COMPLETE.search(text):
                break
        kept.append(line)
        last = line
    return kept


Start = tuple[int, Marker, int]  # an item's line, its marker, where its body starts


def _numbered(lines: Sequence[str], begin: int, skip: frozenset[str]) -> tuple[Item, ...]:
    """Read a numbered section whose item 1 follows a heading closely."""
    first = _first_marker(lines, begin)
    return () if first is None else _items(lines, *_starts(lines, first, skip), skip)


def _starts(lines: Sequence[str], first: Start, skip: frozenset[str]) -> tuple[list[Start], int]:
    """Find where each item of a numbered section starts from item 1, and where it stops.

    A marker opens an item only in the style of item 1, with the next number (a gap of up
    to two missing numbers is tolerated when a colon or a lead word confirms the item) and
    the shape of a term; anything else ("2.8亿度以上", "(1)" inside a definition) continues
    the definition. Lines in ``skip`` (running headers) are passed over.
    """
    starts = [first]
    style = first[1].style
    stop = len(lines)
    for index in range(first[2], len(lines)):
        line = lines[index]
        if not line or index < starts[-1][2] or line in skip:
            continue
        if ends_section(line):
            stop = index
            break
        found = _read_marker(lines, index, style)
        if found is None:
            continue
        marker, body_start = found
        expected = starts[-1][1].number + 1
        if (marker.number == expected and _opens_item(marker.rest, strict=False)) or (
            expected < marker.number <= expected + 2 and _opens_item(marker.rest, strict=True)
        ):
            starts.append((index, marker, body_start))
    return starts, stop


def _items(
    lines: Sequence[str], starts: Sequence[Start], stop: int, skip: frozenset[str]
) -> tuple[Item, ...]:
    """Make the items of a numbered section, each up to the next item or ``stop``."""
    items = []
    for position, (index, marker, body_start) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else stop
        body = [
            line
            for line in lines[body_start:end]
            if not PAGE_NUMBER.fullmatch(line) and line not in skip
        ]
        if position + 1 == len(starts):
            body = _tail(marker.rest, body)
        items.append(make_item(marker.number, marker.rest, body, index + 1))
    return tuple(items)


def _streak(items: Sequence[Item]) -> int:
    """The longest run of items in a row that unmistakably define their terms.

    >>> _streak([Item(1, "甲", "指甲。", 1), Item(2, "乙", "乙。", 2), Item(3, "丙", "即丙。", 3)])
    1
    """
    longest = current = 0
    for item in items:
        current = current + 1 if defines(item) else 0
        longest = max(longest, current)
    return longest


def _headingless(lines: Sequence[str], skip: frozenset[str]) -> tuple[Item, ...]:
    """Find the longest numbered section that needs no heading to be seen as a glossary.

    It starts at an item 1 and holds at least ``_RUN`` items in a row of the form
    ``N.term：是指/指/即/是…`` (or the same without the colon). A list of projects
    ("1.新建中小学10所") or a body whose terms carry footnote marks is no such section.
    """
    best: tuple[Item, ...] = ()
    for index, line in enumerate(lines):
        found = _read_marker(lines, index, None) if line else None
        if found is None or found[0].number != 1 or not _opens_item(found[0].rest, strict=False):
            continue
        starts, stop = _starts(lines, (index, *found), skip)
        if len(starts) <= len(best) or _streak(_heads(lines, starts, skip)) < _RUN:
            continue  # cheap checks first: the items' bodies may run to the end of the text
        best = _items(lines, starts, stop, skip)
    return best


def _heads(lines: Sequence[str], starts: Sequence[Start], skip: frozenset[str]) -> list[Item]:
    """The items of ``starts`` with two lines of body at most: enough to see how they open."""
    heads = []
    for position, (index, marker, body) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        near = [x for x in lines[body : min(body + 6, end)] if x and x not in skip]
        near = [x for x in near if not PAGE_NUMBER.fullmatch(x)][:2]
        heads.append(make_item(marker.number, marker.rest, near, index + 1))
    return heads


# Bullets of an unnumbered list; they belong to the layout, not to the term.
_BULLET = re.compile(r"[•·●○◆◇■□▪▶►]\s*|[-–—]+\s+")


def _opens_unnumbered(line: str) -> bool:
    """Tell whether a line opens an unnumbered item: a short term, then a colon or 是指….

    >>> _opens_unnumbered("GEP核算：指生态系统生产总值核算。"), _opens_unnumbered("其中：A。")
    (True, False)
    >>> _opens_unnumbered("“双碳”是指碳达峰与碳中和。")
    True
    """
    colon = first_colon(line)
    end = colon if colon > 0 and is_term(line[:colon].strip(" *"), 30) else lead(line)
    term = unquote(line[:end]) if end > 0 else ""
    return is_term(term, 30) and DISCOURSE.fullmatch(term) is None


def _unnumbered(lines: Sequence[str], begin: int, skip: frozenset[str]) -> tuple[Item, ...]:
    """Read an unnumbered section: each item is a ``term：definition`` paragraph.

    A new item may open only where the previous one is finished (a complete sentence) or
    still empty (an introduction such as "以下名词解释如下："). The section ends at a
    paragraph that opens no item after a finished one, at furniture or at a heading.
    """
    found: list[tuple[int, str, list[str]]] = []
    intro = 0
    gap = False
    for index in range(begin, len(lines)):
        line = lines[index]
        if line in skip or PAGE_NUMBER.fullmatch(line):
            continue
        if not line:
            gap = bool(found)
            if found:
                found[-1][2].append("")
            continue
        if ends_section(line):
            break
        current = found[-1] if found else None
        last = (
            next((piece for piece in reversed(current[2]) if piece), current[1]) if current else ""
        )
        finished = current is None or COMPLETE.search(last) is not None
        # An item with nothing after its colon yet: an introduction ("本报告涉及的名词：")
        # or a term whose definition starts below; either way the next item may open.
        empty = current is not None and not any(current[2]) and first_colon(last) == len(last) - 1
        bullet = _BULLET.match(line)
        bare = line[bullet.end() :] if bullet else line
        if _opens_unnumbered(bare) and (finished or empty):
            found.append((index, bare, []))
        elif current is not None and (not gap or not finished):
            current[2].append(line)
        elif current is None and intro < _INTRO_LINES:
            intro += 1
        else:
            break
        gap = False
    items = (make_item(None, first, body, index + 1) for index, first, body in found)
    return tuple(item for item in items if item.definition)


def _lines(text: str) -> list[str]:
    return [line.strip().strip("\ufeff\u200b") for line in _LINE_BREAK.split(text)]


def _headed(lines: Sequence[str], skip: frozenset[str]) -> tuple[Item, ...]:
    """Read the section under every glossary heading; the one with the most items wins.

    The later one wins on a tie, since glossaries close their reports. Under a weak
    heading (说明, 附注) a section counts only with ``_WEAK_RUN`` unmistakable items in
    a row.
    """
    best: tuple[Item, ...] = ()
    for index, line in enumerate(lines):
        kind = heading_kind(line) if line else None
        if kind is None:
            continue
        numbered = _numbered(lines, index + 1, skip)
        unnumbered = _unnumbered(lines, index + 1, skip)
        items = numbered if len(numbered) >= len(unnumbered) else unnumbered
        if kind == "weak" and _streak(items) < _WEAK_RUN:
            continue
        if items and len(items) >= len(best):
            best = items
    return best


def extract(text: str) -> tuple[Item, ...]:
    """Find the glossary section (名词解释) of a report and return its items.

    The section is found under a glossary heading, or without one as a numbered run of
    unmistakable definitions, or as a newspaper's explainers (a term alone on its line,
    then its meaning). The reading with the most items wins; a headed one on a tie. A
    text without a glossary section gives ``()``.

    >>> text = "……正文。\\n\\n有关名词解释\\n\\n1.“双一流”：指一流大学和一流学科。\\n\\n编辑：张三"
    >>> extract(text)
    (Item(number=1, term='双一流', definition='指一流大学和一流学科。', line=5),)
    >>> extract("没有名词解释的报告。")
    ()
    """
    lines = _lines(text)
    skip = running_headers(lines)
    best = _headed(lines, skip)
    for items in (_headingless(lines, skip), explainers(lines, skip)):
        if len(items) > len(best):
            best = items
    return best
