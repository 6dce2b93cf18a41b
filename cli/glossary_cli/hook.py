"""``glossary annotate`` and ``glossary check``: the pre-commit hooks, also run by hand.

A draft is read as bytes and written back byte for byte outside the managed section:
UTF-8 with or without a byte-order mark, CRLF or LF line breaks (``annotate`` writes
the section in the draft's own), a final line break or none. Other encodings are
refused with a message naming the file, never guessed at and rewritten. A write goes
to a temporary file in the draft's directory, is flushed to disk and then renamed over
the draft, so a failure at any point leaves the draft as it was.

Settings come from ``[tool.glossary]`` in ``pyproject.toml`` or from ``.glossary.yaml``,
whichever the nearest directory holds, looking from the current directory up to the
root of the git repository: ``glossary`` (paths of the team's glossary files, relative
to the settings file), ``ignore`` (terms the team accepts unexplained), ``footnotes``
and ``bundled`` (false: the team's files only).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.io import IO, error

if TYPE_CHECKING:
    from glossary import Glossary
    from glossary._annotate import Finding

BOM = b"\xef\xbb\xbf"
MARKDOWN_SUFFIXES = (".md", ".markdown")
PYPROJECT = "pyproject.toml"
YAML_CONFIG = ".glossary.yaml"
_KEYS = {"bundled": bool, "footnotes": bool, "glossary": list, "ignore": list}
_FOREIGN_BOMS = {
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\xfe\xff": "UTF-16",
    b"\xff\xfe": "UTF-16",
}


class DraftError(Exception):
    """A draft cannot be read or written; the message names it, and it is unchanged."""


# ---------------------------------------------------------------------------------------
# Commands


ANNOTATE_EPILOG = """\
example:
  $ glossary annotate report.md
  glossary: annotated report.md
  $ tail -4 report.md
  2. **规上**：规模以上。\\
     统计用语“规模以上”的简称；规上工业企业指年主营业务收入2000万元及以上的工业企业。\\
     编者释义，非官方定义；用例见《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12）
  <!-- glossary:end -->

Exits 1 when it changed a file (pre-commit's rule for fixers), 0 when nothing changed,
4 when a draft cannot be read or written (it is then left as it was). Settings come
from [tool.glossary] in pyproject.toml or .glossary.yaml: see docs/pre-commit.md.
"""

CHECK_EPILOG = """\
example:
  $ glossary check note.txt
  note.txt:1:3: “1+6+N” — unknown jargon
  note.txt:1:17: “四个意识” — 政治意识、大局意识、核心意识、看齐意识

Exits 1 when it reports anything. <!-- glossary: ignore --> in a draft, or ignore = [...]
in the settings, accepts jargon: see docs/pre-commit.md.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``annotate`` and ``check`` to the ``glossary`` command line."""
    from glossary_cli.commands import add_parser

    annotate = add_parser(
        subparsers,
        common,
        "annotate",
        "keep a generated 名词解释 section at the end of each draft",
        ANNOTATE_EPILOG,
    )
    annotate.add_argument(
        "--footnotes",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also mark the first use of each term with a footnote (Markdown drafts only); "
        "default: the footnotes setting, else off",
    )
    annotate.add_argument("files", nargs="+", metavar="FILE", help="Markdown or text drafts")
    annotate.set_defaults(handler=annotate_command)
    check = add_parser(
        subparsers,
        common,
        "check",
        "report jargon a draft uses without explaining it",
        CHECK_EPILOG,
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="Markdown or text drafts")
    check.set_defaults(handler=check_command)


def annotate_command(args: argparse.Namespace, io: IO) -> int:
    """Annotate every file named; report each one changed."""
    config = find_config(Path.cwd())
    glossary = load_glossary(args, config)
    footnotes = config.footnotes if args.footnotes is None else args.footnotes
    worst = Exit.OK
    for name in args.files:
        try:
            changed = annotate_file(Path(name), glossary, footnotes=footnotes, ignore=config.ignore)
        except DraftError as problem:
            error(io, str(problem))
            worst = max(worst, Exit.INPUT)
            continue
        if changed:
            print(f"glossary: annotated {name}", file=io.stdout)
            worst = max(worst, Exit.FINDINGS)
    return int(worst)


def check_command(args: argparse.Namespace, io: IO) -> int:
    """Check every file named; print one line per finding."""
    config = find_config(Path.cwd())
    glossary = load_glossary(args, config)
    worst = Exit.OK
    for name in args.files:
        try:
            findings = check_file(Path(name), glossary, ignore=config.ignore)
        except DraftError as problem:
            error(io, str(problem))
            worst = max(worst, Exit.INPUT)
            continue
        for f in findings:
            print(f"{name}:{f.line}:{f.col}: {f.term} — {f.message}", file=io.stdout)
        if findings:
            worst = max(worst, Exit.FINDINGS)
    return int(worst)


def load_glossary(args: argparse.Namespace, config: Config) -> Glossary:
    """The glossary the settings and ``--glossary`` / ``--no-bundled`` name, together."""
    from glossary import Glossary

    own = [*config.glossary, *(Path(p) for p in getattr(args, "glossary_paths", None) or ())]
    bundled = config.bundled and not getattr(args, "no_bundled", False)
    if bundled and not own:
        return Glossary.default()
    if not own:
        raise UserError(
            "no glossary: bundled = false (or --no-bundled) needs glossary paths "
            "in the settings or --glossary PATH",
            Exit.USAGE,
        )
    return Glossary.from_paths(*own, bundled=bundled)


# ---------------------------------------------------------------------------------------
# Files


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft as read: its bytes, whether they began with a UTF-8 BOM, and its text."""

    path: Path
    raw: bytes
    bom: bool
    text: str

    def encode(self, text: str) -> bytes:
        """The bytes of ``text`` in this draft's encoding (its BOM kept).

        >>> Draft(Path("a.md"), b"", True, "").encode("名")
        b'\\xef\\xbb\\xbf\\xe5\\x90\\x8d'
        """
        return (BOM if self.bom else b"") + text.encode("utf-8")


def is_markdown(path: Path) -> bool:
    """Whether a draft is Markdown (by its suffix); anything else is plain text.

    >>> is_markdown(Path("report.MD")), is_markdown(Path("notes.txt"))
    (True, False)
    """
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def read_draft(path: Path) -> Draft:
    """Read a draft as UTF-8, with or without a BOM; ``DraftError`` for anything else.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     path = Path(directory, "draft.md")
    ...     _ = path.write_bytes(b"\\xef\\xbb\\xbf\\xe5\\x90\\x8d\\r\\n")
    ...     draft = read_draft(path)
    >>> draft.bom, draft.text
    (True, '名\\r\\n')
    """
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise DraftError(f"{path}: is a directory, not a draft") from None
    except OSError as exc:
        raise DraftError(f"{path}: cannot read: {exc.strerror}") from None
    for mark, name in _FOREIGN_BOMS.items():
        if raw.startswith(mark):
            raise DraftError(
                f"{path}: is {name} (it starts with a {name} byte-order mark); "
                "save it as UTF-8 — glossary leaves the file as it is"
            )
    bom = raw.startswith(BOM)
    body = raw[len(BOM) :] if bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(_not_utf8(path, body, exc)) from None
    if "\x00" in text:
        raise DraftError(
            f"{path}: contains NUL bytes: not a text draft (or UTF-16 without "
            "a byte-order mark); glossary reads UTF-8 only"
        )
    return Draft(path, raw, bom, text)


def _not_utf8(path: Path, body: bytes, failure: UnicodeDecodeError) -> str:
    from glossary_cli.decoding import guess_encoding

    line = body[: failure.start].count(b"\n") + 1
    guess = guess_encoding(body)
    looks = f"; it looks like {guess.upper()}" if guess else ""
    return (
        f"{path}:{line}: not UTF-8 (byte 0x{body[failure.start]:02x}){looks}; "
        "convert it to UTF-8 — glossary leaves the file as it is"
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the draft at ``path`` with ``data`` (see ``glossary._files.write_atomic``).

    ``DraftError`` when it cannot: the draft is then as it was.
    """
    from glossary._files import write_atomic as write

    try:
        write(path, data)
    except OSError as exc:
        raise DraftError(
            f"{path}: cannot write: {exc.strerror or exc}; the draft is unchanged"
        ) from None


def annotate_file(
    path: Path, glossary: Glossary, *, footnotes: bool = False, ignore: Sequence[str] = ()
) -> bool:
    """Annotate one draft in place; return whether its bytes changed."""
    from glossary._annotate import annotate

    draft = read_draft(path)
    markdown = is_markdown(path)
    text = annotate(
        draft.text, glossary, markdown=markdown, footnotes=footnotes and markdown, ignore=ignore
    )
    data = draft.encode(text)
    if data == draft.raw:
        return False
    write_atomic(path, data)
    return True


def check_file(
    path: Path, glossary: Glossary, *, ignore: Sequence[str] = ()
) -> tuple[Finding, ...]:
    """The findings of one draft."""
    from glossary._annotate import check

    return check(read_draft(path).text, glossary, ignore=ignore)


# ---------------------------------------------------------------------------------------
# Settings


@dataclass(frozen=True, slots=True)
class Config:
    """The hook settings of a repository; the defaults when it has none."""

    glossary: tuple[Path, ...] = ()
    ignore: tuple[str, ...] = ()
    footnotes: bool = False
    bundled: bool = True
    file: Path | None = None


def find_config(start: Path) -> Config:
    """The settings nearest to ``start``, looking up to the root of its git repository.

    Raises ``DataError`` for settings that are invalid.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     root = Path(directory)
    ...     (root / ".git").mkdir()
    ...     settings = '[tool.glossary]\\nignore = "十四五"\\n'
    ...     _ = (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    ...     (root / "drafts").mkdir()
    ...     find_config(root / "drafts").ignore
    ('十四五',)
    """
    for directory in (start, *start.parents):
        pyproject, yaml_file = directory / PYPROJECT, directory / YAML_CONFIG
        table = _pyproject_table(pyproject) if pyproject.is_file() else None
        if yaml_file.is_file():
            if table is not None:
                _fail(
                    yaml_file,
                    f"{PYPROJECT} in the same directory has [tool.glossary] "
                    "too; keep the settings in one place",
                )
            return _config(_yaml_mapping(yaml_file), yaml_file)
        if table is not None:
            return _config(table, pyproject)
        if (directory / ".git").exists():
            break
    return Config()


def _pyproject_table(path: Path) -> object:
    import tomllib

    try:
        with path.open("rb") as stream:
            document = tomllib.load(stream)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        _fail(path, f"cannot read the settings: {exc}")
    tool = document.get("tool")
    return tool.get("glossary") if isinstance(tool, dict) else None


def _yaml_mapping(path: Path) -> object:
    from glossary._loader import read_yaml  # yaml lives there; only this file's users pay

    return read_yaml(Path(os.path.relpath(path)))


def _config(table: object, path: Path) -> Config:
    where = "[tool.glossary]" if path.name == PYPROJECT else "the settings"
    if not isinstance(table, dict):
        _fail(path, f"{where} must be a table of settings")
    values = {str(key): _checked(path, f"{where}: {key!r}", key, v) for key, v in table.items()}
    paths, ignore = values.get("glossary", []), values.get("ignore", [])
    return Config(
        glossary=tuple(Path(os.path.relpath(path.parent / p)) for p in paths)
        if isinstance(paths, list)
        else (),
        ignore=tuple(ignore) if isinstance(ignore, list) else (),
        footnotes=values.get("footnotes", False) is True,
        bundled=values.get("bundled", True) is True,
        file=path,
    )


def _checked(path: Path, what: str, key: object, value: object) -> bool | list[str]:
    """A setting's value, checked against its key's type (one string stands for a list)."""
    expected = _KEYS.get(str(key))
    if expected is None:
        _fail(path, f"{what} is not a setting; the settings are {', '.join(sorted(_KEYS))}")
    if expected is bool:
        if not isinstance(value, bool):
            _fail(path, f"{what} must be true or false")
        return value
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        _fail(path, f"{what} must be a list of strings")
    return items


def _fail(path: Path, message: str) -> NoReturn:
    from glossary._errors import DataError, Problem

    raise DataError((Problem(os.path.relpath(path), 0, "", message),))
