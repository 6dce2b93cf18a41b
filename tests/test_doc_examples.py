"""Every ```console example of README.md and docs/ runs, and shows what the command prints.

Each page's blocks run in order in a temporary directory of their own, holding the
files the page's examples name (``FILES``), so that a command may use what an earlier
one wrote (``fmt`` rewriting a file, ``extract ... > draft.yaml`` then ``validate``).
A ``$ `` line is a command; the lines up to the next command are what it prints, stderr
and stdout together, exactly, except that a line ``...`` stands for one or more lines
the page leaves out. Output is that of a pipe or a file, not of a terminal: unwrapped,
without colour (docs/cli.md says so).

The commands are run in-process through ``glossary_cli.main.main``, with the few shell
forms the pages use: ``glossary ARGS``, ``> FILE``, ``| head -N``, ``echo '...' |``,
``printf '...' |``, ``iconv -f utf-8 -t ENC FILE |``, ``cat FILE``, ``head -N FILE``,
``tail -N FILE``, ``echo $?``, and a trailing ``\\`` to continue a line. Anything else
fails the test, unless the block is marked, on the line before its opening fence, with
``<!-- example: not run: REASON -->``: those are counted and listed in ``NOT_RUN``.

The Python examples (``>>>``) of the pages in docs/ run as doctests in the same
directory, after the page's console blocks; README.md's are tests/test_readme.py's.
"""

from __future__ import annotations

import codecs
import doctest
import io
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from glossary_cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
PAGES = sorted(
    [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")], key=lambda p: p.relative_to(ROOT)
)
_BLOCK = re.compile(
    r"(?:<!-- example: (?P<mark>[^\n]*?) -->\n)?```console\n(?P<body>.*?)^```", re.M | re.S
)
ELISION = "..."

NEWS = "发展“20+8”产业集群，打造“双区”驱动新引擎。\n"
TEAM_10N = """\
entries:
- id: team-1-10-n
  term: 1+10+N
  kind: numeric-formula
  senses:
  - expansion: 1个区级平台 + 10个街道分平台 + N个社区网格
    definition: 龙岗区智慧城市“1+10+N”平台体系（团队笔记）。
    gloss: Longgang's 1+10+N platform system (team note)
    origin: editorial
    scope:
      region: 深圳市龙岗区
      level: district
    years:
    - 2023
    source:
      document: 团队工作笔记
      issuer: 测试团队
      date: '2023-03-01'
    usage: 建成“1+10+N”平台体系。
"""
TEAM_SHUANG_QU = """\
entries:
- id: team-shuang-qu
  {first}
  {second}
  senses:
  - expansion: 粤港澳大湾区 + 深圳先行示范区
    definition: 团队对“双区”的简称。
    gloss: the two zones (team note)
    origin: editorial
    scope:
      region: 深圳市龙岗区
      level: district
{years}    source:
      document: 团队工作笔记
      issuer: 测试团队
      date: '2023-03-01'
    usage: 抢抓“双区”驱动机遇。
"""
CANONICAL = {"first": "term: 双区", "second": "kind: slogan", "years": "    years:\n    - 2023\n"}
REPORT = SEEDS / "longgang-2023-work-report.txt"
REPORTS = ROOT / "tests" / "fixtures" / "reports"

#: The files each page's examples use, by page (relative to the root) and file name:
#: text, bytes, or a callable giving bytes.
FILES: dict[str, dict[str, str | bytes | Callable[[], bytes]]] = {
    "docs/cli.md": {
        "empty/.keep": "",  # a directory with no text file
        "news.txt": NEWS,
        "old.txt": NEWS.encode("gb18030"),
        "binary.dat": bytes(range(128, 256)),
        "bad.yaml": "entries:\n- id: Bad Id\n",
        "team.yaml": TEAM_10N,
    },
    "docs/commands/chat.md": {"queries.txt": "20+8\n双区驱动\n"},
    "docs/commands/coverage.md": {"report.txt": "发展“20+8”。\n把事办“好”，实施“九个某某”。\n"},
    "docs/commands/explain.md": {
        "news.txt": NEWS,
        "old.txt": NEWS.encode("gb18030"),
        "team.yaml": TEAM_10N,
        "plan.txt": "建成“1+10+N”体系。\n",
        "short.txt": "实施“十四五”规划。\n",
    },
    "docs/commands/extract.md": {
        "report.txt": REPORT.read_bytes,
        "news.txt": NEWS,
        "guangdong-2026.txt": (REPORTS / "guangdong-2026.txt").read_bytes,
        "hainan-2026.txt": (REPORTS / "hainan-2026.txt").read_bytes,
        "bare.txt": "名词解释\n1.双一流：指世界一流大学和一流学科。\n"
        "2.两新：即设备更新和以旧换新。\n",
    },
    "docs/commands/fmt.md": {
        "team/roads.yaml": TEAM_SHUANG_QU.format(
            **{**CANONICAL, "first": "kind: slogan", "second": "term: 双区"}
        ),
    },
    "docs/commands/validate.md": {
        "team.yaml": TEAM_SHUANG_QU.format(**{**CANONICAL, "years": ""}),
        "team-ok.yaml": TEAM_SHUANG_QU.format(**CANONICAL),
        "typo.yaml": TEAM_SHUANG_QU.format(**{**CANONICAL, "first": 'term: "双区'}),
    },
    "docs/extract.md": {"report.txt": REPORT.read_bytes},
    "docs/pre-commit.md": {
        "note.txt": "坚持“1+6+N”工作体系，增强“四个意识”。\n",
        "note.md": "落实“六稳六保”。\n",
        "plain.txt": "今天天气很好。\n",
    },
}
_CORPUS = "not run: run by tests/test_corpus_cli.py, on a real cluster, timings made alike"
#: The blocks that are not run, by page and the reason their mark gives.
NOT_RUN = {
    ("docs/pre-commit.md", "not run: a commit in a git repository where pre-commit is installed"),
    ("README.md", _CORPUS),
    (
        "docs/cli.md",
        "not run: run by tests/test_hardening_processes.py in a real shell"
        " (devices, closed and full streams)",
    ),
    ("docs/commands/corpus.md", _CORPUS),
}


@dataclass
class Example:
    """One ``$`` command of a page and the lines shown after it."""

    command: str
    shown: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A console block: its examples, the mark before it ("" for none), where it starts."""

    examples: list[Example]
    mark: str
    line: int


def blocks(page: Path) -> list[Block]:
    """The console blocks of ``page``, continued lines joined."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in _BLOCK.finditer(text):
        examples: list[Example] = []
        lines = iter(match["body"].splitlines())
        for line in lines:
            if line.startswith("$ "):
                command = line[2:]
                while command.endswith("\\"):  # a shell continues the line
                    command = command[:-1] + next(lines).strip()
                examples.append(Example(command))
            elif examples:
                examples[-1].shown.append(line)
            else:
                raise AssertionError(f"{page.name}: a console block must start with `$ `")
        found.append(Block(examples, match["mark"] or "", text.count("\n", 0, match.start()) + 1))
    return found


def matches(shown: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``shown``, each ``...`` line standing for one or more lines.

    >>> matches(["a", "...", "d"], ["a", "b", "c", "d"]), matches(["a", "..."], ["a"])
    (True, False)
    """
    if not shown:
        return not actual
    if shown[0] == ELISION:
        return any(matches(shown[1:], actual[n:]) for n in range(1, len(actual) + 1))
    return bool(actual) and shown[0] == actual[0] and matches(shown[1:], actual[1:])


class Shell:
    """Runs the shell forms the pages use, in the current directory; remembers ``$?``."""

    def __init__(self) -> None:
        self.status = 0

    def __call__(self, command: str) -> str:
        """What the terminal shows for ``command``: stderr and stdout as they come."""
        stages = [shlex.split(stage) for stage in command.split(" | ")]
        if stages[0][0] in ("cat", "head", "tail") and len(stages) == 1:
            return self._read(stages[0])
        if stages[0] == ["echo", "$?"]:
            return f"{self.status}\n"
        stdin = self._producer(stages.pop(0)) if stages[0][0] != "glossary" else b""
        head = int(stages.pop()[1].lstrip("-")) if stages[-1][0] == "head" else None
        [argv] = stages
        assert argv[0] == "glossary", f"not a shell form the examples may use: {command}"
        target = argv[argv.index(">") + 1] if ">" in argv else None
        argv = argv[: argv.index(">")] if target else argv
        screen = io.StringIO()
        out = io.StringIO() if target or head is not None else screen
        text = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
        self.status = main(argv[1:], stdin=text, stdout=out, stderr=screen)
        if target:
            Path(target).write_text(out.getvalue(), encoding="utf-8")
        elif head is not None:
            screen.write("".join(out.getvalue().splitlines(keepends=True)[:head]))
        return screen.getvalue()

    def _producer(self, argv: list[str]) -> bytes:
        """The bytes ``echo``, ``printf`` or ``iconv`` write into the pipe."""
        if argv[0] == "echo":
            return argv[1].encode() + b"\n"
        if argv[0] == "printf":
            escaped: bytes = codecs.escape_decode(argv[1].encode())[0]
            return escaped
        assert argv[:5] == ["iconv", "-f", "utf-8", "-t", argv[4]], argv
        return Path(argv[5]).read_text(encoding="utf-8").encode(argv[4])

    def _read(self, argv: list[str]) -> str:
        """``cat FILE``, ``head -N FILE`` or ``tail -N FILE``."""
        lines = Path(argv[-1]).read_text(encoding="utf-8").splitlines(keepends=True)
        count = int(argv[1].lstrip("-")) if argv[0] != "cat" else len(lines)
        return "".join(lines[:count] if argv[0] == "head" else lines[len(lines) - count :])


def set_up(page: str, directory: Path) -> None:
    """Write the files ``page``'s examples use into ``directory``."""
    for name, content in FILES.get(page, {}).items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content() if callable(content) else content
        path.write_bytes(data.encode() if isinstance(data, str) else data)


IDS = [str(p.relative_to(ROOT)) for p in PAGES]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_every_console_example_shows_what_the_command_prints(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = str(page.relative_to(ROOT))
    set_up(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    shell = Shell()
    for block in blocks(page):
        if block.mark:
            assert (name, block.mark) in NOT_RUN, f"{name}:{block.line}: unexpected mark"
            continue
        assert block.examples, f"{name}:{block.line}: a console block without a command"
        for example in block.examples:
            actual = shell(example.command).splitlines()
            assert matches(example.shown, actual), (
                f"{name}:{block.line}: $ {example.command}\n"
                + "\n".join(actual if len(actual) < 60 else [*actual[:60], "[...]"])
            )
    if name.startswith("docs/") and ">>> " in page.read_text(encoding="utf-8"):
        result = doctest.testfile(str(page), module_relative=False)
        assert result.failed == 0


def test_every_block_not_run_is_marked_with_its_reason_and_counted() -> None:
    marked = {
        (str(page.relative_to(ROOT)), block.mark)
        for page in PAGES
        for block in blocks(page)
        if block.mark
    }
    assert marked == NOT_RUN
    assert all(mark.startswith("not run: ") and len(mark) > 20 for _, mark in marked)
    run = sum(1 for page in PAGES for block in blocks(page) if not block.mark)
    assert run >= 20  # every other block ran above
    assert set(FILES) <= set(IDS)  # no setup for a page that is gone


def test_the_elision_marker_stands_for_at_least_one_line() -> None:
    assert matches(["a", "...", "c"], ["a", "b", "b", "c"])
    assert not matches(["a", "...", "c"], ["a", "c"])
    assert not matches(["a", "b"], ["a", "b", "c"])  # no silent tail
    assert not matches(["a ..."], ["a b"])  # only a line of its own elides
