"""The loader: every check fires on a small bad file, located as file:line with the entry id.

Files are built from a valid entry, broken in one place, and written with the canonical
dumper; the expected line is found by searching the written text, so a test states
*which* line must be blamed rather than a number that would drift with the format.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entry_data import Data, editorial, entry, line_of, official, published, write
from glossary import DataError, Entry, Problem
from glossary._load import yamlfile
from glossary._load.canonical import dump_document, format_files
from glossary._load.loader import check_layers, glossary_files, load_layers, load_sources
from glossary._load.schema import build_entry
from glossary._load.yamlfile import read_yaml


def problems_of(*layers: Sequence[Path]) -> tuple[Problem, ...]:
    """The problems ``load_layers`` raises for these layers (failing if it raises none)."""
    with pytest.raises(DataError) as raised:
        load_layers(list(layers))
    return raised.value.problems


# ---------------------------------------------------------------------------------------
# One broken field at a time


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(path: tuple[str | int, ...]) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


def _senses(*senses: Data) -> Callable[[Data], None]:
    return _set(("senses",), list(senses))


# (change to a valid entry, text of the line to blame, fragment of the message)
SCHEMA_CASES = [
    pytest.param(
        _set(("senses", 0, "defintion"), "x"),
        "defintion:",
        "unknown field 'defintion'",
        id="unknown-field",
    ),
    pytest.param(
        _set(("colour",), "red"),
        "colour:",
        "unknown field 'colour'; the fields of an entry are id, term, kind, variants, related,"
        " exclude, senses",
        id="unknown-entry-field",
    ),
    pytest.param(
        _set(("senses", 0, "scope", "town"), "x"),
        "town:",
        "unknown field 'town'",
        id="unknown-scope-field",
    ),
    pytest.param(
        _set(("senses", 0, "definition"), "   "),
        "definition:",
        "must not be empty",
        id="empty-definition",
    ),
    pytest.param(
        _set(("senses", 0, "expansion"), ""),
        "expansion:",
        "must not be empty",
        id="empty-expansion",
    ),
    pytest.param(
        _set(("senses", 0, "gloss"), " \t"), "gloss:", "must not be empty", id="blank-gloss"
    ),
    pytest.param(
        _set(("senses", 0, "expansion"), "一\n二"),
        "expansion:",
        "single line",
        id="multi-line-expansion",
    ),
    pytest.param(_set(("term",), ""), "term:", "must not be empty", id="empty-term"),
    pytest.param(_set(("term",), "“”"), "term:", "empty once quotes", id="term-only-quotes"),
    pytest.param(_set(("term",), 422133), "term:", "quote it", id="unquoted-number-term"),
    pytest.param(
        _set(("kind",), "formula"),
        "kind:",
        "kind must be one of: numeric-formula, slogan, abbreviation, programme, policy-concept,"
        " plan-period, other (got 'formula'; did you mean 'numeric-formula'?)",
        id="unknown-kind",
    ),
    pytest.param(
        _set(("senses", 0, "scope", "level"), "county"),
        "level:",
        "senses[0].scope.level must be one of: district, city, province, national (got 'county'",
        id="unknown-level",
    ),
    pytest.param(
        _set(("senses", 0, "origin"), "document"),
        "origin:",
        "senses[0].origin must be one of: official, published, editorial (got 'document')",
        id="document-origin-in-file",
    ),
    pytest.param(_drop(("kind",)), "- id:", "missing field 'kind'", id="missing-kind"),
    pytest.param(
        _drop(("senses", 0, "gloss")),
        "- expansion:",
        "missing field 'senses[0].gloss'",
        id="missing-gloss",
    ),
    pytest.param(_senses(), "senses:", "senses must not be empty", id="no-senses"),
    pytest.param(
        _set(("senses", 0, "years"), []), "years:", "years must not be empty", id="no-years"
    ),
    pytest.param(
        _set(("senses", 0, "years"), [2023, 2022]), "years:", "ascending", id="years-descending"
    ),
    pytest.param(
        _set(("senses", 0, "years"), [2022, 2022]), "years:", "without repeats", id="years-repeated"
    ),
    pytest.param(
        _set(("senses", 0, "years"), [1900]),
        "- 1900",
        "greater than or equal to 1949",
        id="year-too-early",
    ),
    pytest.param(
        _set(("senses", 0, "years"), [2101]),
        "- 2101",
        "less than or equal to 2100",
        id="year-too-late",
    ),
    pytest.param(
        _set(("senses", 0, "years"), ["2023"]), "- '2023'", "must be an integer", id="year-as-text"
    ),
    pytest.param(
        _set(("senses", 0, "source", "date"), "2023-1-12"), "date:", "YYYY-MM-DD", id="date-not-iso"
    ),
    pytest.param(
        _set(("senses", 0, "source", "date"), "2023-02-30"),
        "date:",
        "YYYY-MM-DD",
        id="date-impossible",
    ),
    pytest.param(
        _set(("senses", 0, "source", "date"), dt.datetime(2023, 1, 12, 9, 30)),
        "date:",
        "not a timestamp",
        id="date-with-time",
    ),
    pytest.param(
        _set(("senses", 0, "source", "item"), 0),
        "item:",
        "greater than or equal to 1",
        id="item-zero",
    ),
    pytest.param(
        _set(("senses", 0, "source", "url"), "www.example.org"),
        "url:",
        "http(s)",
        id="url-without-scheme",
    ),
    pytest.param(_set(("id",), "Shuang_Qu"), "- id:", "must be a slug", id="id-not-slug"),
    pytest.param(_set(("id",), "shuang--qu"), "- id:", "must be a slug", id="id-double-hyphen"),
    pytest.param(
        _set(("related",), ["Bad Id"]), "- Bad Id", "must be a slug", id="related-not-slug"
    ),
    pytest.param(
        _set(("related",), ["shuang-qu"]),
        "- shuang-qu",
        "not related to itself",
        id="related-to-self",
    ),
    pytest.param(
        _drop(("senses", 0, "source", "item")),
        "source:",
        "needs source.item",
        id="official-without-item",
    ),
    pytest.param(
        _set(("senses", 0, "usage"), "“双区”驱动。"),
        "usage:",
        "editorial senses only",
        id="official-with-usage",
    ),
    pytest.param(
        _senses({**editorial(), "usage": None}),
        "- expansion:",
        "needs usage",
        id="editorial-without-usage",
    ),
    pytest.param(
        _senses(editorial(usage="推进高质量发展。")),
        "usage:",
        "does not contain the term",
        id="usage-without-term",
    ),
    pytest.param(
        _senses(published(url=None)), "source:", "needs source.url", id="published-no-url"
    ),
    pytest.param(
        _senses({**published(), "usage": "抢抓“双区”驱动。"}),
        "usage:",
        "editorial senses only",
        id="published-with-usage",
    ),
    pytest.param(
        _senses({**published(), "source": {**published()["source"], "item": 3}}),
        "item:",
        "official senses only",
        id="published-with-item",
    ),
    pytest.param(
        _set(("senses", 0, "source", "date"), "2023-13"), "date:", "YYYY-MM", id="month-impossible"
    ),
    pytest.param(
        _set(("exclude",), ["双区建设"]),
        "- 双区建设",
        "contains no surface",
        id="exclude-without-surface",
    ),
    pytest.param(
        _set(("exclude",), ["“双区驱动”"]),
        "- “双区驱动”",
        "is a surface of the entry",
        id="exclude-is-the-term",
    ),
    pytest.param(
        _set(("variants",), ["雙區驅動"]),
        "- 雙區驅動",
        "is the term again",
        id="variant-traditional-of-term",
    ),
    pytest.param(
        _set(("variants",), ["双区", "“双区”"]),
        "- “双区”",
        "is the variant '双区'",
        id="variants-equal-once-normalised",
    ),
]


@pytest.mark.parametrize("date", ["2025-03-09", "2025-03", "2025"])
def test_a_published_sense_with_a_date_as_precise_as_its_source_is_valid(
    tmp_path: Path, date: str
) -> None:
    sense = published()
    sense["source"]["date"] = date
    path = write(tmp_path, "ok.yaml", [entry(senses=[sense])])
    (loaded,) = load_layers([[path]])
    assert (loaded.senses[0].origin, loaded.senses[0].source.date) == ("published", date)


@pytest.mark.parametrize(("change", "blamed", "message"), SCHEMA_CASES)
def test_schema_check_fires_at_its_line(
    tmp_path: Path, change: Callable[[Data], None], blamed: str, message: str
) -> None:
    data = entry()
    change(data)
    path = write(tmp_path, "bad.yaml", [entry("other", "六稳六保"), data])
    problems = problems_of([path])
    matching = [p for p in problems if message in p.message]
    assert len(matching) == 1, problems
    (problem,) = matching
    assert (problem.file, problem.entry) == (str(path), data["id"])
    # Blame the first line holding ``blamed`` within the broken (second) entry.
    assert problem.line == line_after(path, blamed, line_of(path, "- id:", 2))


def line_after(path: Path, needle: str, start: int) -> int:
    """The first line number >= ``start`` whose line contains ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n >= start and needle in line)


# ---------------------------------------------------------------------------------------
# Control characters: glossary text reaches terminals, Markdown and HTML

# (field, value, the text of the line to blame, what the problem says)
CONTROL_CASES = [
    (
        ("senses", 0, "expansion"),
        "展开\x1b]0;pwned\x07\x1b[2J",
        "pwned",
        "control character U+001B",
    ),
    (("senses", 0, "definition"), "定义甲\x00", "定义甲", "control character U+0000"),
    (("senses", 0, "definition"), "第一行\r第二行", "第一行", "control character U+000D"),
    (("senses", 0, "gloss"), "dual-zone\x7f", "dual-zone", "control character U+007F"),
    (("senses", 0, "scope", "region"), "深圳甲区\x9b31m", "深圳甲区", "control character U+009B"),
    (("senses", 0, "scope", "issuer"), "发布机关\x80", "发布机关", "control character U+0080"),
    (
        ("senses", 0, "source", "document"),
        "年度报告\u202e甲",
        "年度报告",
        "bidirectional control U+202E",
    ),
    (
        ("senses", 0, "source", "issuer"),
        "\u2066出版机关\u2069",
        "出版机关",
        "bidirectional control U+2066",
    ),
    (
        ("senses", 0, "source", "url"),
        "https://a.cn/\x1b[8m",
        "https://a.cn/",
        "control character U+001B",
    ),
    (("term",), "甲乙丙\u202a丁", "甲乙丙", "bidirectional control U+202A"),
    (("term",), "甲乙丙\t丁", "甲乙丙", "control character U+0009"),
    (("term",), "甲乙丙\n丁", "term:", "must be a single line"),
    (("senses", 0, "gloss"), "dual\nzone", "gloss:", "must be a single line"),
]


@pytest.mark.parametrize(
    ("path", "value", "blamed", "says"),
    CONTROL_CASES,
    ids=[f"{'.'.join(map(str, c[0]))}-{c[-1].split()[-1]}" for c in CONTROL_CASES],
)
def test_control_characters_are_refused_in_every_field(
    tmp_path: Path, path: tuple[str | int, ...], value: str, blamed: str, says: str
) -> None:
    data = entry(senses=[published()] if path[-1] == "url" else [official()])
    _set(path, value)(data)
    bad = write(tmp_path, "bad.yaml", [data])
    (problem,) = problems_of([bad])
    where = ".".join(str(p) for p in path).replace(".0.", "[0].")
    expected = f"{where}: must not hold the {says}" if "U+" in says else f"{where}: {says}"
    assert problem.message == expected
    assert problem.line == line_after(bad, blamed, 1)
    assert all(ord(c) >= 0x20 for c in str(problem))  # the problem itself shows none raw


def test_an_escape_written_in_yaml_is_refused_with_its_line(tmp_path: Path) -> None:
    """YAML refuses raw control characters, but a double-quoted ``\\e`` is one too."""
    text = dump_document([entry()]).replace(
        "expansion: 粤港澳大湾区和中国特色社会主义先行示范区",
        'expansion: "展开\\e]0;pwned\\a\\e[2J"',
    )
    bad = write(tmp_path, "team.yaml", text)
    (problem,) = problems_of([bad])
    shown = str(problem).replace(str(bad), "team.yaml")
    says = "senses[0].expansion: must not hold the control character U+001B"
    assert shown == f"team.yaml:6: [shuang-qu] {says}"
    doc = (Path(__file__).parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    assert f"```\n{shown}\n```" in doc  # the example docs/format.md shows


@pytest.mark.parametrize("field", ["definition", "usage"], ids=["definition", "usage"])
def test_tabs_and_line_breaks_stay_allowed_where_text_runs_over_lines(
    tmp_path: Path, field: str
) -> None:
    sense = editorial(usage="抢抓“双区”驱动\n\t重大历史机遇。")
    sense["definition"] = "第一行\n\t第二行"
    path = write(tmp_path, "ok.yaml", [entry(senses=[sense])])
    (loaded,) = load_layers([[path]])
    assert "\n\t" in getattr(loaded.senses[0], field)


# ---------------------------------------------------------------------------------------
# Whole files that cannot be read as a glossary

VALID = "entries:\n- id: a\n"  # a prefix the cases below break after

# (file content, 1-based line to blame or 0 for the whole file, fragment of the message)
FILE_CASES = [
    pytest.param(
        "entries:\n- id: a\n  term: [unclosed\n  kind: x\n",
        3,  # the line that opens the bracket, not the one where YAML noticed
        "malformed YAML",
        id="malformed-yaml",
    ),
    pytest.param("entries:\n- id: a\n\tterm: b\n", 3, "malformed YAML", id="tab-indent"),
    pytest.param(
        "entries:\n- id: a\n\tterm: b\n",
        3,
        "YAML does not allow tabs for indentation; indent with spaces",
        id="tab-indent-hint",
    ),
    pytest.param(
        "entries:\n\t- id: a\n",
        2,
        "YAML does not allow tabs for indentation; indent with spaces",
        id="tab-token-hint",
    ),
    pytest.param(
        "entries:\n- id: a\n  usage: 他说: 好\n",
        3,
        "quote a value that holds ': '",
        id="unquoted-colon-hint",
    ),
    pytest.param(
        "entries:\n- id: a\n  kind:slogan\n  term: b\n",
        3,
        "a key needs a space after its colon",
        id="no-space-after-colon",
    ),
    pytest.param("entries:\n- id: a\n  term: \x07\n", 3, "malformed YAML", id="control-character"),
    pytest.param(
        "entries: []\n---\nentries: []\n", 2, "expected a single document", id="two-documents"
    ),
    pytest.param("", 0, "empty file", id="empty-file"),
    pytest.param("# only a comment\n", 0, "empty file", id="only-comment"),
    pytest.param("- id: a\n", 1, "top level must be a mapping", id="top-level-list"),
    pytest.param("just text\n", 1, "top level must be a mapping", id="top-level-scalar"),
    pytest.param(
        "entries: []\nversion: 2\n",
        2,
        "unknown top-level key 'version'",
        id="unknown-top-level-key",
    ),
    pytest.param("terms: []\n", 1, "missing the top-level key 'entries'", id="no-entries-key"),
    pytest.param("entries:\n  a: 1\n", 1, "'entries' must be a list", id="entries-mapping"),
    pytest.param("entries:\n", 1, "'entries' must be a list", id="entries-null"),
    pytest.param(
        "entries: []\nentries: []\n",
        2,
        "key 'entries' is given twice",
        id="duplicate-top-level-key",
    ),
    pytest.param(
        "entries:\n- !!python/object/apply:os.getcwd []\n",
        2,
        "YAML tag '!!python/object/apply:os.getcwd' is refused",
        id="python-tag",
    ),
    pytest.param(
        "!!python/object:builtins.dict {entries: []}\n",
        1,
        "YAML tag '!!python/object:builtins.dict' is refused",
        id="python-tag-at-root",
    ),
    pytest.param(
        "entries:\n- !custom {id: a}\n", 2, "YAML tag '!custom' is refused", id="local-tag"
    ),
]


@pytest.mark.parametrize(("content", "line", "message"), FILE_CASES)
def test_file_level_problem(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = write(tmp_path, "bad.yaml", content)
    problems = problems_of([path])
    assert [(p.file, p.line, p.entry) for p in problems if message in p.message] == [
        (str(path), line, "")
    ], problems


def test_key_given_twice_in_an_entry_is_reported_at_the_second(tmp_path: Path) -> None:
    text = dump_document([entry()]).replace("  kind: slogan\n", "  kind: slogan\n  kind: other\n")
    path = write(tmp_path, "twice.yaml", text)
    (problem,) = problems_of([path])
    assert (problem.line, problem.message) == (
        line_of(path, "kind: other"),
        "key 'kind' is given twice in one mapping",
    )


@pytest.mark.parametrize(
    ("encoded", "line"),
    [
        pytest.param("entries:\n- id: 双区\n".encode("gbk"), 2, id="gbk"),
        pytest.param("entries: []\n".encode("utf-16"), 1, id="utf-16"),
        pytest.param(b"entries:\n- id: a\n  term: \xff\n", 3, id="stray-byte"),
    ],
)
def test_file_not_utf8_is_reported_at_the_bad_byte(
    tmp_path: Path, encoded: bytes, line: int
) -> None:
    path = write(tmp_path, "legacy.yaml", encoded)
    (problem,) = problems_of([path])
    assert (problem.file, problem.line) == (str(path), line)
    assert problem.message.startswith("not UTF-8")


def test_csafeloader_is_used_when_libyaml_is_present() -> None:
    # The speed of a cold load depends on it; the semantics are safe_load's either way.
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert issubclass(yamlfile._Loader, expected)


def test_refused_tag_never_runs_and_the_rest_of_the_file_is_still_checked(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "created-by-yaml"
    text = dump_document([entry(), entry("other", "六稳六保")]) + (
        f"- !!python/object/apply:os.mkdir ['{victim}']\n"
        "- id: broken\n  term: 双减\n  kind: slogan\n  senses: []\n"
    )
    path = write(tmp_path, "tagged.yaml", text)
    problems = problems_of([path])
    assert not victim.exists()
    assert [(p.line, p.entry) for p in problems] == [
        (line_of(path, "!!python"), ""),
        (line_of(path, "senses: []"), "broken"),
    ]
    assert "'!!python/object/apply:os.mkdir' is refused" in problems[0].message


def test_an_unquoted_date_is_accepted_and_kept_as_text(tmp_path: Path) -> None:
    text = dump_document([entry()]).replace("date: '2023-01-12'", "date: 2023-01-12")
    assert "date: 2023-01-12\n" in text
    (loaded,) = load_layers([[write(tmp_path, "dated.yaml", text)]])
    assert loaded.senses[0].source is not None
    assert loaded.senses[0].source.date == "2023-01-12"


# ---------------------------------------------------------------------------------------
# Checks across entries and files


def test_duplicate_id_is_reported_at_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", [entry("other", "六稳六保"), entry()])
    second = write(tmp_path, "b.yaml", [entry(term="双改示范")])
    problems = problems_of([first, second])
    assert [(p.file, p.line, p.entry) for p in problems] == [
        (str(first), line_of(first, "- id: shuang-qu"), "shuang-qu"),
        (str(second), line_of(second, "- id: shuang-qu"), "shuang-qu"),
    ]
    assert f"also defined at {second}:2" in problems[0].message
    assert f"also defined at {first}:{line_of(first, '- id: shuang-qu')}" in problems[1].message


def test_surface_claimed_twice_in_one_region_is_reported_once_at_the_second(
    tmp_path: Path,
) -> None:
    first = write(tmp_path, "a.yaml", [entry()])
    clash = entry("qu-dong", "“双区”驱动", senses=[official(item=2)])
    second = write(tmp_path, "b.yaml", [clash])
    (problem,) = problems_of([first, second])
    assert (problem.file, problem.entry) == (str(second), "qu-dong")
    assert problem.message == (
        f"surface '双区驱动' is also claimed by 'shuang-qu' ({first}:{line_of(first, '- id')})"
        " in region 深圳市龙岗区"
    )


@pytest.mark.parametrize("claimants", [3, 50, 2000])
def test_many_claimants_of_one_surface_give_one_line(tmp_path: Path, claimants: int) -> None:
    # One line per surface, not one per pair: 2,000 entries used to print four million.
    entries = [entry(f"e{i}", senses=[official(item=i + 1)]) for i in range(claimants)]
    path = write(tmp_path, "a.yaml", entries)
    (problem,) = problems_of([path])
    assert problem.entry == "e1"
    assert problem.message.startswith("surface '双区驱动' is also claimed by 'e0'")
    if claimants > 2:
        assert f"; {claimants - 2} more entries claim it too ('e2'" in problem.message
    assert len(problem.message) < 300


def _claimants(count: int) -> list[Data]:
    """``count`` entries claiming two surfaces each, half in one region, half in another."""
    entries = []
    for i in range(count):
        sense = official(item=i + 1)
        if i % 2:
            sense["scope"] = {"region": "深圳市罗湖区", "level": "district"}
        entries.append(entry(f"e{i}", variants=["双区发展"], senses=[sense]))
    return entries


def test_claimants_give_one_line_per_surface_and_region(tmp_path: Path) -> None:
    """Issue 21, item 4: 2,000 entries, two surfaces, two regions: four lines."""
    problems = problems_of([write(tmp_path, "a.yaml", _claimants(2000))])
    assert {(p.entry, p.message.split(" is also")[0]) for p in problems} == {
        ("e2", "surface '双区驱动'"),
        ("e2", "surface '双区发展'"),
        ("e3", "surface '双区驱动'"),
        ("e3", "surface '双区发展'"),
    }
    assert len(problems) == 4
    assert all(len(p.message) < 300 for p in problems)


def test_the_check_of_contested_surfaces_takes_linear_time() -> None:
    """Timed alone, on outlines made in memory: YAML and pydantic would drown it out."""
    from types import SimpleNamespace

    from glossary._load.entry_checks import Outline
    from glossary._load.loader import _contested_surfaces

    def claimants(count: int) -> list[Any]:
        raw = SimpleNamespace(file="a.yaml", line=lambda loc=(): 1)
        regions = (frozenset({"深圳市"}), frozenset({"深圳市罗湖区"}))
        return [
            SimpleNamespace(
                outline=Outline(f"e{i}", ("双区驱动", "双区发展"), regions[i % 2], ()),
                raw=raw,
                layer=0,
                where="a.yaml:1",
            )
            for i in range(count)
        ]

    def best(items: list[Any]) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            assert len(list(_contested_surfaces(items))) == 4
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = claimants(2_000), claimants(16_000)
    assert best(large) < 16 * best(small)  # 8x the claimants; pairs would be 64x


def test_surface_claimed_by_a_variant_clashes_too(tmp_path: Path) -> None:
    other = entry("qu-dong", "区域驱动", variants=["雙區驅動"], senses=[official(item=2)])
    path = write(tmp_path, "a.yaml", [entry(), other])
    assert [p.entry for p in problems_of([path])] == ["qu-dong"]


def test_one_surface_in_different_regions_is_allowed(tmp_path: Path) -> None:
    luohu = official(item=2)
    luohu["scope"] = {"region": "深圳市罗湖区", "level": "district"}
    path = write(tmp_path, "a.yaml", [entry(), entry("luohu-shuang-qu", senses=[luohu])])
    assert [e.id for e in load_layers([[path]])] == ["shuang-qu", "luohu-shuang-qu"]


def test_related_id_must_exist(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        [entry(related=["liu-wen", "missing-one"]), entry("liu-wen", "六稳六保")],
    )
    (problem,) = problems_of([path])
    assert (problem.line, problem.entry) == (line_of(path, "- missing-one"), "shuang-qu")
    assert problem.message == "related id 'missing-one' does not exist"


def test_related_id_of_an_invalid_entry_is_not_reported_missing(tmp_path: Path) -> None:
    broken = entry("liu-wen", "六稳六保", kind="nonsense")
    path = write(tmp_path, "a.yaml", [entry(related=["liu-wen"]), broken])
    assert [p.entry for p in problems_of([path])] == ["liu-wen"]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    empty_definition = entry("kong", "空话", senses=[official(definition="")])
    first = write(tmp_path, "a.yaml", [entry(related=["nowhere"]), empty_definition])
    second = write(tmp_path, "b.yaml", "entries:\n- id: x\n  term: [\n")
    third = write(tmp_path, "c.yaml", [entry(), entry("bad", "坏", colour="red")])
    with pytest.raises(DataError) as raised:
        load_layers([[first, second, third]])
    rendered = [str(p) for p in raised.value.problems]
    assert rendered == [
        f"{first}:{line_of(first, '- id: shuang-qu')}: [shuang-qu] duplicate id,"
        f" also defined at {third}:{line_of(third, '- id: shuang-qu')}",
        f"{first}:{line_of(first, '- nowhere')}: [shuang-qu] related id 'nowhere' does not exist",
        f"{first}:{line_of(first, 'definition:', 2)}: [kong] senses[0].definition:"
        " must not be empty",
        f"{second}:3: malformed YAML: did not find expected node content; the [ opened on"
        " this line is never closed: close it, or add the missing comma",
        f"{third}:{line_of(third, '- id: shuang-qu')}: [shuang-qu] duplicate id,"
        f" also defined at {first}:{line_of(first, '- id: shuang-qu')}",
        f"{third}:{line_of(third, 'colour:')}: [bad] unknown field 'colour'; the fields of"
        " an entry are id, term, kind, variants, related, exclude, senses",
    ]
    assert str(raised.value).startswith("6 glossary problems:\n")


def test_schema_semantic_and_cross_entry_problems_come_in_one_pass(tmp_path: Path) -> None:
    # Each entry has a schema error beside the problems checked after the schema: all of
    # them must be reported together, so that an editor fixes the file in one pass.
    no_item = official(usage="抢抓“双区”驱动重大历史机遇。")
    del no_item["source"]["item"]
    entries = [
        entry("a-official", "甲方", kind="nonsense", senses=[no_item]),
        entry("b-exclude", "乙方", exclude=["丙丁"], senses=[official(definition=" ")]),
        entry("c-usage", "丙方", colour="red", senses=[editorial(usage="与本词无关的一句话。")]),
        entry("d-related", "丁方", kind="nonsense", related=["nowhere"]),
        entry("e-surface", "双区驱动", kind="nonsense"),
        entry("f-surface", "双区驱动", senses=[official(definition="")]),
        entry("a-official", "戊方", gloss=1),
    ]
    path = write(tmp_path, "a.yaml", entries)
    found = [(p.entry, p.message) for p in problems_of([path])]
    expected = [
        ("a-official", "kind must be one of"),
        ("a-official", "an official sense needs source.item, its item number"),
        ("a-official", "usage is for editorial senses only"),
        ("b-exclude", "senses[0].definition: must not be empty"),
        ("b-exclude", "exclude '丙丁' contains no surface of the entry"),
        ("c-usage", "unknown field 'colour'"),
        ("c-usage", "usage does not contain the term or any variant"),
        ("d-related", "related id 'nowhere' does not exist"),
        ("f-surface", "surface '双区驱动' is also claimed by 'e-surface'"),
        ("a-official", f"duplicate id, also defined at {path}:{line_of(path, '- id: a-off', 2)}"),
    ]
    missing = [
        (who, start)
        for who, start in expected
        if not any(entry_id == who and message.startswith(start) for entry_id, message in found)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("broken", "only"),
    [
        pytest.param(
            entry(term="二十", variants=[20], senses=[editorial(usage="发展20产业。")]),
            "variants[0] must be a string",
            id="usage-with-an-unreadable-variant",
        ),
        pytest.param(
            entry(term=422133, exclude=["422133号"]), "term must be a string", id="exclude-no-term"
        ),
        pytest.param(
            entry(senses=[{**official(), "source": "报告"}]),
            "senses[0].source must be a mapping",
            id="item-of-an-unreadable-source",
        ),
    ],
)
def test_checks_skip_what_they_cannot_read(tmp_path: Path, broken: Data, only: str) -> None:
    (problem,) = problems_of([write(tmp_path, "a.yaml", [broken])])
    assert problem.message.startswith(only)


def test_missing_path_is_reported_with_the_other_problems(tmp_path: Path) -> None:
    bad = write(tmp_path, "a.yaml", [entry(kind="nonsense")])
    problems = problems_of([bad, tmp_path / "absent.yaml"])
    assert (problems[0].file, problems[0].message) == (
        str(tmp_path / "absent.yaml"),
        "no such file or directory",
    )
    assert len(problems) == 2


# ---------------------------------------------------------------------------------------
# Layers


def test_a_later_layer_replaces_an_entry_by_id(tmp_path: Path) -> None:
    bundled = write(tmp_path / "bundled", "a.yaml", [entry(), entry("liu-wen", "六稳六保")])
    mine = official(definition="我们团队自己的定义。")
    user = write(tmp_path / "user", "mine.yaml", [entry(senses=[mine], related=["liu-wen"])])
    loaded = {e.id: e for e in load_layers([[bundled.parent], [user]])}
    assert sorted(loaded) == ["liu-wen", "shuang-qu"]
    assert loaded["shuang-qu"].senses[0].definition == "我们团队自己的定义。"
    assert loaded["shuang-qu"].origin_file == str(user)
    assert loaded["liu-wen"].origin_file == str(bundled)


def test_a_replaced_entry_does_not_clash_with_its_replacement(tmp_path: Path) -> None:
    bundled = write(tmp_path, "a.yaml", [entry()])
    user = write(tmp_path, "b.yaml", [entry(variants=["双区"])])
    (loaded,) = load_layers([[bundled], [user]])
    assert loaded.variants == ("双区",)


def test_duplicate_ids_inside_one_layer_are_errors_even_with_layers(tmp_path: Path) -> None:
    bundled = write(tmp_path, "a.yaml", [entry()])
    user_a = write(tmp_path, "b.yaml", [entry()])
    user_b = write(tmp_path, "c.yaml", [entry()])
    problems = problems_of([bundled], [user_a, user_b])
    assert [p.file for p in problems] == [str(user_a), str(user_b)]
    assert all("duplicate id" in p.message for p in problems)


def test_a_clash_with_an_earlier_layer_is_reported_once_against_the_later(
    tmp_path: Path,
) -> None:
    earlier = write(tmp_path, "a.yaml", [entry()])
    later = write(tmp_path, "b.yaml", [entry("my-shuang-qu", senses=[official(item=3)])])
    (problem,) = problems_of([earlier], [later])
    assert (problem.file, problem.entry) == (str(later), "my-shuang-qu")
    assert problem.message == (
        f"surface '双区驱动' is also claimed by 'shuang-qu' ({earlier}:{line_of(earlier, '- id')})"
        " in region 深圳市龙岗区; to replace that entry, give yours the id 'shuang-qu';"
        " to add a regional sense, give it a different region"
    )


def test_a_clash_with_a_bundled_entry_names_it_without_its_install_path(tmp_path: Path) -> None:
    from glossary._load.paths import bundled_terms_dir

    city = official(scope={"region": "深圳市", "level": "city"})
    user = write(tmp_path, "team.yaml", [entry("team-shuang-qu", senses=[city])])
    (problem,) = problems_of([bundled_terms_dir()], [user])
    bundled = bundled_terms_dir() / "longgang" / "2023-government-work-report.yaml"
    line = line_of(bundled, "- id: shuang-qu-qu-dong")
    assert (problem.file, problem.entry) == (str(user), "team-shuang-qu")
    assert problem.message == (
        "surface '双区驱动' is also claimed by the bundled entry 'shuang-qu-qu-dong'"
        f" (<bundled>/longgang/2023-government-work-report.yaml:{line}) in region 深圳市;"
        " to replace the bundled entry, give yours the id 'shuang-qu-qu-dong';"
        " to add a regional sense, give it a different region"
    )


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        pytest.param("{bundled}/longgang/a.yaml", "<bundled>/longgang/a.yaml", id="bundled"),
        pytest.param("terms/longgang/a.yaml", "terms/longgang/a.yaml", id="relative-as-typed"),
        pytest.param("/elsewhere/a.yaml", "/elsewhere/a.yaml", id="elsewhere"),
    ],
)
def test_bundled_files_are_named_relative_to_the_bundled_glossary(path: str, shown: str) -> None:
    from glossary._load.files import shown_name
    from glossary._load.paths import bundled_terms_dir

    assert shown_name(Path(path.format(bundled=bundled_terms_dir()))) == shown


def test_check_layers_returns_the_problems_load_layers_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", [entry(kind="nonsense"), entry("x", "X", colour="red")])
    assert check_layers([[path]]) == problems_of([path])
    assert check_layers([[write(tmp_path, "ok.yaml", [entry()])]]) == ()


def test_load_sources_validates_the_bytes_given_not_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", [entry()])
    other = dump_document([entry("liu-wen", "六稳六保")]).encode()
    (loaded,) = load_sources([[(path, other)]])
    assert (loaded.id, loaded.origin_file) == ("liu-wen", str(path))


# ---------------------------------------------------------------------------------------
# Finding files


def test_glossary_files_expands_directories_recursively_and_sorted(tmp_path: Path) -> None:
    for name in ("b/z.yaml", "a.yml", "b/a/x.yaml", "notes.txt", ".hidden/h.yaml", "b/.h.yaml"):
        write(tmp_path, name, "entries: []\n")
    single = write(tmp_path / "elsewhere", "team.glossary", "entries: []\n")
    found = glossary_files([tmp_path / "b", tmp_path, single, tmp_path / "a.yml"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "b/a/x.yaml",
        "b/z.yaml",
        "a.yml",
        "elsewhere/team.glossary",
    ]


def test_glossary_files_reports_every_missing_path(tmp_path: Path) -> None:
    with pytest.raises(DataError) as raised:
        glossary_files([tmp_path / "gone", tmp_path, tmp_path / "also-gone.yaml"])
    assert [(p.file, p.line) for p in raised.value.problems] == [
        (str(tmp_path / "gone"), 0),
        (str(tmp_path / "also-gone.yaml"), 0),
    ]


# ---------------------------------------------------------------------------------------
# Canonical form


CANONICAL = """\
entries:
- id: liu-wen
  term: 六稳六保
  kind: slogan
  senses:
  - expansion: 稳就业、稳金融 ……
    definition: |-
      第一段。
      第二段。
    gloss: six stabilities
    origin: official
    scope:
      region: 深圳市龙岗区
      level: district
    years:
    - 2021
    - 2022
    source:
      document: 龙岗区2023年政府工作报告
      issuer: 深圳市龙岗区人民政府
      date: '2023-01-12'
      item: 2
- id: a-last
  term: '422133'
  kind: numeric-formula
  variants:
  - “422133”工作部署
  related:
  - liu-wen
  - shuang-qu
  senses:
  - expansion: 各部分含义原文未说明
    definition: 原文未解释。
    gloss: unexplained formula
    origin: editorial
    scope:
      region: 深圳市
      level: city
    years:
    - 2023
    source:
      document: 报告
      issuer: 深圳市人民政府
      date: '2023-02-01'
    usage: 落实“422133”工作部署。
- id: b-last
  term: 双区驱动
  kind: slogan
  senses:
  - expansion: 两区
    definition: 两区。
    gloss: dual-zone drive
    origin: editorial
    scope:
      region: 深圳市
      level: city
    years:
    - 2023
    source:
      document: 报告
      issuer: 深圳市人民政府
      date: '2023-02-01'
    usage: 抢抓“双区”驱动机遇。
"""


def _scrambled_canonical_data() -> list[Data]:
    """The data of CANONICAL with keys, entries and lists out of order, as a person writes."""
    formula = {
        "senses": [
            {
                "usage": "落实“422133”工作部署。",
                "source": {
                    "date": dt.date(2023, 2, 1),
                    "issuer": "深圳市人民政府",
                    "document": "报告",
                },
                "years": [2023],
                "scope": {"level": "city", "region": "深圳市"},
                "origin": "editorial",
                "gloss": "unexplained formula",
                "definition": "原文未解释。",
                "expansion": "各部分含义原文未说明",
            }
        ],
        "related": ["shuang-qu", "liu-wen"],
        "exclude": [],
        "variants": ["“422133”工作部署"],
        "kind": "numeric-formula",
        "term": "422133",
        "id": "a-last",
    }
    slogan = {
        "id": "b-last",
        "term": "双区驱动",
        "kind": "slogan",
        "variants": [],
        "senses": [
            {
                "expansion": "两区",
                "definition": "两区。",
                "gloss": "dual-zone drive",
                "origin": "editorial",
                "scope": {"region": "深圳市", "level": "city"},
                "years": [2023],
                "source": {
                    "document": "报告",
                    "issuer": "深圳市人民政府",
                    "date": "2023-02-01",
                    "url": None,
                },
                "usage": "抢抓“双区”驱动机遇。",
            }
        ],
    }
    six = {
        "kind": "slogan",
        "term": "六稳六保",
        "id": "liu-wen",
        "senses": [
            {
                "origin": "official",
                "gloss": "six stabilities",
                "expansion": "稳就业、稳金融 ……",
                "definition": "第一段。\n第二段。",
                "years": [2021, 2022],
                "scope": {"level": "district", "region": "深圳市龙岗区"},
                "source": {
                    "item": 2,
                    "date": "2023-01-12",
                    "issuer": "深圳市龙岗区人民政府",
                    "document": "龙岗区2023年政府工作报告",
                },
            }
        ],
    }
    return [slogan, formula, six]


def test_dump_document_writes_the_canonical_form() -> None:
    assert dump_document(_scrambled_canonical_data()) == CANONICAL


def test_the_canonical_form_reads_back_as_the_same_data() -> None:
    reread = yaml.safe_load(CANONICAL)["entries"]
    assert dump_document(reread) == CANONICAL
    assert all(isinstance(e["senses"][0]["source"]["date"], str) for e in reread)
    assert reread[1]["term"] == "422133"


def test_format_files_rewrites_a_valid_file_and_only_it(tmp_path: Path) -> None:
    scrambled = yaml.dump({"entries": _scrambled_canonical_data()}, allow_unicode=True)
    messy = write(tmp_path, "messy.yaml", scrambled)
    os.chmod(messy, 0o644)
    write(tmp_path, "tidy.yaml", CANONICAL)
    broken_text = scrambled.replace("kind: slogan", "kind: nonsense")
    broken = write(tmp_path, "broken.yaml", broken_text)
    results = {f.path.name: f for f in format_files([tmp_path])}
    assert results["messy.yaml"].new == CANONICAL
    assert results["messy.yaml"].changed
    assert not results["tidy.yaml"].changed
    assert results["tidy.yaml"].new == CANONICAL
    assert not results["broken.yaml"].changed
    assert results["broken.yaml"].new == broken_text
    assert [p.entry for p in results["broken.yaml"].problems] == ["b-last", "liu-wen"]
    assert [f.write() for f in results.values()] == [False, True, False]  # sorted by name
    assert messy.read_text(encoding="utf-8") == CANONICAL
    assert broken.read_text(encoding="utf-8") == broken_text
    assert oct(messy.stat().st_mode & 0o777) == oct(0o644)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "messy.yaml", "tidy.yaml"]


def test_format_files_reports_an_unreadable_file_briefly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "a.yaml", [entry()])

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    (result,) = format_files([path])
    assert [str(p) for p in result.problems] == [f"{path}: cannot read: Permission denied"]


def test_format_files_checks_each_file_alone(tmp_path: Path) -> None:
    # related ids may point into another file: fmt must not call that a problem.
    path = write(tmp_path, "a.yaml", [entry(related=["elsewhere"])])
    (result,) = format_files([path])
    assert result.problems == ()
    assert result.new == dump_document([entry(related=["elsewhere"])])


def test_format_files_reports_duplicate_ids_within_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", [entry(), entry()])
    (result,) = format_files([path])
    assert [p.line for p in result.problems] == [
        line_of(path, "- id:", 1),
        line_of(path, "- id:", 2),
    ]


COMMENT = "comment would be lost; move it into the data or delete it"


def _canonical_with(old: str, new: str) -> str:
    """The canonical text of one valid entry, with one line replaced."""
    text = dump_document([entry()])
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_canonical_with("entries:\n", "# 龙岗区的术语\nentries:\n"), id="header"),
        pytest.param(
            _canonical_with("  kind: slogan\n", "  # 待核实\n  kind: slogan\n"), id="own-line"
        ),
        pytest.param(
            _canonical_with("  kind: slogan\n", "  kind: slogan  # 待核实\n"), id="end-of-line"
        ),
        pytest.param(_canonical_with("    - 2023\n", "    - 2023 # 第二年\n"), id="in-a-list"),
        pytest.param(_canonical_with("  kind: slogan\n", "  kind: slogan\n#\n"), id="bare-hash"),
        pytest.param(
            _canonical_with("      item: 1\n", "      item: 1\n\n# 完\n"), id="at-the-end"
        ),
    ],
)
def test_fmt_refuses_to_drop_comments(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "a.yaml", text)
    (result,) = format_files([path])
    assert [(p.line, p.message) for p in result.problems] == [(line_of(path, "#"), COMMENT)]
    assert (result.new, result.changed, result.write()) == (text, False, False)
    assert path.read_text(encoding="utf-8") == text


def test_glossary_fmt_reports_a_comment_as_a_data_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from glossary_cli.exit_codes import Exit
    from glossary_cli.main import main

    monkeypatch.chdir(tmp_path)
    text = _canonical_with("  kind: slogan\n", "  kind: slogan  # 待核实\n")
    write(tmp_path, "team.yaml", text)
    out, err = io.StringIO(), io.StringIO()
    code = main(["fmt", "team.yaml"], stdin=io.StringIO(), stdout=out, stderr=err)
    assert (code, out.getvalue()) == (Exit.DATA, "")
    assert err.getvalue() == f"team.yaml:{line_of(tmp_path / 'team.yaml', '#')}: {COMMENT}\n"
    assert (tmp_path / "team.yaml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "definition",
    [
        pytest.param("'C# 与 #号'", id="single-quoted"),
        pytest.param('"第#1条 # 不是注释"', id="double-quoted"),
        pytest.param("C#语言", id="plain-without-space"),
        pytest.param("|\n      第一行 # 不是注释\n      # 也不是", id="block-scalar"),
        pytest.param("'第一行\n\n      # 也不是'", id="multi-line-quoted"),
    ],
)
def test_fmt_is_not_fooled_by_hashes_in_values(tmp_path: Path, definition: str) -> None:
    old = "    definition: “双区”驱动，即粤港澳大湾区和中国特色社会主义先行示范区建设。\n"
    path = write(tmp_path, "a.yaml", _canonical_with(old, f"    definition: {definition}\n"))
    (result,) = format_files([path])
    assert result.problems == ()
    assert "#" in result.new


# ---------------------------------------------------------------------------------------
# Round trip, for any valid entry

# Any character a field may hold: no controls (category Cc) and no bidirectional
# embeddings, overrides or isolates; tab and line feed only where text runs over lines.
_char = st.characters(
    codec="utf-8",
    exclude_categories=["Cc"],
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
_text = st.text(st.one_of(_char, st.sampled_from("\n\t")), min_size=1, max_size=12)
_line = st.text(_char, min_size=1, max_size=12).filter(str.strip)
_hanzi = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=6)


@st.composite
def _entries(draw: st.DrawFn) -> list[Data]:
    """Valid, mutually consistent entries with awkward strings in their free-text fields."""
    count = draw(st.integers(1, 4))
    terms = draw(st.lists(_hanzi, min_size=count, max_size=count, unique=True))
    ids = [f"e-{i}" for i in range(count)]
    result = []
    for i, term in enumerate(terms):
        years = draw(st.lists(st.integers(1949, 2100), min_size=1, max_size=4, unique=True))
        is_official = draw(st.booleans())
        sense = official(
            item=draw(st.integers(1, 30)),
            definition=draw(_text.filter(str.strip)),
            expansion=draw(_line),
            gloss=draw(_line),
            years=sorted(years),
        )
        sense["scope"]["region"] = f"区{i}"  # distinct regions: no surface clash
        if not is_official:
            sense = {**sense, "origin": "editorial", "usage": draw(_text) + term + draw(_text)}
            del sense["source"]["item"]
        related = draw(st.lists(st.sampled_from(ids), unique=True))
        result.append(
            entry(ids[i], term, senses=[sense], related=[r for r in related if r != ids[i]])
        )
    return result


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=_entries())
def test_dump_then_load_gives_the_same_entries(tmp_path: Path, entries: list[Data]) -> None:
    text = dump_document(entries)
    path = write(tmp_path, "round.yaml", text)
    loaded = {e.id: e for e in load_layers([[path]])}
    for data in entries:
        expected: Entry = build_entry(copy.deepcopy(data), str(path))
        got = loaded[data["id"]]
        assert got == Entry(**{**_fields(expected), "related": tuple(sorted(expected.related))})
    assert dump_document(yaml.safe_load(text)["entries"]) == text


def _fields(entry_: Entry) -> dict[str, Any]:
    return {name: getattr(entry_, name) for name in Entry.__dataclass_fields__}


# ---------------------------------------------------------------------------------------
# Other YAML files read with the same rules


def test_read_yaml_returns_plain_data(tmp_path: Path) -> None:
    path = write(tmp_path, "settings.yaml", "glossary:\n- team.yaml\nfootnotes: true\n")
    assert read_yaml(path) == {"glossary": ["team.yaml"], "footnotes": True}


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        pytest.param("a: 1\na: 2\n", 2, "key 'a' is given twice", id="duplicate-key"),
        pytest.param("a: !!python/name:os.system\n", 1, "is refused", id="python-tag"),
        pytest.param("a: [\n", 1, "malformed YAML", id="malformed"),
        pytest.param(b"a: \xff\n", 1, "not UTF-8", id="not-utf8"),
    ],
)
def test_read_yaml_refuses_what_the_loader_refuses(
    tmp_path: Path, content: str | bytes, line: int, message: str
) -> None:
    path = write(tmp_path, "settings.yaml", content)
    with pytest.raises(DataError) as raised:
        read_yaml(path)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line) == (str(path), line)
    assert message in problem.message


# ---------------------------------------------------------------------------------------
# Atomic writes: fmt, the cache and the hooks share glossary._load.files.write_atomic


def _write_fmt(path: Path) -> None:
    (result,) = format_files([path])
    assert result.write()


def _write_cache(path: Path) -> None:
    from glossary._load.cache import _write

    _write(path, "0" * 64, ())


def _write_draft(path: Path) -> None:
    from glossary import Glossary
    from glossary_cli.drafts import annotate_file

    assert annotate_file(path, Glossary.default())


_OLD = {
    "fmt": yaml.dump({"entries": [entry(related=["b", "a"])]}, allow_unicode=True),
    "cache": "{}",
    "draft": "落实“六稳六保”。\n",
}
WRITERS = [
    pytest.param(_write_fmt, _OLD["fmt"], id="fmt"),
    pytest.param(_write_cache, _OLD["cache"], id="cache"),
    pytest.param(_write_draft, _OLD["draft"], id="hook-draft"),
]


@pytest.mark.parametrize(("rewrite", "old"), WRITERS)
def test_every_rewrite_goes_through_symlinks_keeps_the_mode_and_syncs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rewrite: Callable[[Path], None], old: str
) -> None:
    real = write(tmp_path / "real", "file.yaml", old)
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    synced: list[int] = []
    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or fsync(fd))
    rewrite(link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") != old
    assert real.stat().st_mode & 0o777 == 0o640
    assert synced, "the data must reach the disk before the rename"
    assert sorted(p.name for p in real.parent.iterdir()) == ["file.yaml"]


class _Failing:
    """A file that writes the first byte it is given, then fails."""

    def __init__(self, file: Any, error: BaseException) -> None:
        self.file, self.error = file, error

    def __enter__(self) -> _Failing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def write(self, data: bytes) -> None:
        self.file.write(data[:1])
        raise self.error


def _fail_in(name: str, error: BaseException) -> Callable[[pytest.MonkeyPatch], None]:
    """Make one step of ``write_atomic`` fail: ``os.<name>``, or the write itself."""

    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        def fail(*args: object, **kwargs: object) -> None:
            raise error

        if name == "write":  # some of the data written, then the disk full
            real = os.fdopen
            monkeypatch.setattr(os, "fdopen", lambda fd, mode: _Failing(real(fd, mode), error))
        else:
            monkeypatch.setattr(os, name, fail)

    return inject


@pytest.mark.parametrize(
    "inject",
    [
        _fail_in("write", OSError(28, "No space left on device")),
        _fail_in("fsync", OSError(5, "Input/output error")),
        _fail_in("chmod", OSError(1, "Operation not permitted")),
        _fail_in("replace", OSError(28, "No space left on device")),
        _fail_in("fsync", KeyboardInterrupt()),
        _fail_in("replace", KeyboardInterrupt()),
    ],
    ids=["write", "fsync", "chmod", "replace", "interrupt-at-fsync", "interrupt-at-replace"],
)
def test_write_atomic_leaves_the_file_and_no_temporary_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inject: Callable[[pytest.MonkeyPatch], None]
) -> None:
    """Whatever fails between creating the temporary file and renaming it, the old file
    is intact and the temporary file is gone."""
    from glossary._load.files import write_atomic

    path = write(tmp_path, "a.yaml", "old")
    path.chmod(0o640)  # so that the mode is set, and chmod can fail
    inject(monkeypatch)
    with pytest.raises((OSError, KeyboardInterrupt)):
        write_atomic(path, b"new")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
