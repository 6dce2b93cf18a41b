"""Draft entries from an extracted glossary section, for a curator to finish.

``items_to_entries`` turns the items ``_extract.extract`` found into entries of the
glossary file format (docs/format.md): one official entry per (term, definition) pair,
with a stable id, a guessed kind, an expansion drawn from the definition and the term
itself as a provisional gloss. ``glossary extract --format yaml`` writes them out.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Sequence

from glossary._extract.items import Item, outside_quotes, unquote
from glossary._model.entries import LEVELS
from glossary._model.errors import InputError

_FORMULA = re.compile(r"\d\s*[+＋]|[+＋]\s*[\dNnＮ]|^\d{3,}$")
_EXPANSION_LIMIT = 40


def _kind(term: str) -> str:
    """Guess the kind of a generated entry: a formula if the term has one, else other."""
    return "numeric-formula" if _FORMULA.search(term) else "other"


def _expansion(definition: str) -> str:
    """Draw a one-line expansion from a definition: its first clause, without 指, cut short.

    >>> _expansion("指专利合作条约(Patent Cooperation Treaty),是专利领域的一项条约。")
    '专利合作条约(Patent Cooperation Treaty)……'
    """
    text = definition.replace("\n", " ").strip()
    lead = _LEAD.match(text)
    text = text[lead.end() :] if lead else text
    text = re.split(r"[。；;！？]", text, maxsplit=1)[0].strip()
    if len(text) <= _EXPANSION_LIMIT:
        return text
    cut = max(text.rfind(c, 0, _EXPANSION_LIMIT) for c in "，,、")
    return text[: cut if cut >= 8 else _EXPANSION_LIMIT] + "……"


def _id_prefix(title: str, issuer: str, date: str) -> str:
    """A stable, ASCII id prefix for a document: its date and a short hash of its names."""
    digest = hashlib.sha1(f"{issuer}\n{title}".encode(), usedforsecurity=False).hexdigest()
    return f"{date.replace('-', '')}-{digest[:4]}"


def items_to_entries(
    items: Sequence[Item],
    *,
    title: str,
    issuer: str,
    region: str,
    level: str,
    date: str,
    url: str | None = None,
) -> list[dict[str, object]]:
    """Turn extracted items into entry dicts of the glossary file format, for curation.

    Plain mutable dicts and lists on purpose, not frozen dataclasses: they are YAML-ready
    data for ``canonical.dump_document`` (which orders them canonically), and a draft that
    a curator, or a script of theirs, edits before writing it out.

    Each (term, definition) pair of ``split_compound`` becomes one official entry with the
    id ``<yyyymmdd>-<hash>-<item>`` (``-<part>`` added for a compound item), where the hash
    is taken from issuer and title, so that ids are stable and differ between reports.
    An unnumbered item takes its position as its item number. The kind is guessed
    (numeric-formula or other), the expansion is the definition's first clause, and the
    gloss is the Chinese term itself: a provisional value a curator replaces with English.

    >>> [entry] = items_to_entries([Item(7, "CIM基础平台", "指城市信息模型平台。", 1)],
    ...     title="报告", issuer="某区人民政府", region="某市某区", level="district",
    ...     date="2023-01-12")
    >>> entry["id"], entry["kind"], entry["senses"][0]["expansion"]
    ('20230112-d0af-7', 'other', '城市信息模型平台')
    """
    if level not in LEVELS:
        raise InputError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    try:
        year = datetime.date.fromisoformat(date).year
    except ValueError:
        raise InputError(f"date must be YYYY-MM-DD, not {date!r}") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise InputError(f"date must be YYYY-MM-DD, not {date!r}")
    prefix = _id_prefix(title, issuer, date)
    source: dict[str, object] = {"document": title, "issuer": issuer, "date": date}
    entries: list[dict[str, object]] = []
    for position, item in enumerate(items, start=1):
        number = item.number if item.number is not None else position
        pairs = split_compound(item)
        for part, (term, definition) in enumerate(pairs, start=1):
            suffix = f"-{part}" if len(pairs) > 1 else ""
            sense = {
                "expansion": _expansion(definition),
                "definition": definition,
                "gloss": term,
                "origin": "official",
                "scope": {"region": region, "level": level, "issuer": issuer},
                "years": [year],
                "source": {**source, "item": number, **({"url": url} if url else {})},
            }
            entries.append(
                {
                    "id": f"{prefix}-{number}{suffix}",
                    "term": term,
                    "kind": _kind(term),
                    "senses": [sense],
                }
            )
    return entries


_TERM_SEPARATOR = "、"


_DEFINITION_SEPARATOR = "[；;]"


_LEAD = re.compile(r"(?:是指|指|即)")


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    """Split a text at the separators that stand outside quotation marks."""
    cuts = [m.start() for m in outside_quotes(separator, text)]
    bounds = zip([-1, *cuts], [*cuts, len(text)], strict=True)
    return [text[start + 1 : end] for start, end in bounds]


def split_compound(item: Item) -> tuple[tuple[str, str], ...]:
    """Return the (term, definition) pairs an item defines; one pair for a simple item.

    A term listing several terms with 、 outside quotes (“双区”驱动、“双改”示范) defines
    each of them. When the definition lists as many parts separated by ；, each term gets
    its part; otherwise each gets the whole definition. Parts stay exact quotations of the
    report: the leading 指 governs every part in the original, so it is dropped from the
    first part rather than invented for the others, and the final full stop is dropped
    from the last, so that every part reads alike, as a noun phrase.

    >>> split_compound(Item(11, "“双区”驱动、“双改”示范", "指甲驱动；乙示范。", 1))
    (('“双区”驱动', '甲驱动'), ('“双改”示范', '乙示范'))
    >>> split_compound(Item(4, "“六稳”、“六保”", "指稳就业等。", 1))
    (('六稳', '指稳就业等。'), ('六保', '指稳就业等。'))
    >>> split_compound(Item(5, "BIM模型", "指建筑信息模型。", 1))
    (('BIM模型', '指建筑信息模型。'),)
    """
    terms = [unquote(part) for part in _split_outside_quotes(item.term, _TERM_SEPARATOR)]
    if len(terms) < 2 or not all(terms):
        return ((item.term, item.definition),)
    parts = [p.strip() for p in _split_outside_quotes(item.definition, _DEFINITION_SEPARATOR)]
    if len(parts) != len(terms) or not all(parts):
        return tuple((term, item.definition) for term in terms)
    lead = _LEAD.match(parts[0])
    if lead is not None and not any(_LEAD.match(part) for part in parts[1:]):
        parts[0] = parts[0][lead.end() :]
    parts[-1] = parts[-1].rstrip("。.")
    return tuple(zip(terms, parts, strict=True))
