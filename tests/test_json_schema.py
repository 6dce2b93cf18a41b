"""The JSON Schema of the glossary format: current, faithful to validation, usable by editors.

No JSON Schema library is a dependency, so the schema is read by a small validator of
the draft-07 keywords it uses (below); the validator refuses any other keyword, so a
schema that grew one cannot pass unread. Patterns are ECMA-262 regular expressions;
the schema keeps to the part Python's ``re`` reads alike, except that ECMA's final
``$`` (no multiline flag) is Python's ``\\Z``.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from entry_data import Data, editorial, entry, official, published, write
from glossary import DataError
from glossary._load.canonical import format_files
from glossary._load.gen_schema import SCHEMA, file_schema, render
from glossary._load.loader import load_layers
from glossary._load.paths import bundled_terms_dir
from glossary._load.schema import EntryModel, ScopeModel, SenseModel, SourceModel

ROOT = Path(__file__).resolve().parent.parent
FORMAT_DOC = ROOT / "docs" / "format.md"
ANNOTATIONS = {"$schema", "title", "description", "default"}


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "") -> Iterator[str]:
    """Where ``value`` breaks ``schema`` (a path like ``entries[0].senses[0].gloss``)."""
    unknown = set(schema) - ANNOTATIONS - set(_KEYWORDS) - {"$defs"}
    assert not unknown, f"the test's validator does not read {unknown}"
    for keyword, argument in schema.items():
        if keyword in _KEYWORDS:
            yield from _KEYWORDS[keyword](value, argument, schema, root, at)


def _ref(value: Any, ref: str, _: Any, root: dict[str, Any], at: str) -> Iterator[str]:
    target: Any = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    yield from errors(value, target, root, at)


_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _type(value: Any, name: str, *_: Any) -> Iterator[str]:
    if not _TYPES[name](value):
        yield f"{_[-1]}: not {name}"


def _properties(
    value: Any, properties: dict[str, Any], _: Any, root: Any, at: str
) -> Iterator[str]:
    if isinstance(value, dict):
        for name, schema in properties.items():
            if name in value:
                yield from errors(value[name], schema, root, f"{at}.{name}".lstrip("."))


def _required(value: Any, names: list[str], _: Any, root: Any, at: str) -> Iterator[str]:
    if isinstance(value, dict):
        yield from (f"{at}.{name}".lstrip(".") + ": missing" for name in names if name not in value)


def _additional(
    value: Any, allowed: bool, schema: dict[str, Any], _: Any, at: str
) -> Iterator[str]:
    assert allowed is False
    if isinstance(value, dict):
        for name in set(value) - set(schema.get("properties", {})):
            yield f"{at}.{name}".lstrip(".") + ": unknown"


def _items(value: Any, schema: dict[str, Any], _: Any, root: Any, at: str) -> Iterator[str]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from errors(item, schema, root, f"{at}[{i}]")


def _anyof(value: Any, options: list[Any], _: Any, root: Any, at: str) -> Iterator[str]:
    if all(list(errors(value, option, root, at)) for option in options):
        yield f"{at}: matches no option"


def _pattern(value: Any, pattern: str, *rest: Any) -> Iterator[str]:
    python = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
    if isinstance(value, str) and not re.search(python, value):
        yield f"{rest[-1]}: does not match {pattern}"


def _check(test: Callable[[Any, Any], bool], what: str) -> Callable[..., Iterator[str]]:
    def keyword(value: Any, argument: Any, _: Any, root: Any, at: str) -> Iterator[str]:
        if not test(value, argument):
            yield f"{at}: {what} {argument}"

    return keyword


_KEYWORDS: dict[str, Callable[..., Iterator[str]]] = {
    "$ref": _ref,
    "type": _type,
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional,
    "items": _items,
    "anyOf": _anyof,
    "pattern": _pattern,
    "enum": _check(lambda v, a: v in a, "not one of"),
    "minItems": _check(lambda v, a: not isinstance(v, list) or len(v) >= a, "fewer items than"),
    "uniqueItems": _check(
        lambda v, a: not isinstance(v, list) or len(set(map(repr, v))) == len(v),
        "repeats, uniqueItems",
    ),
    "minimum": _check(lambda v, a: not _TYPES["integer"](v) or v >= a, "below"),
    "maximum": _check(lambda v, a: not _TYPES["integer"](v) or v <= a, "above"),
}

SCHEMA_DATA = json.loads(SCHEMA.read_text(encoding="utf-8"))


def schema_errors(document: Any) -> list[str]:
    return list(errors(document, SCHEMA_DATA, SCHEMA_DATA))


# ---------------------------------------------------------------------------------------
# The shipped file


def test_the_shipped_schema_is_current() -> None:
    """Fails after changing the models without ``python -m glossary._load.gen_schema``."""
    assert SCHEMA.read_text(encoding="utf-8") == render(), (
        "src/glossary/_load/glossary.schema.json is stale: run python -m glossary._load.gen_schema"
    )


def test_required_fields_are_those_validation_requires() -> None:
    definitions = file_schema()["$defs"]
    for name, model in [
        ("entry", EntryModel),
        ("sense", SenseModel),
        ("scope", ScopeModel),
        ("source", SourceModel),
    ]:
        required = {f for f, info in model.model_fields.items() if info.is_required()}
        assert set(definitions[name]["required"]) == required, name
        assert list(definitions[name]["properties"]) == list(model.model_fields), name
        assert definitions[name]["additionalProperties"] is False


def test_the_validator_reads_what_it_is_given() -> None:
    """The test's own validator: it finds what it should, where it should."""
    bad = {"entries": [{"id": "A b", "term": 1, "kind": "x", "senses": [], "extra": 1}]}
    assert sorted(schema_errors(bad)) == [
        "entries[0].extra: unknown",
        "entries[0].id: does not match ^[a-z0-9]+(?:-[a-z0-9]+)*$",
        "entries[0].kind: not one of ['numeric-formula', 'slogan', 'abbreviation', "
        "'programme', 'policy-concept', 'plan-period', 'other']",
        "entries[0].senses: fewer items than 1",
        "entries[0].term: not string",
    ]


# ---------------------------------------------------------------------------------------
# Faithful: what the schema refuses, validation refuses, and the bundled data passes


def bundled_files() -> list[Path]:
    return sorted(bundled_terms_dir().rglob("*.yaml"))


@pytest.mark.parametrize(
    "path",
    bundled_files(),
    ids=[p.relative_to(bundled_terms_dir()).as_posix() for p in bundled_files()],
)
def test_every_bundled_file_passes_the_schema(path: Path) -> None:
    assert schema_errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def _at(path: tuple[str | int, ...], value: Any, *, drop: bool = False) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        if drop:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


# (the change, the field both must blame)
REFUSED = {
    "missing-kind": (_at(("kind",), None, drop=True), "entries[0].kind"),
    "missing-gloss": (_at(("senses", 0, "gloss"), None, drop=True), "entries[0].senses[0].gloss"),
    "unknown-field": (_at(("colour",), "red"), "entries[0].colour"),
    "unknown-scope-field": (
        _at(("senses", 0, "scope", "town"), "x"),
        "entries[0].senses[0].scope.town",
    ),
    "id-not-a-slug": (_at(("id",), "Shuang_Qu"), "entries[0].id"),
    "related-not-a-slug": (_at(("related",), ["ok", "Not ok"]), "entries[0].related[1]"),
    "term-a-number": (_at(("term",), 422133), "entries[0].term"),
    "term-blank": (_at(("term",), "  "), "entries[0].term"),
    "term-with-a-tab": (_at(("term",), "双区\t驱动"), "entries[0].term"),
    "variant-with-a-bidi-override": (_at(("variants",), ["双\u202e区"]), "entries[0].variants[0]"),
    "kind-unknown": (_at(("kind",), "formula"), "entries[0].kind"),
    "no-senses": (_at(("senses",), []), "entries[0].senses"),
    "expansion-on-two-lines": (
        _at(("senses", 0, "expansion"), "一\n二"),
        "entries[0].senses[0].expansion",
    ),
    "expansion-with-an-escape": (
        _at(("senses", 0, "expansion"), "展开\x1b[2J"),
        "entries[0].senses[0].expansion",
    ),
    "definition-with-nul": (
        _at(("senses", 0, "definition"), "定义\x00"),
        "entries[0].senses[0].definition",
    ),
    "definition-with-cr": (
        _at(("senses", 0, "definition"), "一\r二"),
        "entries[0].senses[0].definition",
    ),
    "gloss-with-c1": (_at(("senses", 0, "gloss"), "gloss\x9b"), "entries[0].senses[0].gloss"),
    "origin-document": (_at(("senses", 0, "origin"), "document"), "entries[0].senses[0].origin"),
    "level-unknown": (
        _at(("senses", 0, "scope", "level"), "county"),
        "entries[0].senses[0].scope.level",
    ),
    "confined-a-string": (
        _at(("senses", 0, "scope", "confined"), "yes"),
        "entries[0].senses[0].scope.confined",
    ),
    "region-missing": (
        _at(("senses", 0, "scope", "region"), None, drop=True),
        "entries[0].senses[0].scope.region",
    ),
    "no-years": (_at(("senses", 0, "years"), []), "entries[0].senses[0].years"),
    "year-too-early": (_at(("senses", 0, "years"), [1900]), "entries[0].senses[0].years[0]"),
    "year-a-string": (_at(("senses", 0, "years"), ["2023"]), "entries[0].senses[0].years[0]"),
    "year-twice": (_at(("senses", 0, "years"), [2023, 2023]), "entries[0].senses[0].years"),
    "date-a-timestamp-text": (
        _at(("senses", 0, "source", "date"), "2023-01-12T10:00"),
        "entries[0].senses[0].source.date",
    ),
    "date-of-fullwidth-digits": (
        _at(("senses", 0, "source", "date"), "２０２３"),
        "entries[0].senses[0].source.date",
    ),
    "item-zero": (_at(("senses", 0, "source", "item"), 0), "entries[0].senses[0].source.item"),
    "item-a-string": (
        _at(("senses", 0, "source", "item"), "1"),
        "entries[0].senses[0].source.item",
    ),
    "url-not-http": (
        _at(("senses", 0, "source", "url"), "ftp://a.cn/x"),
        "entries[0].senses[0].source.url",
    ),
    "url-with-a-line-break": (
        _at(("senses", 0, "source", "url"), "https://a.cn/\n<img>"),
        "entries[0].senses[0].source.url",
    ),
}


@pytest.mark.parametrize(("change", "field"), list(REFUSED.values()), ids=list(REFUSED))
def test_what_the_schema_refuses_validation_refuses_at_the_same_field(
    tmp_path: Path, change: Callable[[Data], None], field: str
) -> None:
    data = entry(senses=[published()])
    change(data)
    document = {"entries": [data]}
    found = schema_errors(copy.deepcopy(document))
    assert found, "the schema accepts it"
    assert all(error.startswith(field) for error in found), found
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_layers([[path]])
    where = field.removeprefix("entries[0].")
    name = re.sub(r"\[\d+\]$", "", where).rsplit(".", 1)[-1]
    messages = [p.message for p in raised.value.problems]
    assert any(where in m or f"'{name}'" in m for m in messages), messages


def _official_without_item() -> Data:
    sense = official()
    del sense["source"]["item"]
    return entry(senses=[sense])


def _dated(date: str) -> Data:
    sense = official()
    sense["source"]["date"] = date
    return entry(senses=[sense])


# What only validation can tell: each passes the schema and fails validation.
BEYOND = {
    "variant-same-as-term": entry(variants=["“双区”驱动"]),
    "exclude-without-a-surface": entry(exclude=["别的词语"]),
    "official-without-item": _official_without_item(),
    "published-without-url": entry(senses=[published(url=None)]),
    "editorial-usage-without-the-term": entry(senses=[editorial(usage="一句别的话。")]),
    "years-descending": entry(senses=[official(years=[2023, 2022])]),
    "date-not-in-the-calendar": _dated("2023-02-30"),
    "related-to-itself": entry(related=["shuang-qu"]),
    "national-sense-confined": entry(
        senses=[official(scope={"region": "中国", "level": "national", "confined": True})]
    ),
}


@pytest.mark.parametrize("data", list(BEYOND.values()), ids=list(BEYOND))
def test_rules_relating_values_are_validations_alone(tmp_path: Path, data: Data) -> None:
    """docs/format.md lists these under "validate also checks"."""
    assert schema_errors({"entries": [data]}) == []
    path = write(tmp_path, "bad.yaml", [data])
    with pytest.raises(DataError):
        load_layers([[path]])


def test_a_valid_entry_passes_both(tmp_path: Path) -> None:
    for data in (entry(), entry(senses=[published()]), entry(senses=[editorial()])):
        assert schema_errors({"entries": [data]}) == []
        assert load_layers([[write(tmp_path, "ok.yaml", [data])]])


# ---------------------------------------------------------------------------------------
# For editors: the docs' example, and fmt keeps the line that names the schema


def _doc_blocks(language: str) -> list[str]:
    """The fenced blocks of the schema's section of docs/format.md opened with ``language``."""
    section = FORMAT_DOC.read_text(encoding="utf-8").split("## Checking as you type", 1)[1]
    blocks: list[str] = []
    lines: list[str] = []
    opened: str | None = None  # the language of the block being read, if one is
    for line in section.splitlines(keepends=True):
        if not line.startswith("```"):
            lines.append(line)
        elif opened is None:
            opened, lines = line[3:].strip(), []
        else:
            if opened == language:
                blocks.append("".join(lines))
            opened = None
    return blocks


def test_the_docs_example_names_the_schema_validates_and_is_canonical(tmp_path: Path) -> None:
    (example,) = _doc_blocks("yaml")
    first = example.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../glossary.schema.json"
    team = tmp_path / "team-terms" / "shenzhen.yaml"
    team.parent.mkdir()
    team.write_text(example, encoding="utf-8")
    assert schema_errors(yaml.safe_load(example)) == []
    assert [e.id for e in load_layers([[team]])] == ["team-ershi-ba"]
    (formatted,) = format_files([team])
    assert formatted.problems == ()
    assert formatted.new == example  # canonical already, the schema line kept first


def test_fmt_keeps_the_schema_line_and_still_reports_other_comments(tmp_path: Path) -> None:
    line = "# yaml-language-server: $schema=glossary.schema.json\n"
    path = write(tmp_path, "a.yaml", [entry()])
    canonical = path.read_text(encoding="utf-8")
    path.write_text(
        line + canonical.replace("kind: slogan", "kind: slogan  # why"), encoding="utf-8"
    )
    (result,) = format_files([path])
    assert [p.line for p in result.problems] == [5]  # the other comment only
    path.write_text(
        line + canonical.replace("id: shuang-qu\n", "id: shuang-qu\n\n"), encoding="utf-8"
    )
    (result,) = format_files([path])
    assert result.problems == ()
    assert result.new == line + canonical


@pytest.mark.slow
def test_the_docs_command_copies_the_shipped_schema(tmp_path: Path) -> None:
    (command,) = _doc_blocks("")
    program = re.fullmatch(r'python -c "(.*)" > glossary\.schema\.json\n', command, re.S)
    assert program, command
    done = subprocess.run(
        [sys.executable, "-c", program[1]], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout == SCHEMA.read_text(encoding="utf-8")
