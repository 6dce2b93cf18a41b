"""The drafts ``glossary annotate`` and ``glossary check`` read and rewrite.

A draft is read as bytes and written back byte for byte outside the managed section:
UTF-8 with or without a byte-order mark, CRLF, LF or lone CR line breaks (``annotate``
writes the section in the draft's own), a final line break or none. Other encodings are
refused with the message every command gives (``glossary_cli.inputs``), never guessed
at and rewritten, as is anything but a regular file or a draft over the input limit.
A rewrite goes through ``glossary_cli.writes.rewrite``: a temporary file in the draft's
directory, flushed to disk, given the draft's owner, mode and extended attributes and
renamed over the draft, so a failure at any point leaves the draft as it was; a draft
that could not come back as the same file (read-only, hard-linked) is refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import read_regular, undecodable, with_nul

if TYPE_CHECKING:
    from glossary import Glossary, Lang
    from glossary._hook.check import Finding

BOM = b"\xef\xbb\xbf"
MARKDOWN_SUFFIXES = (".md", ".markdown")
# UTF-16's byte-order marks are recognised by the encoding guesser; UTF-32's would pass
# for UTF-16's, which they begin with, so they are told apart here.
_UTF32_BOMS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")


class DraftError(Exception):
    """A draft cannot be read or written; the message names it, and it is unchanged."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft as read: its bytes, whether they began with a UTF-8 BOM, and its text.

    ``status`` is the file's as it was read, to notice a change before rewriting it.
    """

    path: Path
    raw: bytes
    bom: bool
    text: str
    status: os.stat_result | None = field(default=None, compare=False)

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
        raw, status = read_regular(path)
    except UserError as exc:
        if exc.code != Exit.INPUT:  # a bad $GLOSSARY_MAX_INPUT: the run's problem, not the draft's
            raise
        raise DraftError(exc.message) from None
    if raw.startswith(_UTF32_BOMS):
        raise DraftError(f"{path}: is not UTF-8; it looks like UTF-32: convert it to UTF-8")
    bom = raw.startswith(BOM)
    body = raw[len(BOM) :] if bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(undecodable(str(path), body, exc.start, option=None)) from None
    if "\x00" in text:
        raise DraftError(with_nul(str(path), body, option=None))
    return Draft(path, raw, bom, text, status)


def write_draft(path: Path, data: bytes, expected: os.stat_result | None = None) -> None:
    """Replace the draft at ``path`` with ``data`` (see ``glossary_cli.writes.rewrite``).

    ``DraftError`` when it cannot: the draft is then as it was. ``expected`` is its
    status when read: a draft changed since is left alone.
    """
    from glossary_cli.writes import RefusedError, rewrite

    try:
        rewrite(path, data, expected)
    except RefusedError as exc:
        raise DraftError(f"{exc}; the draft is unchanged") from None
    except OSError as exc:
        raise DraftError(
            f"{path}: cannot write: {exc.strerror or exc}; the draft is unchanged"
        ) from None


def sweep(paths: Sequence[Path]) -> None:
    """Remove the temporary files killed runs left beside ``paths`` (``writes.remove_stale``).

    Each directory once; the drafts' real directories, through symlinks, as a rewrite's.
    """
    from glossary_cli.writes import remove_stale

    directories: dict[Path, None] = {}
    for path in paths:
        try:
            directories[path.resolve().parent] = None
        except (OSError, RuntimeError):  # a symlink loop: reading the draft will say so
            continue
    for directory in directories:
        remove_stale(directory)


def annotated(
    path: Path,
    glossary: Glossary,
    *,
    footnotes: bool = False,
    ignore: Sequence[str] = (),
    lang: Lang = "zh",
) -> tuple[Draft, str]:
    """A draft as read, and its text as ``annotate`` would leave it (notes in ``lang``)."""
    from glossary._hook.annotate import annotate

    draft = read_draft(path)
    markdown = is_markdown(path)
    text = annotate(
        draft.text,
        glossary,
        markdown=markdown,
        footnotes=footnotes and markdown,
        ignore=ignore,
        lang=lang,
    )
    return draft, text


def annotate_file(
    path: Path,
    glossary: Glossary,
    *,
    footnotes: bool = False,
    ignore: Sequence[str] = (),
    lang: Lang = "zh",
) -> bool:
    """Annotate one draft in place, the notes in ``lang``; return whether its bytes changed.

    The draft is locked from before it is read until it is rewritten (``writes.locked``),
    so that two runs on one draft take turns.
    """
    from glossary_cli.writes import RefusedError, locked

    try:
        with locked(path):
            draft, text = annotated(path, glossary, footnotes=footnotes, ignore=ignore, lang=lang)
            data = draft.encode(text)
            if data == draft.raw:
                return False
            write_draft(path, data, draft.status)
            return True
    except RefusedError as exc:
        raise DraftError(f"{exc}; the draft is unchanged") from None


def check_file(
    path: Path, glossary: Glossary, *, ignore: Sequence[str] = (), unknown_only: bool = False
) -> tuple[Finding, ...]:
    """The findings of one draft (its unknown jargon alone with ``unknown_only``)."""
    from glossary._hook.check import check

    text = read_draft(path).text
    markdown = is_markdown(path)
    return check(text, glossary, markdown=markdown, ignore=ignore, unknown_only=unknown_only)


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff from ``before`` to ``after``, both named ``name`` (``patch -p0`` reads it).

    A side without a final line break is marked as ``diff`` marks it.

    >>> print(unified_diff("a\\nb", "a\\nb\\n\\nc\\n", "d.txt"), end="")
    --- d.txt
    +++ d.txt
    @@ -1,2 +1,4 @@
     a
    -b
    \\ No newline at end of file
    +b
    +
    +c
    """
    import difflib

    lines = difflib.unified_diff(_lines(before), _lines(after), name, name)
    gap = "\n\\ No newline at end of file\n"
    return "".join(line if line.endswith("\n") else line + gap for line in lines)


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends, split at line feeds only (a CR stays on its line).

    >>> _lines("a\\r\\nb\\x0cc"), _lines("a\\n"), _lines("")
    (['a\\r\\n', 'b\\x0cc'], ['a\\n'], [])
    """
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)
