"""What the chat and ``glossary lookup`` say about entries, passages and near misses.

Each function returns ``layout.Line``s: styled, unwrapped lines that ``layout.render``
wraps for the terminal and ``layout.plain`` flattens for tests. The glossary's Chinese
(expansions, definitions, sources) is written in the script the user asked in, as the
renderers of ``Explanation`` do; labels are English, like the rest of the command line.
In ``lang`` ``en`` an answer leads with the English gloss, and a passage is explained
with it (``Explanation.render(style, lang)``); ``zh`` and ``both`` lead with the Chinese
and give the gloss after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from glossary._render.wording import meaning
from glossary_cli.layout import Line
from glossary_cli.regions import sense_order

if TYPE_CHECKING:
    from glossary import (
        Annotation,
        Entry,
        Explanation,
        Glossary,
        Lang,
        Script,
        SearchHit,
        Sense,
        Style,
    )

Convert = Callable[[str], str]

_INDENT = 2
_MARGIN = re.compile(r" *(?:\[\d+\] )?")
_META_LIMIT = 40


def converter(script: Script) -> Convert:
    """A function writing the glossary's Simplified text in ``script``.

    >>> converter("traditional")("粤港澳大湾区"), converter("simplified")("双区")
    ('粵港澳大灣區', '双区')
    """
    if script == "simplified":
        return str
    from glossary._normalise.script import to_script

    return lambda text: to_script(text, script)


def years(values: Sequence[int]) -> str:
    """Years as a reader writes them: a run as a range, gaps with commas.

    >>> years((2022, 2023)), years((2021, 2023)), years((2019, 2020, 2021, 2023)), years(())
    ('2022–2023', '2021, 2023', '2019–2021, 2023', '')
    """
    runs: list[list[int]] = []
    for year in sorted(values):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def ordered_senses(entry: Entry, region: str) -> tuple[Sense, ...]:
    """The entry's senses, the one ``explain`` would choose for ``region`` first."""
    return tuple(sorted(entry.senses, key=lambda s: sense_order(s, region)))


def ordered_entries(entries: Iterable[Entry], region: str) -> tuple[Entry, ...]:
    """Entries with a sense of ``region`` first (several entries may claim one surface)."""
    return tuple(sorted(entries, key=lambda e: min(sense_order(s, region) for s in e.senses)))


def scope_text(sense: Sense, tr: Convert = str) -> str:
    """Where and when a sense applies: region, level and years, in one phrase."""
    parts = []
    if sense.scope is not None:
        parts.append(f"{tr(sense.scope.region)} ({sense.scope.level})")
    if sense.years:
        parts.append(years(sense.years))
    said = ", ".join(parts) or "defined by the text itself"
    if sense.scope is not None and sense.scope.confined:
        said += "; explained only in texts about it"
    return said


#: How a reader is told where a definition comes from.
_ORIGIN_WORDS = {
    "official": "official definition",
    "published": "published explanation",
    "editorial": "editorial, not official",
}


def source_text(sense: Sense, tr: Convert = str) -> str:
    """Where a sense comes from, in one line: document, issuer, date, item and origin."""
    source = sense.source
    if source is None:
        return "the text itself" if sense.origin == "document" else "not recorded"
    title = source.document if source.document.startswith("《") else f"《{source.document}》"
    parts = [tr(title), tr(source.issuer), source.date]
    if source.item is not None:
        parts.append(f"glossary item {source.item}")
    origin = _ORIGIN_WORDS.get(sense.origin, "editorial, not official")
    return f"{', '.join(p for p in parts if p)} ({origin})"


def entry_lines(
    entry: Entry,
    glossary: Glossary | None,
    *,
    region: str = "",
    tr: Convert = str,
    lang: Lang = "zh",
) -> list[Line]:
    """Everything a reader wants about an entry: meaning, source, other senses, relatives."""
    first, *others = ordered_senses(entry, region)
    lines = [Line.of(("term", tr(entry.term)), "  ", ("meta", entry.kind))]
    elsewhere = region_caveat(first, region)
    if elsewhere:  # /region 龙岗, and the first sense is Luohu's: say so before it
        lines.append(Line.of(("warn", elsewhere), indent=_INDENT, hang=_INDENT))
    lines += sense_lines(first, tr, lang)
    if len(entry.variants):
        also = "、".join(tr(v) for v in entry.variants)
        lines.append(Line.of(("label", "also written: "), also, indent=_INDENT, hang=_INDENT * 2))
    if others:
        lines.append(Line.of(("label", "other senses:"), indent=_INDENT))
        for sense in others:
            lines.append(
                Line.of(
                    ("meta", scope_text(sense, tr)),
                    ": ",
                    meaning(tr(sense.expansion), sense.gloss, lang),
                    indent=_INDENT * 2,
                    hang=_INDENT * 3,
                )
            )
    related = related_text(entry, glossary, tr)
    if related:
        lines.append(Line.of(("label", "related: "), related, indent=_INDENT, hang=_INDENT * 2))
    return lines


def region_caveat(sense: Sense, region: str) -> str:
    """Whose sense this is, when ``region`` is chosen and the sense applies elsewhere; or "".

    >>> from glossary import Glossary
    >>> sense = Glossary.default().get("luohu-1-10-n").senses[0]
    >>> region_caveat(sense, "深圳市龙岗区")
    'sense of 深圳市罗湖区; the glossary has none for 深圳市龙岗区'
    >>> region_caveat(sense, "深圳市罗湖区"), region_caveat(sense, "")
    ('', '')
    """
    from glossary._model.regions import holds

    if not region or sense.scope is None or holds(sense, region):
        return ""
    return f"sense of {sense.scope.region}; the glossary has none for {region}"


def sense_lines(sense: Sense, tr: Convert = str, lang: Lang = "zh") -> list[Line]:
    """The expansion, definition, English gloss, usage, source and scope of one sense.

    In ``en`` the gloss comes first, in place of the ``English:`` line.
    """
    lines = []
    if lang == "en":
        lines.append(
            Line.of(("mark", meaning("", sense.gloss, "en")), indent=_INDENT, hang=_INDENT)
        )
    expansion = ("", tr(sense.expansion)) if lang == "en" else ("mark", tr(sense.expansion))
    lines.append(Line.of(expansion, indent=_INDENT, hang=_INDENT))
    definition = tr(sense.definition.strip())
    if definition and definition != tr(sense.expansion):
        lines.append(Line.of(definition, indent=_INDENT, hang=_INDENT))
    if sense.gloss and lang != "en":
        lines.append(Line.of(("label", "English: "), sense.gloss, indent=_INDENT, hang=_INDENT * 2))
    if sense.usage:
        lines.append(
            Line.of(
                ("label", "used in: "), f"“{tr(sense.usage)}”", indent=_INDENT, hang=_INDENT * 2
            )
        )
    lines.append(
        Line.of(("label", "source: "), source_text(sense, tr), indent=_INDENT, hang=_INDENT * 2)
    )
    lines.append(Line.of(("label", "scope: "), scope_text(sense, tr), indent=_INDENT))
    return lines


def related_text(entry: Entry, glossary: Glossary | None, tr: Convert = str) -> str:
    """The related entries by term, with their expansions; unknown ids by id."""
    parts = []
    for entry_id in entry.related:
        other = glossary.get(entry_id) if glossary is not None else None
        if other is None:
            parts.append(entry_id)
        else:
            parts.append(f"{tr(other.term)}（{short(tr(other.senses[0].expansion))}）")
    return "; ".join(parts)


def short(text: str, limit: int = _META_LIMIT) -> str:
    """Cut ``text`` to ``limit`` characters on one line, marking the cut with an ellipsis.

    >>> short("一二三四五", 3), short("一二三", 3)
    ('一二…', '一二三')
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def found_lines(explanation: Explanation, tr: Convert = str, lang: Lang = "zh") -> list[Line]:
    """The distinct terms of an explained text, each with the sense chosen for it.

    A sense that is a region's the text is not about is followed by the caveat
    (``Annotation.caveat``): "sense of 深圳市罗湖区; this text is about 深圳市福田区".
    """
    seen: dict[str, Annotation] = {}
    for annotation in explanation:
        seen.setdefault(annotation.entry.id, annotation)
    if not seen:
        return [Line.of(("hint", "No glossary terms in this text."))]
    noun = "term" if len(seen) == 1 else "terms"
    lines = [Line.of(("label", f"{len(seen)} {noun} found:"))]
    for annotation in seen.values():
        sense = annotation.sense
        where = f"  [{tr(sense.scope.region)}]" if sense.scope is not None else ""
        lines.append(
            Line.of(
                ("term", tr(annotation.entry.term)),
                "  ",
                meaning(tr(sense.expansion), sense.gloss, lang),
                ("meta", where),
                indent=_INDENT,
                hang=_INDENT * 2,
            )
        )
        if annotation.caveat:
            lines.append(Line.of(("warn", annotation.caveat), indent=_INDENT * 2))
    return lines


def unexplained_lines(explanation: Explanation, tr: Convert = str) -> list[Line]:
    """The jargon-shaped spans no glossary or the text itself explains, once each, in order.

    Each with why it looks like jargon (``formula``, ``numbered set``...); none: no lines.
    """
    from glossary._normalise.normalise import normalise_term

    distinct: dict[str, tuple[str, str]] = {}
    for candidate in explanation.unexplained:
        distinct.setdefault(normalise_term(candidate.text), (candidate.text, candidate.shape))
    if not distinct:
        return []
    lines = [Line.of(("label", "not in the glossary:"))]
    for text, shape in distinct.values():
        lines.append(Line.of(("term", tr(text)), "  ", ("meta", shape), indent=_INDENT))
    return lines


def passage_lines(explanation: Explanation, style: Style, lang: Lang = "zh") -> list[Line]:
    """A text rendered in ``style`` and ``lang``: wrapped when prose, verbatim when markup."""
    rendered = explanation.render(style, lang=lang)
    prose = style in ("inline", "footnotes")
    # A wrapped row continues at the line's own indent, or after a footnote's [n].
    return [Line((("", text),), hang=_margin(text), wrap=prose) for text in rendered.splitlines()]


def _margin(text: str) -> int:
    """Where a wrapped row of a rendered line continues.

    >>> _margin("    来源：……"), _margin("[12] “双区”驱动：……"), _margin("正文")
    (4, 5, 0)
    """
    found = _MARGIN.match(text)
    return found.end() if found else 0


def suggestion_lines(query: str, hits: Sequence[SearchHit], tr: Convert = str) -> list[Line]:
    """Say that ``query`` is no term we know, and offer the nearest ones."""
    if not hits:
        return [
            Line.of("No term in the glossary is close to “", ("term", query), "”."),
            Line.of(("hint", "Try /list to browse the terms, or paste a passage to annotate.")),
        ]
    lines = [Line.of("“", ("term", query), "” is not in the glossary. Nearest terms:")]
    lines += _hit_lines(hits, tr)
    lines.append(Line.of(("hint", "Type one of them to see its meaning.")))
    return lines


def no_term_lines(sentence: str, hits: Sequence[SearchHit], tr: Convert = str) -> list[Line]:
    """Say that ``sentence`` holds no glossary term; list ``hits`` if there are any."""
    lines = [Line.of("No glossary term appears in “", short(sentence), "”.")]
    if hits:
        lines.append(Line.of("It is close to:"))
        lines += _hit_lines(hits, tr)
    lines.append(Line.of(("hint", "Type a term or ask about one; paste a passage; /list.")))
    return lines


def _hit_lines(hits: Sequence[SearchHit], tr: Convert) -> list[Line]:
    return [
        Line.of(
            ("term", tr(hit.entry.term)),
            "  ",
            short(tr(hit.entry.senses[0].expansion)),
            indent=_INDENT,
            hang=_INDENT * 2,
        )
        for hit in hits
    ]


def shown_path(origin: str) -> str:
    """The file an entry comes from, as a path that opens it from here.

    Relative to the working directory when the file is below it (``terms/...`` at the
    root of a checkout), else as loaded: in full for the bundled glossary (inside the
    installed package), as named on the command line for a team's file.
    """
    from pathlib import Path

    if not origin:
        return "(built in memory)"
    path = Path(origin)
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except (ValueError, OSError):  # elsewhere, or the working directory is gone
            pass
    return origin
