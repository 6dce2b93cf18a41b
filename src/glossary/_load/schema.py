"""The glossary file format as pydantic models, and their conversion to runtime types.

This is the only module that imports pydantic. It validates one entry at a time, as
the YAML loader hands it over, and turns a valid one into the frozen dataclasses of
``_model.entries``. Problems come back as ``Issue`` objects located by a path inside the entry
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
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationError,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, ErrorDetails, PydanticCustomError

from glossary._load.characters import (
    LINE_PATTERN,
    TEXT_PATTERN,
    WEB_ADDRESS_PATTERN,
    unsafe_character,
)
from glossary._load.entry_checks import Fields, Issue, Loc, SchemaError, entry_issues, loc_text
from glossary._model.entries import Entry, Kind, Level, Scope, Sense, Source

#: Years a sense may apply to: the People's Republic to a comfortable horizon.
FIRST_YEAR, LAST_YEAR = 1949, 2100

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A date as precise as its source gives it: a day, a month or a year.
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


def _clean(multi_line: bool) -> Any:
    """A validator refusing the characters ``unsafe_character`` names."""

    def check(value: str) -> str:
        code = unsafe_character(value, multi_line=multi_line)
        if code is None:
            return value
        if code in ("U+000A", "U+000D") and not multi_line:
            raise PydanticCustomError("multi_line", "must be a single line")
        kind = "bidirectional control" if code.startswith("U+20") else "control character"
        raise PydanticCustomError(
            "control", "must not hold the {kind} {code}", {"kind": kind, "code": code}
        )

    return AfterValidator(check)


class _Says:
    """What a validator checks, said in the JSON Schema for editors; validation ignores it.

    ``gen_schema.py`` writes the schema: a pattern here must mean in ECMA-262, which
    editors use, what the validator beside it checks in Python.
    """

    def __init__(self, **keywords: object) -> None:
        self.keywords = keywords

    def __get_pydantic_json_schema__(
        self, core: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core)
        schema.update(self.keywords)
        return schema


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


#: Text that may run over several lines (a definition, a quoted sentence).
Text = Annotated[
    str,
    AfterValidator(_not_blank),
    _clean(multi_line=True),
    _Says(pattern=TEXT_PATTERN),
]
#: Text on one line: names, glosses, an expansion.
OneLine = Annotated[
    str,
    AfterValidator(_not_blank),
    _clean(multi_line=False),
    _Says(pattern=LINE_PATTERN),
]
Slug = Annotated[str, AfterValidator(_slug), _Says(pattern=f"^{_SLUG.pattern}$")]
IsoDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(_iso_date),
    _Says(pattern=r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"),
]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Years = Annotated[
    list[Year], Field(min_length=1), AfterValidator(_ascending), _Says(uniqueItems=True)
]
WebAddress = Annotated[
    str,
    AfterValidator(_web_address),
    _clean(multi_line=False),
    _Says(pattern=WEB_ADDRESS_PATTERN),
]

# Strict: YAML already typed the values, so "2023" where a year belongs is a mistake to
# report, not a string to coerce. Field order is the canonical key order of docs/format.md.
_CONFIG = ConfigDict(frozen=True, extra="forbid", strict=True)


class ScopeModel(BaseModel):
    """``scope``: who uses a sense, and where."""

    model_config = _CONFIG
    region: OneLine
    level: Level
    issuer: OneLine = ""
    confined: bool = False


class SourceModel(BaseModel):
    """``source``: the document a sense is quoted from or used in."""

    model_config = _CONFIG
    document: OneLine
    issuer: OneLine
    date: IsoDate
    item: Annotated[int, Field(ge=1)] | None = None
    url: WebAddress | None = None


class SenseModel(BaseModel):
    """One element of ``senses``."""

    model_config = _CONFIG
    expansion: OneLine
    definition: Text
    gloss: OneLine
    origin: Literal["official", "published", "editorial"]
    scope: ScopeModel
    years: Years
    source: SourceModel
    usage: Text | None = None


class EntryModel(BaseModel):
    """One element of a file's ``entries``."""

    model_config = _CONFIG
    id: Slug
    term: OneLine
    kind: Kind
    variants: list[OneLine] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    exclude: list[OneLine] = Field(default_factory=list)
    senses: Annotated[list[SenseModel], Field(min_length=1)]


#: The canonical key order of each kind of mapping, for the formatter.
KEY_ORDER: Mapping[str, tuple[str, ...]] = {
    "entry": tuple(EntryModel.model_fields),
    "sense": tuple(SenseModel.model_fields),
    "scope": tuple(ScopeModel.model_fields),
    "source": tuple(SourceModel.model_fields),
}


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
    glossary._load.entry_checks.SchemaError: variant '“双区”驱动' is the term again once normalised
    >>> build_entry({"id": "shuang-qu", "term": "双区驱动", "kind": "slogan",
    ...              "senses": [sense]}).senses[0].scope.region
    '深圳市'
    """
    try:
        model: EntryModel | None = EntryModel.model_validate(data)
        details: list[ErrorDetails] = []
    except ValidationError as error:
        model, details = None, error.errors()
    fields = Fields(data, [tuple(detail["loc"]) for detail in details])
    issues = (*(_issue(detail) for detail in details), *entry_issues(fields))
    if issues or model is None:
        raise SchemaError(issues, fields.outline())
    return _to_entry(model, origin_file)


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
        scope=Scope(scope.region, scope.level, scope.issuer, scope.confined),
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
