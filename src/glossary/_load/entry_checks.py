"""Checks that relate the fields of one entry, and the types that locate their problems.

Pydantic (``schema.py``) checks each field on its own; the checks here relate fields (an
editorial sense must quote a sentence that uses the term, a variant must differ from
the term once normalised, …) in plain Python, so that each can point at the exact field
at fault. They run even when other fields are invalid, on the fields they need when
those are valid. Problems come back as ``Issue`` objects located by a path inside the
entry (``("senses", 0, "usage")``), which the loader maps to a line of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from glossary._model.entries import Entry
from glossary._normalise.normalise import normalise_term

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in an entry, located by its path inside the entry's data."""

    loc: Loc
    message: str


@dataclass(frozen=True, slots=True)
class Outline:
    """What the checks across entries need of one entry, as far as its data is valid.

    The loader checks ids, surfaces, regions and related ids across entries for invalid
    entries too, so that an editor sees every problem of a glossary at once.
    """

    id: str  # "" when the id is missing or invalid
    surfaces: tuple[str, ...]  # the term and variants that are valid, as written
    regions: frozenset[str]  # the regions of the senses whose scope.region is valid
    related: tuple[tuple[int, str], ...]  # (index in related, id) of the valid ones

    @classmethod
    def of(cls, entry: Entry) -> Outline:
        """The outline of a valid entry."""
        regions = frozenset(s.scope.region for s in entry.senses if s.scope is not None)
        return cls(entry.id, entry.surfaces, regions, tuple(enumerate(entry.related)))


class SchemaError(Exception):
    """An entry's data does not follow the format; ``issues`` lists every problem found.

    ``outline`` holds what could still be read of the entry, for the checks across entries.
    """

    def __init__(self, issues: tuple[Issue, ...], outline: Outline | None = None) -> None:
        self.issues = issues
        self.outline = outline
        super().__init__("; ".join(issue.message for issue in issues))


#: A field whose value is invalid, or lies under or over an invalid one: checks skip it.
_UNKNOWN: Any = object()


class Fields:
    """An entry's data as YAML read it, read only where the schema found no problem."""

    def __init__(self, data: object, errors: list[Loc]) -> None:
        self.data = data
        self.errors = errors  # the locations of the schema's problems

    def get(self, *loc: str | int) -> Any:
        """The value at ``loc``, None when absent (an optional field), or ``_UNKNOWN``.

        ``_UNKNOWN`` when a problem lies at ``loc``, inside it or at a field containing it.
        """
        if self._above(loc) or not self.complete(*loc):
            return _UNKNOWN
        return self._raw(loc)

    def items(self, *loc: str | int) -> Iterator[tuple[int, Any]]:
        """(index, value) of the elements of the list at ``loc`` that are not invalid.

        An element with problems inside (a sense with a bad field) is still given: its
        valid fields are read with ``get``.
        """
        if self._above(loc):
            return  # the list itself is invalid (not a list, say)
        values = self._raw(loc)
        for i in range(len(values) if isinstance(values, list) else 0):
            if not self._above((*loc, i)):
                yield i, values[i]

    def complete(self, *loc: str | int) -> bool:
        """Whether no problem lies at ``loc`` or inside it."""
        return not any(error[: len(loc)] == loc for error in self.errors)

    def outline(self) -> Outline:
        """What the checks across entries can read of the entry."""
        entry_id, term = self.get("id"), self.get("term")
        surfaces = [term] if isinstance(term, str) else []
        surfaces += [v for _, v in self.items("variants") if isinstance(v, str)]
        regions = {self.get("senses", i, "scope", "region") for i, _ in self.items("senses")}
        related = tuple((i, r) for i, r in self.items("related") if isinstance(r, str))
        return Outline(
            entry_id if isinstance(entry_id, str) else "",
            tuple(surfaces),
            frozenset(r for r in regions if isinstance(r, str)),
            related,
        )

    def _above(self, loc: Loc) -> bool:
        """Whether a problem lies at ``loc`` or at a field that contains it."""
        return any(loc[: len(error)] == error for error in self.errors)

    def _raw(self, loc: Loc) -> Any:
        """The value at ``loc`` whether valid or not; None when absent."""
        value = self.data
        for part in loc:
            if isinstance(part, str) and isinstance(value, dict):
                value = value.get(part)
            elif isinstance(part, int) and isinstance(value, list) and part < len(value):
                value = value[part]
            else:
                return None
        return value


def entry_issues(fields: Fields) -> Iterator[Issue]:
    """Yield the problems that relate several fields of one entry, where those are valid."""
    term = fields.get("term")
    located: list[tuple[Loc, str]] = [(("term",), term)] if isinstance(term, str) else []
    located += [(("variants", i), v) for i, v in fields.items("variants") if isinstance(v, str)]
    surfaces: dict[str, str] = {}  # normalised surface -> how to name it in a message
    for loc, surface in located:
        key = normalise_term(surface)
        if not key:
            yield Issue(loc, f"{surface!r} is empty once quotes and spaces are removed")
        elif key in surfaces:
            yield Issue(loc, f"variant {surface!r} is the {surfaces[key]} again once normalised")
        else:
            surfaces[key] = "term" if loc == ("term",) else f"variant {surface!r}"
    # Whether a text contains a surface can only be told when every surface is known.
    keys = tuple(surfaces) if isinstance(term, str) and fields.complete("variants") else None
    for i, _ in fields.items("senses"):
        yield from _sense_issues(fields, ("senses", i), keys)
    if keys is not None:
        yield from _exclude_issues(fields, keys)
    entry_id = fields.get("id")
    seen: set[str] = set()
    for i, other in fields.items("related"):
        if other == entry_id:
            yield Issue(("related", i), "an entry is not related to itself")
        elif other in seen:
            yield Issue(("related", i), f"related id {other!r} is listed twice")
        seen.add(other)


def _exclude_issues(fields: Fields, keys: tuple[str, ...]) -> Iterator[Issue]:
    """Yield the problems of contexts to exclude, given every surface of the entry."""
    for i, context in fields.items("exclude"):
        if not isinstance(context, str):
            continue
        if not _contains(context, keys):
            yield Issue(("exclude", i), f"exclude {context!r} contains no surface of the entry")
        elif normalise_term(context) in keys:
            yield Issue(("exclude", i), f"exclude {context!r} is a surface of the entry itself")


def _contains(text: str, keys: tuple[str, ...]) -> bool:
    """Whether ``text``, normalised, contains one of the normalised surfaces ``keys``."""
    normal = normalise_term(text)
    return any(key in normal for key in keys)


def _sense_issues(fields: Fields, loc: Loc, keys: tuple[str, ...] | None) -> Iterator[Issue]:
    """Yield the problems of one sense that depend on its origin, and of its scope."""
    if fields.get(*loc, "scope", "confined") is True and fields.get(*loc, "scope", "level") == (
        "national"
    ):
        yield Issue((*loc, "scope", "confined"), "a national sense cannot be confined")
    origin, usage = fields.get(*loc, "origin"), fields.get(*loc, "usage")
    if origin == "official":
        if fields.get(*loc, "source", "item") is None:
            yield Issue((*loc, "source"), "an official sense needs source.item, its item number")
        if usage is not None and usage is not _UNKNOWN:
            yield Issue((*loc, "usage"), "usage is for editorial senses only")
    elif origin == "published":
        if fields.get(*loc, "source", "url") is None:
            yield Issue(
                (*loc, "source"), "a published sense needs source.url, the explanation's address"
            )
        if fields.get(*loc, "source", "item") is not None:
            yield Issue((*loc, "source", "item"), "source.item is for official senses only")
        if usage is not None and usage is not _UNKNOWN:
            yield Issue((*loc, "usage"), "usage is for editorial senses only")
    elif origin == "editorial":
        if usage is None:
            yield Issue(loc, "an editorial sense needs usage: the sentence quoted from the source")
        elif isinstance(usage, str) and keys is not None and not _contains(usage, keys):
            yield Issue((*loc, "usage"), "usage does not contain the term or any variant")


def loc_text(loc: Loc) -> str:
    """Render a location inside an entry the way a reader of the YAML thinks of it.

    >>> loc_text(("senses", 0, "scope", "level"))
    'senses[0].scope.level'
    """
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text
