"""The ``glossary`` command run in-process through ``main(argv, stdin=, stdout=, stderr=)``."""

from __future__ import annotations

import dataclasses
import doctest
import importlib
import io
import json
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from entries import team_yaml
from glossary import LANGS, LEVELS, STYLES, Glossary, Lang, Style
from glossary._extract.extract import extract
from glossary._normalise.script import detect_script, to_script
from glossary_cli import main as main_module
from glossary_cli.chat import ChatState, respond
from glossary_cli.commands import MODULES
from glossary_cli.commands.explain import LANGS as CLI_LANGS
from glossary_cli.commands.explain import STYLES as CLI_STYLES
from glossary_cli.commands.extract import LEVELS as CLI_LEVELS
from glossary_cli.exit_codes import Exit
from glossary_cli.layout import width
from glossary_cli.main import BROKEN_PIPE, INTERNAL, main

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
REPORT = SEEDS / "longgang-2023-work-report.txt"
PASSAGE = "2022年以来，全面落实“1+1+10+N”经济运行调度机制，抢抓“双区”驱动等重大历史机遇。\n"

TEAM = team_yaml()


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def run(*argv: str, stdin: str = "") -> Result:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return Result(code, out.getvalue(), err.getvalue())


def run_bytes(*argv: str, stdin: bytes) -> Result:
    """Run with stdin as a process gets it: bytes behind a text layer (as sys.stdin is)."""
    out, err = io.StringIO(), io.StringIO()
    text = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
    code = main(list(argv), stdin=text, stdout=out, stderr=err)
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(TEAM, encoding="utf-8")
    return path


# --- explain ----------------------------------------------------------------------------


#: The styles whose output is the text itself (with additions), written exactly as rendered;
#: the others are documents about the text, which end with a newline like any output.
VERBATIM = ("inline", "footnotes", "markdown")


@pytest.mark.parametrize("style", STYLES, ids=STYLES)
@pytest.mark.parametrize(
    "text", [PASSAGE, PASSAGE.rstrip("\n"), "x", ""], ids=["newline", "none", "x", "empty"]
)
def test_explain_writes_the_rendering_exactly(style: Style, text: str) -> None:
    result = run("explain", "--format", style, stdin=text)
    expected = Glossary.default().explain(text).render(style)
    if style not in VERBATIM and not expected.endswith("\n"):
        expected += "\n"
    assert (result.code, result.out, result.err) == (Exit.OK, expected, "")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("style", STYLES, ids=STYLES)
def test_explain_writes_the_rendering_in_the_language_asked(style: Style, lang: Lang) -> None:
    result = run("explain", "--format", style, "--lang", lang, stdin=PASSAGE)
    expected = Glossary.default().explain(PASSAGE).render(style, lang=lang)
    if style not in VERBATIM and not expected.endswith("\n"):
        expected += "\n"
    assert (result.code, result.out, result.err) == (Exit.OK, expected, "")
    if lang == "en" and style == "footnotes":
        assert "Terms explained" in result.out


def test_explain_refuses_an_unknown_language() -> None:
    result = run("explain", "--lang", "fr", stdin=PASSAGE)
    assert result.code == Exit.USAGE
    assert "argument --lang: invalid choice: 'fr'" in result.err


def test_chat_takes_the_language_as_an_option() -> None:
    result = run("chat", "--lang", "en", stdin="六稳六保\n/lang\n")
    lines = result.out.splitlines()
    assert lines[1] == "  the 'six stabilities' and 'six guarantees' of macroeconomic policy"
    assert "Language: en (the English gloss in place of the Chinese)." in lines


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


READING = {
    "explain": ["explain", "--format", "json"],
    "extract": ["extract", "--format", "json", "-"],
    "chat-to-a-file": ["chat"],  # a terminal in, no terminal out: no REPL, no prompt
}


@pytest.mark.parametrize("name", list(READING), ids=list(READING))
def test_reading_a_terminal_says_how_to_end_the_input(name: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(READING[name], stdin=Terminal("双区驱动\n"), stdout=out, stderr=err)
    assert code == Exit.OK
    assert err.getvalue().splitlines()[0] == "glossary: reading standard input; end with Ctrl-D"


@pytest.mark.parametrize("command", ["explain", "extract"], ids=["explain", "extract"])
def test_reading_a_pipe_says_nothing(command: str) -> None:
    argv = [command, "--format", "json"] + (["-"] if command == "extract" else [])
    assert "reading standard input" not in run(*argv, stdin="双区驱动\n").err


@pytest.fixture
def rival(tmp_path: Path) -> Path:
    """A team's 1+10+N of Longgang, beside the bundled 1+10+N of Luohu."""
    path = tmp_path / "rival.yaml"
    path.write_text(team_yaml(term="1+10+N", region="深圳市龙岗区"), encoding="utf-8")
    return path


RIVAL_TEXT = "“1+10+N”体系建成。"
LUOHU_EXPANSION = next(
    s.expansion
    for e in Glossary.default().lookup("1+10+N")
    for s in e.senses
    if s.scope and s.scope.region == "深圳市罗湖区"
)
TEAM_EXPANSION = "1个指挥中心 + 6个工作专班 + N个成员单位"


@pytest.mark.parametrize(
    ("region", "expansion"),
    [
        ("深圳市罗湖区", LUOHU_EXPANSION),
        ("深圳市龙岗区", TEAM_EXPANSION),
        ("龙岗", TEAM_EXPANSION),
        ("龍崗區", TEAM_EXPANSION),
        ("罗湖区", LUOHU_EXPANSION),
    ],
    ids=["luohu", "longgang", "short", "traditional", "with-suffix"],
)
def test_explain_takes_the_sense_of_the_region(
    tmp_path: Path, rival: Path, region: str, expansion: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(RIVAL_TEXT, encoding="utf-8")
    result = run("explain", str(path), "--glossary", str(rival), "--region", region)
    assert (result.code, result.err) == (Exit.OK, "")
    assert f"（{expansion}）" in result.out
    assert LUOHU_EXPANSION in result.out or TEAM_EXPANSION in result.out
    other = TEAM_EXPANSION if expansion == LUOHU_EXPANSION else LUOHU_EXPANSION
    assert other not in result.out


def known_regions() -> str:
    """Every region of the bundled glossary's senses, as the message lists them."""
    from glossary import Glossary

    scopes = {s.scope.region for e in Glossary.default() for s in e.senses if s.scope}
    return "、".join(sorted(scopes))


KNOWN_REGIONS = known_regions()


@pytest.mark.parametrize("command", ["explain", "chat"], ids=["explain", "chat"])
@pytest.mark.parametrize(
    ("region", "says"),
    [
        ("火星", f"--region 火星: no such region in the glossary; known: {KNOWN_REGIONS}"),
        ("longgang", f"--region longgang: no such region in the glossary; known: {KNOWN_REGIONS}"),
        (
            "自治区",
            "--region 自治区: could be "
            "内蒙古自治区、宁夏回族自治区、广西壮族自治区、新疆维吾尔自治区、西藏自治区; name one",
        ),
    ],
    ids=["unknown", "pinyin", "ambiguous"],
)
def test_an_unknown_region_is_a_usage_error(command: str, region: str, says: str) -> None:
    result = run(command, "--region", region, stdin="1+10+N\n")
    assert (result.code, result.out, result.err) == (Exit.USAGE, "", f"glossary: {says}\n")


@pytest.mark.parametrize(
    "name",
    ["罗湖", "羅湖區", "深圳", "火星", "区", "龙岗"],
    ids=["short", "trad", "city", "unknown", "ambiguous", "longgang"],
)
def test_the_region_option_and_the_region_command_agree(name: str) -> None:
    by_command = run("chat", stdin=f"/region {name}\n/region\n").out
    by_option = run("chat", "--region", name, stdin="/region\n")
    current = by_command.split("Region: ")[1].split(".")[0]
    if by_option.code == Exit.OK:
        assert by_option.out.startswith(f"Region: {current}.")
    else:
        assert current.startswith("none")


HANT = "全面落實“1+1+10+N”經濟運行調度機制，搶抓“雙區”驅動等重大歷史機遇。\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("gb18030", PASSAGE), ("big5", HANT), ("utf-16", PASSAGE)],
    ids=["gb18030", "big5", "utf16"],
)
def test_explain_reads_a_legacy_encoding_on_request(
    tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    result = run("explain", str(path), "--encoding", encoding)
    assert result.code == Exit.OK
    assert result.out == run("explain", stdin=text).out
    assert "（" in result.out


def test_explain_drops_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PASSAGE.encode("utf-8"))
    assert run("explain", str(path)).out == run("explain", stdin=PASSAGE).out


# --- lookup and search ------------------------------------------------------------------


@pytest.mark.parametrize(
    "term", ["1+1+10+N", "雙區驅動", "“20+8”"], ids=["formula", "trad", "quoted"]
)
def test_lookup_text(term: str) -> None:
    [entry] = Glossary.default().lookup(term)
    result = run("lookup", term)
    script = detect_script(term)  # the answer is written as the question is
    assert result.code == Exit.OK
    assert to_script(entry.senses[0].expansion, script)[:20] in result.out
    assert result.out.splitlines()[0] == f"{to_script(entry.term, script)}  {entry.kind}"


def test_lookup_json() -> None:
    result = run("lookup", "1+1+10+N", "--format", "json")
    [data] = json.loads(result.out)
    [entry] = Glossary.default().lookup("1+1+10+N")
    assert result.code == Exit.OK
    assert data["id"] == entry.id
    assert data["senses"][0]["definition"] == entry.senses[0].definition
    assert "origin_file" not in data


@pytest.mark.parametrize("fmt", ["text", "json"], ids=["text", "json"])
def test_lookup_of_an_unknown_term_names_the_nearest(fmt: str) -> None:
    result = run("lookup", "双区驱", "--format", fmt)
    assert result.code == Exit.FINDINGS
    assert result.err.startswith("glossary: no entry for “双区驱”; nearest: 双区驱动")
    assert result.out == ("[]\n" if fmt == "json" else "")


def test_search_text_and_json() -> None:
    text = run("search", "双区", "--limit", "2")
    data = json.loads(run("search", "双区", "--limit", "2", "--format", "json").out)
    hits = Glossary.default().search("双区", limit=2)
    assert [d["term"] for d in data] == [h.entry.term for h in hits]
    assert [row.split("  ")[0] for row in text.out.splitlines()] == [h.entry.term for h in hits]


def test_search_without_hits_exits_with_1() -> None:
    result = run("search", "xyzzy")
    assert (result.code, result.out) == (Exit.FINDINGS, "")
    assert "xyzzy" in result.err


# --- extract ----------------------------------------------------------------------------

METADATA = (
    "--title",
    "龙岗区2023年政府工作报告",
    "--issuer",
    "深圳市龙岗区人民政府",
    "--region",
    "深圳市龙岗区",
    "--level",
    "district",
    "--date",
    "2023-01-12",
)


def test_extract_json_lists_every_item() -> None:
    result = run("extract", str(REPORT), "--format", "json")
    items = extract(REPORT.read_text(encoding="utf-8"))
    assert result.code == Exit.OK
    assert json.loads(result.out) == [dataclasses.asdict(item) for item in items]
    assert {"number", "term", "definition"} <= set(json.loads(result.out)[0])
    assert len(items) >= 18


def test_extract_yaml_is_a_valid_glossary_file(tmp_path: Path) -> None:
    result = run("extract", str(REPORT), *METADATA)
    path = tmp_path / "draft.yaml"
    path.write_text(result.out, encoding="utf-8")
    assert result.code == Exit.OK
    assert yaml.safe_load(result.out)["entries"][0]["senses"][0]["source"]["item"] == 1
    assert run("validate", "--no-bundled", str(path)).code == Exit.OK


@pytest.mark.parametrize(
    ("options", "out"),
    [(("--format", "json"), "[]\n"), (METADATA, "")],
    ids=["json-an-empty-list", "yaml-nothing"],
)
def test_extract_without_a_glossary_section(
    tmp_path: Path, options: tuple[str, ...], out: str
) -> None:
    path = tmp_path / "news.txt"
    path.write_text("今天天气很好。\n", encoding="utf-8")
    result = run("extract", str(path), *options)
    assert (result.code, result.out) == (Exit.OK, out)
    assert (
        result.err
        == f"glossary: {path}: no glossary section (名词解释) found; nothing to extract\n"
    )


@pytest.mark.parametrize("date", ["2023-01-12", "2024-02-29"], ids=["ordinary", "leap-day"])
def test_extract_takes_an_iso_date(date: str) -> None:
    options = [*METADATA[:-1], date, "--url", "https://www.lg.gov.cn/report.html"]
    result = run("extract", str(REPORT), *options)
    assert result.code == Exit.OK
    assert f"date: '{date}'" in result.out


# --- validate and fmt -------------------------------------------------------------------


def test_validate_the_bundled_glossary() -> None:
    result = run("validate")
    assert result.code == Exit.OK
    assert result.out.endswith(f"{len(Glossary.default())} entries: no problems\n")


def test_validate_a_team_file_on_top_of_the_bundled_one(team: Path) -> None:
    result = run("validate", str(team))
    assert result.code == Exit.OK
    assert f"{len(Glossary.default()) + 1} entries" in result.out


def test_validate_reports_every_problem_as_file_line(tmp_path: Path, team: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TEAM.replace("    years:\n    - 2023\n", ""), encoding="utf-8")
    result = run("validate", "--no-bundled", str(bad))
    assert result.code == Exit.DATA
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert any("[team-1-6-n]" in line and "years" in line for line in lines)


def test_fmt_check_then_fmt(tmp_path: Path, team: Path) -> None:
    shuffled = TEAM.replace(
        "  term: 1+6+N\n  kind: numeric-formula\n", "  kind: numeric-formula\n  term: 1+6+N\n"
    ).replace("    years:\n    - 2023\n", "    years: [2023]\n")
    messy = tmp_path / "messy.yaml"
    messy.write_text(shuffled, encoding="utf-8")
    before = messy.read_text(encoding="utf-8")
    check = run("fmt", "--check", str(messy))
    assert (check.code, check.out) == (Exit.FINDINGS, f"would reformat {messy}\n")
    assert messy.read_text(encoding="utf-8") == before
    fixed = run("fmt", str(messy))
    assert (fixed.code, fixed.out) == (Exit.FINDINGS, f"reformatted {messy}\n")
    assert messy.read_text(encoding="utf-8") == TEAM
    assert run("fmt", "--check", str(messy)).code == Exit.OK


def test_fmt_leaves_an_invalid_file_alone(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n- id: x\n  term: [\n", encoding="utf-8")
    result = run("fmt", str(bad))
    assert result.code == Exit.DATA
    assert result.err.startswith(f"{bad}:")
    assert bad.read_text(encoding="utf-8") == "entries:\n- id: x\n  term: [\n"


# --- chat without a terminal --------------------------------------------------------------


@pytest.mark.parametrize("argv", [("chat",), ()], ids=["chat", "no-arguments"])
def test_piped_queries_are_answered_line_by_line(argv: tuple[str, ...]) -> None:
    result = run(*argv, stdin="1+1+10+N\n什么是双区驱动\n")
    answers = result.out.split("\n\n")
    assert result.code == Exit.OK
    assert answers[0].startswith("1+1+10+N  numeric-formula")
    assert answers[1].startswith("双区驱动  slogan")
    assert "glossary>" not in result.out  # no prompt, no prompt-toolkit UI


def test_piped_chat_stops_at_quit_and_keeps_the_region() -> None:
    result = run("chat", stdin="/region 罗湖\n1+10+N\n/quit\n双区驱动\n")
    assert "Region set to 深圳市罗湖区." in result.out
    assert "深圳市罗湖区 (district)" in result.out
    assert "slogan" not in result.out


def _answer(line: str) -> str:
    """The chat's answer to ``line`` as plain text, unwrapped."""
    return respond(line, ChatState(Glossary.default())).text


@pytest.mark.parametrize("argv", [("chat",), ("lookup", "20+8")], ids=["chat", "lookup"])
def test_answers_to_a_pipe_are_not_wrapped(argv: tuple[str, ...]) -> None:
    # Copied from a pipe into a document, a long line must stay one line.
    result = run(*argv, stdin="20+8\n")
    assert max(width(line) for line in result.out.splitlines()) > 80
    assert result.out.rstrip("\n") == _answer("20+8").rstrip("\n")


@pytest.mark.parametrize(
    ("columns", "widest"), [("40", 40), ("200", 80), ("", 80)], ids=["narrow", "wide", "unset"]
)
def test_answers_to_a_terminal_wrap_at_its_width_up_to_80(
    monkeypatch: pytest.MonkeyPatch, columns: str, widest: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    assert main(["lookup", "20+8"], stdin=io.StringIO(), stdout=out, stderr=io.StringIO()) == 0
    rows = out.getvalue().splitlines()
    assert widest - 4 <= max(width(row) for row in rows) <= widest


QUERIES = "雙區驅動\n20+8\n"


@pytest.mark.parametrize(
    "encoding", ["gb18030", "big5", "utf-16", "utf-8"], ids=["gb18030", "big5", "utf16", "utf8"]
)
def test_piped_chat_reads_the_encoding_it_is_told(encoding: str) -> None:
    result = run_bytes("chat", "--encoding", encoding, stdin=QUERIES.encode(encoding))
    assert (result.code, result.err) == (Exit.OK, "")
    assert result.out == run("chat", stdin=QUERIES).out


@pytest.mark.parametrize(
    ("data", "says", "answered"),
    [
        (
            QUERIES.encode("gb18030"),
            "glossary: standard input, line 1: is not UTF-8; it looks like GB18030:"
            " pass --encoding gb18030, or convert it to UTF-8\n",
            [],
        ),
        (
            b"20+8\n\xff\xfe\n" + "双区驱动\n".encode(),
            "glossary: standard input, line 2: is not UTF-8 (byte 0xff at offset 0),"
            " nor GB18030, Big5 or UTF-16: convert it to UTF-8, or pass --encoding\n",
            ["20+8  numeric-formula"],
        ),
    ],
    ids=["gb18030-without-encoding", "bad-line-in-the-middle"],
)
def test_piped_chat_stops_at_a_line_it_cannot_decode(
    data: bytes, says: str, answered: list[str]
) -> None:
    result = run_bytes("chat", stdin=data)
    assert (result.code, result.err) == (Exit.INPUT, says)
    # The answers before the bad line are kept, each followed by its blank line.
    assert [a.splitlines()[0] for a in result.out.split("\n\n") if a] == answered


def test_piped_chat_with_a_wrong_encoding_names_the_option() -> None:
    result = run_bytes("chat", "--encoding", "ascii", stdin="双区驱动\n".encode())
    assert result.code == Exit.INPUT
    assert result.err.startswith("glossary: standard input, line 1: is not valid ascii")
    assert "check --encoding" in result.err


# --- a team's glossary ------------------------------------------------------------------


def test_a_team_glossary_adds_to_the_bundled_one(team: Path) -> None:
    assert run("lookup", "1+6+N", "--glossary", str(team)).code == Exit.OK
    assert run("lookup", "双区驱动", "--glossary", str(team)).code == Exit.OK
    assert run("--glossary", str(team), "lookup", "1+6+N").code == Exit.OK  # before the command


def test_no_bundled_leaves_only_the_team(team: Path) -> None:
    assert run("lookup", "1+6+N", "--no-bundled", "--glossary", str(team)).code == Exit.OK
    assert run("lookup", "双区驱动", "--no-bundled", "--glossary", str(team)).code == Exit.FINDINGS


# --- errors -----------------------------------------------------------------------------


def _file(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    return str(path)


Argv = Callable[[Path], tuple[str, ...]]
ERRORS: dict[str, tuple[Argv, int, str]] = {
    "missing-file": (
        lambda tmp: ("explain", f"{tmp}/no-such.txt"),
        Exit.INPUT,
        "glossary: {tmp}/no-such.txt: no such file; check the path\n",
    ),
    "directory": (lambda tmp: ("explain", str(tmp)), Exit.INPUT, ": no text files in it"),
    "gb18030": (
        lambda tmp: ("explain", _file(tmp, PASSAGE.encode("gb18030"))),
        Exit.INPUT,
        "report.txt: is not UTF-8; it looks like GB18030: pass --encoding gb18030",
    ),
    "big5": (
        lambda tmp: (
            "extract",
            _file(tmp, "雙區驅動，名詞解釋。".encode("big5")),
            "--format",
            "json",
        ),
        Exit.INPUT,
        "it looks like Big5: pass --encoding big5",
    ),
    "utf-16": (
        lambda tmp: ("explain", _file(tmp, PASSAGE.encode("utf-16"))),
        Exit.INPUT,
        "it looks like UTF-16: pass --encoding utf-16",
    ),
    "binary": (
        lambda tmp: ("explain", _file(tmp, bytes(range(256)))),
        Exit.INPUT,
        "is not UTF-8 (byte 0x80 at offset 128), nor GB18030, Big5 or UTF-16",
    ),
    "wrong-encoding": (
        lambda tmp: ("explain", _file(tmp, PASSAGE.encode()), "--encoding", "ascii"),
        Exit.INPUT,
        "report.txt: is not valid ascii (byte offset 4); check --encoding",
    ),
    "unknown-encoding": (
        lambda tmp: ("explain", "-", "--encoding", "klingon"),
        Exit.USAGE,
        "unknown encoding 'klingon'",
    ),
    "invalid-glossary": (
        lambda tmp: ("lookup", "x", "--glossary", _file(tmp, b"entries:\n- id: Bad Id\n")),
        Exit.DATA,
        "report.txt:2: ",
    ),
    "missing-glossary": (
        lambda tmp: ("lookup", "x", "--glossary", f"{tmp}/team.yaml"),
        Exit.INPUT,
        "glossary: {tmp}/team.yaml: no such file; check the path\n",
    ),
    "missing-glossary-before-the-command": (
        lambda tmp: ("--glossary", f"{tmp}/team.yaml", "explain", "-"),
        Exit.INPUT,
        "glossary: {tmp}/team.yaml: no such file; check the path\n",
    ),
    "validate-a-missing-file": (
        lambda tmp: ("validate", "--no-bundled", f"{tmp}/team.yaml"),
        Exit.INPUT,
        "glossary: {tmp}/team.yaml: no such file; check the path\n",
    ),
    "fmt-a-missing-file": (
        lambda tmp: ("fmt", f"{tmp}/team.yaml"),
        Exit.INPUT,
        "glossary: {tmp}/team.yaml: no such file; check the path\n",
    ),
    "extract-a-missing-file": (
        lambda tmp: ("extract", f"{tmp}/team.yaml", "--format", "json"),
        Exit.INPUT,
        "glossary: {tmp}/team.yaml: no such file; check the path\n",
    ),
    "no-glossary-at-all": (
        lambda tmp: ("lookup", "x", "--no-bundled"),
        Exit.USAGE,
        "--no-bundled leaves no glossary: add --glossary PATH",
    ),
    "bad-format": (
        lambda tmp: ("explain", "--format", "rtf"),
        Exit.USAGE,
        "glossary explain: argument --format: invalid choice: 'rtf'",
    ),
    "unknown-command": (lambda tmp: ("translate",), Exit.USAGE, "invalid choice: 'translate'"),
    "extract-without-metadata": (
        lambda tmp: (
            "extract",
            _file(tmp, "名词解释\n1.双一流：指一流大学。\n".encode()),
            *("--title", "报告", "--issuer", "某区人民政府", "--region", "某区"),
            *("--level", "district"),
        ),
        Exit.USAGE,
        "report.txt: no date in the report's heading lines; give --date",
    ),
    "bad-date": (
        lambda tmp: ("extract", str(REPORT), "--date", "12/01/2023"),
        Exit.USAGE,
        "not a YYYY-MM-DD date: '12/01/2023'",
    ),
    "bad-limit": (lambda tmp: ("search", "双区", "--limit", "0"), Exit.USAGE, "must be 1 or more"),
    "compact-date": (
        lambda tmp: ("extract", str(REPORT), *METADATA[:-1], "20230112"),
        Exit.USAGE,
        "glossary extract: argument --date: not a YYYY-MM-DD date: '20230112'",
    ),
    "impossible-date": (
        lambda tmp: ("extract", str(REPORT), *METADATA[:-1], "2023-02-30"),
        Exit.USAGE,
        "not a YYYY-MM-DD date: '2023-02-30'",
    ),
    "ftp-url": (
        lambda tmp: ("extract", str(REPORT), *METADATA, "--url", "ftp://lg.gov.cn/r.txt"),
        Exit.USAGE,
        "glossary extract: argument --url: not an http(s) address: 'ftp://lg.gov.cn/r.txt'",
    ),
    "empty-term": (
        lambda tmp: ("lookup", ""),
        Exit.USAGE,
        "glossary lookup: argument TERM: must not be empty",
    ),
    "blank-query": (
        lambda tmp: ("search", "  "),
        Exit.USAGE,
        "glossary search: argument QUERY: must not be empty",
    ),
    "validate-nothing-left": (
        lambda tmp: ("validate", "--no-bundled"),
        Exit.USAGE,
        "--no-bundled leaves nothing to validate: name a PATH",
    ),
    "fmt-nothing-left": (
        lambda tmp: ("fmt", "--check", "--no-bundled"),
        Exit.USAGE,
        "--no-bundled leaves nothing to format: name a PATH",
    ),
}


@pytest.mark.parametrize("case", list(ERRORS), ids=list(ERRORS))
def test_errors_are_one_line_with_the_fix(tmp_path: Path, case: str) -> None:
    argv, code, message = ERRORS[case]
    result = run(*argv(tmp_path))
    assert result.code == code
    assert message.format(tmp=tmp_path) in result.err
    assert "Traceback" not in result.err
    assert len(result.err.splitlines()) == 1 or code == Exit.DATA
    assert result.out == ""


def test_an_internal_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr("glossary_cli.commands.lookup.run_lookup", broken)
    result = run("lookup", "20+8")
    assert result.code == INTERNAL
    assert result.err == "glossary: internal error: RuntimeError: boom\n"


@pytest.mark.parametrize(
    ("stderr", "said"), [(Terminal, "\n"), (io.StringIO, "")], ids=["terminal", "pipe"]
)
def test_ctrl_c_exits_with_130_on_a_fresh_line(
    monkeypatch: pytest.MonkeyPatch, stderr: type[io.StringIO], said: str
) -> None:
    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("glossary_cli.commands.explain.run", interrupted)
    err = stderr()
    code = main(["explain"], stdin=io.StringIO("x"), stdout=io.StringIO(), stderr=err)
    assert (code, err.getvalue()) == (Exit.INTERRUPTED, said)


def test_a_closed_pipe_ends_quietly() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    err = io.StringIO()
    code = main(["lookup", "20+8"], stdin=io.StringIO(), stdout=Closed(), stderr=err)
    assert (code, err.getvalue()) == (BROKEN_PIPE, "")


class _ShortWriteBuffer:
    """stdout's binary layer on a pipe whose reader leaves after ``room`` bytes.

    As CPython's buffered writer does (3.11, a real pipe): a large write is cut short
    and reported as written in part, with no error; the next write fails with EPIPE.
    """

    def __init__(self, room: int) -> None:
        self.room = room
        self.got = b""
        self.gone = False

    def write(self, data: bytes | memoryview) -> int:
        if self.gone:
            raise BrokenPipeError
        self.gone = True
        kept = bytes(data[: self.room])
        self.got += kept
        return len(kept)

    def flush(self) -> None:
        pass


class _PipeStdout(io.StringIO):
    """A text stdout over ``_ShortWriteBuffer`` that, like TextIOWrapper, ignores short writes."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, buffer: _ShortWriteBuffer) -> None:
        super().__init__()
        self.buffer = buffer

    def write(self, text: str) -> int:
        self.buffer.write(text.encode(self.encoding))
        return len(text)


def test_a_pipe_closed_midway_through_a_long_output_is_a_broken_pipe() -> None:
    buffer = _ShortWriteBuffer(room=1000)
    err = io.StringIO()
    code = main(
        ["explain"], stdin=io.StringIO(PASSAGE * 2000), stdout=_PipeStdout(buffer), stderr=err
    )
    assert (code, err.getvalue()) == (BROKEN_PIPE, "")
    assert len(buffer.got) == 1000


# --- help -------------------------------------------------------------------------------

COMMANDS = ["chat", "explain", "lookup", "search", "extract", "validate", "fmt"]


@pytest.mark.parametrize("command", COMMANDS, ids=COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.code == Exit.OK
    assert result.out.startswith(f"usage: glossary {command}")
    assert "example:\n  $ " in result.out or "example:\n  glossary " in result.out
    assert "--glossary PATH" in result.out
    assert result.err == ""


def test_top_level_help_lists_the_commands() -> None:
    result = run("--help")
    assert all(f"    {command} " in result.out for command in COMMANDS)


def test_version() -> None:
    assert run("--version").out.startswith("glossary ")


def test_the_parser_spells_the_library_constants_alike() -> None:
    assert (CLI_STYLES, CLI_LEVELS, CLI_LANGS) == (STYLES, LEVELS, LANGS)


MODULE_NAMES = [
    "glossary_cli.answers",
    "glossary_cli.chat",
    "glossary_cli.chat_lang",
    "glossary_cli.complete",
    "glossary_cli.decoding",
    "glossary_cli.errors",
    "glossary_cli.inputs",
    "glossary_cli.io",
    "glossary_cli.layout",
    "glossary_cli.questions",
    "glossary_cli.regions",
    "glossary_cli.repl",
    "glossary_cli.visible",
    "glossary_cli.writes",
    *(f"glossary_cli.commands.{name}" for name in MODULES),
]


@pytest.mark.parametrize("name", MODULE_NAMES, ids=MODULE_NAMES)
def test_doctests(name: str) -> None:
    # pytest collects doctests from src/ only; the CLI's examples must hold too.
    failures, _ = doctest.testmod(importlib.import_module(name))
    assert failures == 0


def test_main_module_is_importable_without_running() -> None:
    assert callable(main_module.run)


# --- the examples in --help are real ----------------------------------------------------


def _examples(epilog: str) -> list[tuple[str, list[str]]]:
    """The ``$ command`` lines of an epilog, each with the output lines shown after it."""
    examples: list[tuple[str, list[str]]] = []
    for line in epilog.splitlines():
        if line.startswith("  $ "):
            examples.append((line[4:], []))
        elif examples and line.startswith("  ") and not line.startswith("  glossary "):
            examples[-1][1].append(line[2:])
        elif examples and examples[-1][1]:
            examples.append(("", []))  # a blank or prose line ends the shown output
    return [(command, shown) for command, shown in examples if command]


def _run_example(command: str) -> list[str]:
    """Run ``[echo|printf 'X' |] glossary ARGS [| head -N]`` in-process, as a shell would."""
    stages = [shlex.split(stage) for stage in command.split(" | ")]
    stdin = ""
    if stages[0][0] in ("echo", "printf"):
        text = stages.pop(0)[1]
        stdin = text.encode().decode("unicode_escape").encode("latin-1").decode()
        stdin += "\n" if command.startswith("echo") else ""
    head = int(stages.pop()[1].lstrip("-")) if stages[-1][0] == "head" else None
    [argv] = stages
    assert argv[0] == "glossary"
    result = run(*argv[1:], stdin=stdin)
    return (result.out + result.err).splitlines()[:head]


@pytest.mark.parametrize("name", MODULES, ids=MODULES)
def test_help_examples_show_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (tmp_path / "report.txt").write_bytes(REPORT.read_bytes())
    (tmp_path / "team.yaml").write_text(
        TEAM.replace("team-1-6-n", "team-shuang-qu").replace("    years:\n    - 2023\n", ""),
        encoding="utf-8",
    )
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "roads.yaml").write_text(
        TEAM.replace(
            "  term: 1+6+N\n  kind: numeric-formula\n", "  kind: numeric-formula\n  term: 1+6+N\n"
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(f"glossary_cli.commands.{name}")
    epilogs = [v for k, v in vars(module).items() if k.endswith("EPILOG")]
    examples = [example for epilog in epilogs for example in _examples(epilog)]
    assert examples, f"{name} shows no example with its output"
    for command, shown in examples:
        assert _run_example(command)[: len(shown)] == shown, command
