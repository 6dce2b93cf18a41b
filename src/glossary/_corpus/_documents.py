"""The documents of a corpus: which files a run reads, how their bytes become text, and
what their own first lines say (title, year).

Standard library only: the client of a corpus run walks and hashes files without dask
or pyarrow, and a worker decodes with the same rules as a single process does.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Suffixes of the files taken from a directory (a file named on its own is always read).
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
# C0 controls a text never holds (tab, line feed, vertical tab, form feed and carriage
# return aside): a legacy decoding that yields them was fed something else.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Words a document's title ends with, once a note in brackets after it is dropped.
_TITLE_END = re.compile(
    r"(报告|规划|纲要|意见|通知|决定|决议|公报|方案|办法|条例|讲话|白皮书)"
    r"\s*([（(【\[][^）)】\]]{0,20}[）)】\]])?\s*$"
)
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# How far into a document its heading may be: web copies open with navigation links.
_HEADING_LINES = 40
_DATE_LINES = 3  # non-empty lines after the title where the date of a report stands
_TITLE_MAX = 200  # characters kept of a title that is really a paragraph


class UnreadableError(Exception):
    """A document that gives no text: the message says why, for its error row."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document's text and the encoding it was read in."""

    text: str
    encoding: str  # utf-8, utf-16 or gb18030


def find_documents(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files ``paths`` name: each file as given, each directory's text files below it.

    A directory is walked in sorted order, without following links to directories and
    leaving out hidden files and folders; of its files those with a suffix of
    ``TEXT_SUFFIXES`` are taken. A path that does not exist is yielded as it is, so that
    it becomes an error row like any other unreadable document.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as top:
    ...     for name in ("b.txt", "a/c.md", "a/.hidden.txt", "a/notes.json"):
    ...         Path(top, name).parent.mkdir(exist_ok=True)
    ...         _ = Path(top, name).write_text("x")
    ...     [p.relative_to(top).as_posix() for p in find_documents([top])]
    ['a/c.md', 'b.txt']
    """
    return map(Path, document_names(paths))


def document_names(paths: Iterable[str | Path]) -> Iterator[str]:
    """``find_documents`` as the strings of the paths: a corpus run walks thousands."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk(str(path))
        else:
            yield str(path)


def _walk(directory: str) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:  # unreadable: named as a document, it becomes an error row
        yield directory
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.name.lower().endswith(TEXT_SUFFIXES):
            yield entry.path


def unreadable(exc: OSError) -> str:
    """Why a file could not be read, for its error row.

    >>> unreadable(FileNotFoundError())
    'no such file'
    >>> unreadable(PermissionError(13, "Permission denied"))
    'permission denied'
    """
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory whose files cannot be listed"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read it: {exc.strerror or exc}"


def content_hash(raw: bytes) -> str:
    """The hex SHA-256 of a document's bytes: what a rerun recognises it by.

    >>> content_hash(b"")[:16]
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(raw).hexdigest()


def decode(raw: bytes) -> Decoded:
    """A document's text, by the corpus rule; ``UnreadableError`` saying why when none applies.

    UTF-16 with a byte-order mark; else UTF-8 (a BOM dropped); else GB18030 when it
    decodes without error and without control characters. A file holding NUL bytes and
    no UTF-16 BOM is binary.

    >>> decode("名词".encode("gb18030")), decode(b"\\xef\\xbb\\xbfok").text
    (Decoded(text='名词', encoding='gb18030'), 'ok')
    >>> decode("名词".encode("utf-16")).encoding
    'utf-16'
    >>> decode(b"PK\\x03\\x04\\x00\\x00")
    Traceback (most recent call last):
    ...
    glossary._corpus._documents.UnreadableError: binary file (NUL byte at offset 4)
    """
    if raw.startswith(_UTF16_BOMS):
        try:
            return Decoded(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableError(f"not valid UTF-16 (byte offset {exc.start})") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise UnreadableError(f"binary file (NUL byte at offset {nul})")
    try:
        return Decoded(raw.removeprefix(_UTF8_BOM).decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        offset, byte = exc.start, raw[exc.start : exc.start + 1].hex()
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _CONTROLS.search(text):
        return Decoded(text, "gb18030")
    raise UnreadableError(
        f"not UTF-8 (byte 0x{byte} at offset {offset}), UTF-16 with a byte-order mark, or GB18030"
    )


def heading(text: str) -> tuple[str, int | None]:
    """The document's title and the year its own heading gives (None if it gives none).

    The title is the first of the first 40 non-empty lines that ends with a word such as
    报告, 规划 or 意见 (a note in brackets after it allowed), else the first non-empty line.
    The year is the first ``NNNN年`` of the title, else of the three non-empty lines
    after it, where a report's date stands.

    >>> heading("下载\\n打印\\n2026年安徽省政府工作报告\\n——2026年2月5日在…")
    ('2026年安徽省政府工作报告', 2026)
    >>> heading("政府工作报告\\n——2026年1月26日在广东省第十四届\\n")
    ('政府工作报告', 2026)
    >>> heading("\\n 一段文字 \\n"), heading("")
    (('一段文字', None), ('', None))
    """
    lines = [line.strip() for line in text.splitlines()[: _HEADING_LINES * 4]]
    lines = [line for line in lines if line][:_HEADING_LINES]
    if not lines:
        return "", None
    at = next((i for i, line in enumerate(lines) if _TITLE_END.search(line)), 0)
    title = lines[at][:_TITLE_MAX]
    for line in lines[at : at + 1 + _DATE_LINES]:
        found = _YEAR.search(line)
        if found is not None:
            return title, int(found.group(1))
    return title, None
