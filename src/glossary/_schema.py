"""The glossary file format as pydantic models, and their conversion to runtime types.

This is the only module that imports pydantic. It validates one entry at a time, as
the YAML loader hands it over, and turns a valid one into the frozen dataclasses of
``_model``. Problems come back as ``Issue`` objects located by a path inside the entry
(``("senses", 0, "usage")``), which the loader maps to a line of the file; this module
knows nothing of files or YAML.

Checks that pydantic expresses well (types, required fields, unknown fields, slugs,
blank strings, years, dates) live on the models. Checks that relate fields of one entry
(an editorial sense must quote a sentence containing the term, ...) run afterwards in
plain Python, so that each can point at the exact field at fault. Checks across
entries (duplicate ids, surfaces, related ids) belong to the loader.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from glossary._model import Entry, Kind, Level, Scope, Sense, Source
from glossary._normalise import normalise_term

#: Years a sense may apply to: the People's Republic to a comfortable horizon.
FIRST_YEAR, LAST_YEAR = 1949, 2100

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A date as precise as its source gives it: a day, a month or a year.
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise PydanticCustomError("multi_line", "must be a single line")
    return value


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise PydanticCustomError(
            "slug",
            "must be a slug of lowercase ASCII letters, digits and single hyphens (got {value})",
            {"value": repr(value)},
        )
    return value


def _date_to_text(value: object) -> object:
    # YAML reads an unquoted 2023-01-12 as a date; the format stores dates as text.
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("timestamp", "must be a date YYYY-MM-DD, not a timestamp")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _iso_date(value: str) -> str:
    """Accept ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: a source dated only to the month says so.

    >>> [_iso_date(d) for d in ("2023-01-12", "2025-03", "2026")]
    ['2023-01-12', '2025-03', '2026']
    """
    padded = value + "-01-01"[len(value) - 4 :] if len(value) in (4, 7) else value
    try:
        valid = _ISO_DATE.fullmatch(value) is not None and bool(dt.date.fromisoformat(padded))
    except ValueError:
        valid = False
    if not valid:
        raise PydanticCustomError(
            "date",
            "must be a date YYYY-MM-DD, YYYY-MM or YYYY (got {value})",
            {"value": repr(value)},
        )
    return value


def _ascending(years: list[int]) -> list[int]:
    if any(a >= b for a, b in itertools.pairwise(years)):
        raise PydanticCustomError(
            "years_order", "must be ascending without repeats (got {years})", {"years": years}
        )
    return years


def _web_address(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise PydanticCustomError(
            "url", "must be an http(s) address (got {value})", {"value": repr(value)}
        )
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
OneLine = Annotated[str, AfterValidator(_not_blank), AfterValidator(_one_line)]
Slug = Annotated[str, AfterValidator(_slug)]
IsoDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_iso_date)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Years = Annotated[list[Year], Field(min_length=1), AfterValidator(_ascending)]
WebAddress = Annotated[str, AfterValidator(_web_address)]

# Strict: YAML already typed the values, so "2023" where a year belongs is a mistake to
# report, not a string to coerce. Field order is the canonical key order of docs/format.md.
_CONFIG = ConfigDict(frozen=True, extra="forbid", strict=True)


class ScopeModel(BaseModel):
    """``scope``: who uses a sense, and where."""

    model_config = _CONFIG
    region: Text
    level: Level
    issuer: Text = ""


class SourceModel(BaseModel):
    """``source``: the document a sense is quoted from or used in."""

    model_config = _CONFIG
    document: Text
    issuer: Text
    date: IsoDate
    item: Annotated[int, Field(ge=1)] | None = None
    url: WebAddress | None = None


class SenseModel(BaseModel):
    """One element of ``senses``."""

    model_config = _CONFIG
    expansion: OneLine
    definition: Text
    gloss: Text
    origin: Literal["official", "published", "editorial"]
    scope: ScopeModel
    years: Years
    source: SourceModel
    usage: Text | None = None


class EntryModel(BaseModel):
    """One element of a file's ``entries``."""

    model_config = _CONFIG
    id: Slug
    term: Text
    kind: Kind
    variants: list[Text] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    exclude: list[Text] = Field(default_factory=list)
    senses: Annotated[list[SenseModel], Field(min_length=1)]


#: The canonical key order of each kind of mapping, for the formatter.
KEY_ORDER: Mapping[str, tuple[str, ...]] = {
    "entry": tuple(EntryModel.model_fields),
    "sense": tuple(SenseModel.model_fields),
    "scope": tuple(ScopeModel.model_fields),
    "source": tuple(SourceModel.model_fields),
}

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


def build_entry(data: object, origin_file: str = "") -> Entry:
    """Validate one entry's data as read from YAML and return it as a runtime ``Entry``.

    Raises ``SchemaError`` listing every issue of the entry: the checks that relate
    fields run even when other fields are invalid, on the fields they need when those
    are valid.

    >>> sense = {"expansion": "two zones", "definition": "粤港澳大湾区和先行示范区",
    ...          "gloss": "dual-zone drive", "origin": "editorial",
    ...          "scope": {"region": "深圳市", "level": "city"}, "years": [2023],
    ...          "source": {"document": "报告", "issuer": "深圳市人民政府", "date": "2023-01-12"},
    ...          "usage": "抢抓“双区”驱动机遇"}
    >>> entry = build_entry({"id": "shuang-qu", "term": "双区驱动", "kind": "slogan",
    ...                      "variants": ["“双区”驱动"], "senses": [sense]})
    Traceback (most recent call last):
    ...
    glossary._schema.SchemaError: variant '“双区”驱动' is the term again once normalised
    >>> build_entry({"id": "shuang-qu", "term": "双区驱动", "kind": "slogan",
    ...              "senses": [sense]}).senses[0].scope.region
    '深圳市'
    """
    try:
        model: EntryModel | None = EntryModel.model_validate(data)
        details: list[ErrorDetails] = []
    except ValidationError as error:
        model, details = None, error.errors()
    fields = _Fields(data, [tuple(detail["loc"]) for detail in details])
    issues = (*(_issue(detail) for detail in details), *_entry_issues(fields))
    if issues or model is None:
        raise SchemaError(issues, fields.outline())
    return _to_entry(model, origin_file)


#: A field whose value is invalid, or lies under or over an invalid one: checks skip it.
_UNKNOWN: Any = object()


class _Fields:
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


def _entry_issues(fields: _Fields) -> Iterator[Issue]:
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


def _exclude_issues(fields: _Fields, keys: tuple[str, ...]) -> Iterator[Issue]:
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


def _sense_issues(fields: _Fields, loc: Loc, keys: tuple[str, ...] | None) -> Iterator[Issue]:
    """Yield the problems of one sense that depend on its origin."""
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


def _to_entry(entry: EntryModel, origin_file: str) -> Entry:
    """Convert a validated entry model to the runtime dataclasses."""
    return Entry(
        id=entry.id,
        term=entry.term,
        kind=entry.kind,
        senses=tuple(_to_sense(sense) for sense in entry.senses),
        variants=tuple(entry.variants),
        related=tuple(entry.related),
        exclude=tuple(entry.exclude),
        origin_file=origin_file,
    )


def _to_sense(sense: SenseModel) -> Sense:
    scope, source = sense.scope, sense.source
    return Sense(
        expansion=sense.expansion,
        definition=sense.definition,
        scope=Scope(region=scope.region, level=scope.level, issuer=scope.issuer),
        years=tuple(sense.years),
        origin=sense.origin,
        source=Source(
            document=source.document,
            issuer=source.issuer,
            date=source.date,
            item=source.item,
            url=source.url,
        ),
        usage=sense.usage,
        gloss=sense.gloss,
    )


def loc_text(loc: Loc) -> str:
    """Render a location inside an entry the way a reader of the YAML thinks of it.

    >>> loc_text(("senses", 0, "scope", "level"))
    'senses[0].scope.level'
    """
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


_TYPE_NAMES = {
    "string_type": "a string",
    "int_type": "an integer",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping",
}


def _issue(detail: ErrorDetails) -> Issue:
    """Turn one pydantic error into an Issue with a message written for data editors."""
    loc, kind, got = tuple(detail["loc"]), detail["type"], detail.get("input")
    where = loc_text(loc)
    if kind == "extra_forbidden":
        return Issue(loc, _unknown_field(loc))
    if kind == "missing":
        return Issue(loc, f"missing field {where!r}")
    if kind in _TYPE_NAMES:
        hint = "; quote it" if kind == "string_type" and isinstance(got, int | float | bool) else ""
        return Issue(loc, f"{where} must be {_TYPE_NAMES[kind]} (got {_shown(got)}{hint})")
    if kind == "too_short":
        return Issue(loc, f"{where} must not be empty")
    if kind == "literal_error":
        return Issue(loc, _not_one_of(where, detail.get("ctx", {}).get("expected", ""), got))
    message = detail["msg"]
    return Issue(loc, f"{where}: {message}" if where else message)


def _not_one_of(where: str, expected: str, got: object) -> str:
    """Say which values a field allows (pydantic lists them as ``'a', 'b' or 'c'``).

    >>> _not_one_of("level", "'district', 'city', 'province' or 'national'", "cty")
    "level must be one of: district, city, province, national (got 'cty'; did you mean 'city'?)"
    """
    allowed = re.findall(r"'([^']*)'", expected)
    close = difflib.get_close_matches(str(got), allowed, n=1) if isinstance(got, str) else []
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{where} must be one of: {', '.join(allowed)} (got {_shown(got)}{hint})"


#: Each kind of mapping by the path of field names leading to it, and how to call it.
_MAPPINGS: dict[tuple[str, ...], tuple[type[BaseModel], str]] = {
    (): (EntryModel, "an entry"),
    ("senses",): (SenseModel, "a sense"),
    ("senses", "scope"): (ScopeModel, "a scope"),
    ("senses", "source"): (SourceModel, "a source"),
}


def _unknown_field(loc: Loc) -> str:
    """Say which field is unknown: suggest the field meant, else list the fields allowed."""
    *parent, name = loc
    names = tuple(part for part in parent if isinstance(part, str))
    model, noun = _MAPPINGS.get(names, (None, ""))
    where = f" in {loc_text(tuple(parent))}" if parent else ""
    fields = tuple(model.model_fields) if model else ()
    close = difflib.get_close_matches(str(name), fields, n=1)
    if close:
        hint = f" (did you mean {close[0]!r}?)"
    elif fields:
        hint = f"; the fields of {noun} are {', '.join(fields)}"
    else:
        hint = ""
    return f"unknown field {name!r}{where}{hint}"


def _shown(value: Any) -> str:
    """Show an offending value briefly: its repr, or its type when it is a container."""
    if isinstance(value, dict | list | tuple | set):
        return type(value).__name__
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
