"""The streams a command talks through, and the user's files and glossary read for it.

Commands receive an ``IO`` instead of touching ``sys.stdin``/``sys.stdout`` so that tests
run them in-process with ``StringIO`` streams; every message to the user is one line.
"""

from __future__ import annotations

import argparse
import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import (
    STDIN,
    check_encoding,
    decode,
    input_limit,
    read_file,
    read_stream,
    too_large,
    undecodable,
    unreadable,
    with_nul,
)
from glossary_cli.visible import json_visible, visible

if TYPE_CHECKING:
    from glossary import Glossary


@dataclass(frozen=True, slots=True)
class IO:
    """The standard streams of one run of a command."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO


def error(io: IO, message: str) -> None:
    """Write ``message`` to stderr as one line, prefixed with the program's name.

    Control characters in it (from a file name, from glossary data) are shown, not
    obeyed (``glossary_cli.visible``).

    >>> import io as _io
    >>> streams = IO(_io.StringIO(), _io.StringIO(), _io.StringIO())
    >>> error(streams, "a\\x1b[2J.txt: no such file\\nsecond line")
    >>> streams.stderr.getvalue()
    'glossary: a\\\\x1b[2J.txt: no such file second line\\n'
    """
    io.stderr.write(f"glossary: {' '.join(visible(message).split())}\n")


def hint(io: IO, message: str) -> None:
    """Tell the user something on stderr, in the form of ``error``: one prefixed line."""
    error(io, message)


def problem_lines(io: IO, problems: Iterable[object]) -> None:
    """Write problems of glossary files to stderr, one a line, control characters shown."""
    for problem in problems:
        io.stderr.write(f"{visible(str(problem))}\n")


def waiting_for_stdin(io: IO) -> None:
    """Say how to end the input when it is typed at a terminal, where we would seem hung."""
    if isatty(io.stdin):
        hint(io, "reading standard input; end with Ctrl-D")


def isatty(stream: object) -> bool:
    """Whether ``stream`` is a terminal (False for anything without ``isatty``)."""
    method = getattr(stream, "isatty", None)
    return bool(method and method())


# --- standard output ---------------------------------------------------------------------
# Everything a command writes goes through these: lines about files (``say``), documents
# (``write_document``), JSON (``write_json``) and answers laid out by ``layout.render``,
# which makes the data in them visible itself. ``write_out`` writes what it is given.


def say(io: IO, line: str) -> None:
    """Write one line of a report to stdout, its control characters shown (``visible``).

    >>> import io as _io
    >>> streams = IO(_io.StringIO(), _io.StringIO(), _io.StringIO())
    >>> say(streams, "annotated a\\u202eb.md")
    >>> streams.stdout.getvalue()
    'annotated a\\\\u202eb.md\\n'
    """
    write_out(io, visible(line) + "\n")


def write_document(io: IO, text: str, *, is_json: bool = False) -> None:
    """Write a document (an annotated text, a YAML draft, JSON) to stdout.

    To a file or a pipe it is written exactly: it is the user's own text, whose form
    feeds and carriage returns are theirs to keep. On a terminal, which would obey
    them, its control characters are shown instead (``visible``). A JSON document is
    escaped wherever it goes, as its own escapes keep the data (``json_visible``).
    """
    if is_json:
        text = json_visible(text)
    elif isatty(io.stdout):
        text = visible(text)
    write_out(io, text)


def write_json(io: IO, data: object) -> None:
    """Write ``data`` as an indented JSON document (``write_document``)."""
    import json

    write_document(io, json.dumps(data, ensure_ascii=False, indent=2) + "\n", is_json=True)


def write_out(io: IO, text: str) -> None:
    """Write ``text`` to stdout, all of it, or raise ``BrokenPipeError`` or ``UserError``.

    When the reader of a pipe leaves (``glossary explain big.txt | head -1``), CPython's
    buffered writer reports a large write cut short as written in part, without an
    error, and its text layer drops the rest: the run would end with status 0 and its
    output silently cut. Writing the bytes ourselves until all are taken makes the next
    write fail with EPIPE, so that the run ends with status 141 as ``main`` promises.
    Any other failure (a full disk, an encoding that cannot hold Chinese) is
    ``output_failed``'s ``UserError`` (OUTPUT).
    """
    buffer = getattr(io.stdout, "buffer", None)
    encoding = getattr(io.stdout, "encoding", None) or "utf-8"
    try:
        if buffer is None:  # a StringIO in tests
            io.stdout.write(text)
            return
        io.stdout.flush()
        data = memoryview(text.encode(encoding, io.stdout.errors or "strict"))
        while data:
            written = buffer.write(data)
            data = data[written if written is not None else len(data) :]
        buffer.flush()
    except (OSError, UnicodeEncodeError) as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise output_failed(exc, encoding) from None


def output_failed(exc: OSError | UnicodeEncodeError, encoding: str = "") -> UserError:
    """The error for standard output failing under a write: one line, exit code OUTPUT.

    >>> output_failed(OSError(28, "No space left on device")).message
    'standard output: cannot write to it: No space left on device'
    >>> print(output_failed(UnicodeEncodeError("ascii", "双", 0, 1, "no"), "ascii").message)
    standard output: its encoding (ascii) cannot write U+53CC; use UTF-8 (PYTHONIOENCODING=utf-8)
    """
    if isinstance(exc, UnicodeEncodeError):  # said in ASCII: stderr may be ASCII too
        what = f"U+{ord(exc.object[exc.start]):04X}"
        message = f"its encoding ({encoding}) cannot write {what}; use UTF-8"
        message += " (PYTHONIOENCODING=utf-8)"
    else:
        message = f"cannot write to it: {exc.strerror or exc}"
    return UserError(f"standard output: {message}", Exit.OUTPUT)


def load_glossary(args: argparse.Namespace) -> Glossary:
    """The glossary a command works with: bundled, plus or instead of ``--glossary`` files.

    Raises ``DataError`` when a file is invalid, ``UserError`` when ``--no-bundled`` leaves
    nothing to work with.
    """
    from glossary import Glossary

    paths: list[str] = list(getattr(args, "glossary_paths", None) or ())
    bundled = not getattr(args, "no_bundled", False)
    if not paths and bundled:
        return Glossary.default()
    if not paths:
        raise UserError("--no-bundled leaves no glossary: add --glossary PATH", Exit.USAGE)
    check_paths_exist(paths)
    return Glossary.from_paths(*paths, bundled=bundled)


def check_paths_exist(paths: Iterable[str | Path]) -> None:
    """Raise ``UserError`` (INPUT) with ``unreadable``'s message for the first missing path.

    Glossary paths are files or directories; the loader reports what is wrong inside
    them, and a path that is not there at all is the user's typo, like a missing input.
    """
    for path in paths:
        if not os.path.exists(path):
            raise UserError(unreadable(path, FileNotFoundError()), Exit.INPUT)


def region_option(args: argparse.Namespace, glossary: Glossary) -> str | None:
    """The full name of the region ``--region`` names in ``glossary``, None without it.

    Raises ``UserError`` (USAGE) when it names no region of the glossary, or several.
    """
    from glossary_cli.regions import choose_region

    name = getattr(args, "region", None)
    if not name:
        return None
    chosen = choose_region(name, glossary)
    if not isinstance(chosen, str):
        raise UserError(f"--region {name}: {chosen}", Exit.USAGE)
    return chosen


def read_text(path_or_dash: str, encoding: str | None, io: IO) -> str:
    """Read a text file (or stdin for ``-``) as UTF-8, or as ``encoding`` when given.

    A byte-order mark is dropped. Raises ``UserError`` (exit code INPUT) naming the file
    and the fix when it is missing, not a regular file, unreadable, larger than the
    input limit or not in the encoding (``glossary_cli.inputs``).
    """
    if encoding is not None:
        check_encoding(encoding)
    limit = input_limit()
    if path_or_dash != "-":
        return decode(read_file(path_or_dash, limit), encoding, path_or_dash)
    waiting_for_stdin(io)
    buffer = getattr(io.stdin, "buffer", None)
    if buffer is None:  # a StringIO in tests, or a stream already decoded for us
        text = io.stdin.read(limit + 1)
        if len(text) > limit:
            raise UserError(too_large(STDIN, limit), Exit.INPUT)
        return text
    return decode(read_stream(buffer, limit, STDIN), encoding, STDIN)


def read_lines(io: IO, encoding: str | None) -> Iterator[str]:
    """Standard input line by line as it arrives, each line with its newline.

    Decoded strictly as UTF-8 (a byte-order mark dropped), or as ``encoding``. A line that
    does not decode, or is longer than the input limit, raises ``UserError`` (INPUT)
    naming it, once every line before it has been yielded, so that what was answered
    stays answered.

    >>> import io as _io
    >>> raw = _io.BytesIO("双区\\n".encode("gb18030") + b"x")
    >>> streams = IO(_io.TextIOWrapper(raw), _io.StringIO(), _io.StringIO())
    >>> list(read_lines(streams, "gb18030"))
    ['双区\\n', 'x']
    """
    if encoding is not None:
        check_encoding(encoding)
    limit = input_limit()
    buffer = getattr(io.stdin, "buffer", None)
    if buffer is None:  # a StringIO in tests, or a stream already decoded for us
        yield from io.stdin
        return
    decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")()
    pending, number = "", 0
    while True:
        raw = buffer.readline(limit + 1)
        name = f"{STDIN}, line {number + 1}"
        if len(raw) > limit:
            raise UserError(too_large(name, limit), Exit.INPUT)
        text = _decode_line(decoder, raw, name, encoding, first=number == 0)
        *lines, pending = (pending + text).split("\n")
        for line in lines:
            number += 1
            yield line + "\n"
        if not raw:
            break
    if pending:
        yield pending


def _decode_line(
    decoder: codecs.IncrementalDecoder, raw: bytes, name: str, encoding: str | None, *, first: bool
) -> str:
    """The text of one line of bytes, or ``UserError`` (INPUT) naming the line.

    A line holding NUL is refused as a file holding one is (``inputs.with_nul``).
    """
    try:
        text = decoder.decode(raw, final=not raw)
        if "\x00" not in text:
            return text
        message = with_nul(name, raw, encoding, start=first)
    except UnicodeDecodeError as exc:
        message = undecodable(name, raw, exc.start, encoding, start=first)
    except UnicodeError as exc:  # UTF-16 or UTF-32 without a byte-order mark, "undefined"
        message = f"{STDIN}: cannot be read as {encoding}: {exc}"
        if "BOM" in str(exc) and encoding is not None:
            family = codecs.lookup(encoding).name  # utf-16 or utf-32
            message = (
                f"{STDIN}: starts without a byte-order mark, so its byte order is unknown: "
                f"pass --encoding {family}-le or {family}-be"
            )
    raise UserError(message, Exit.INPUT) from None
