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

    >>> import io as _io
    >>> streams = IO(_io.StringIO(), _io.StringIO(), _io.StringIO())
    >>> error(streams, "a.txt: no such file\\nsecond line")
    >>> streams.stderr.getvalue()
    'glossary: a.txt: no such file second line\\n'
    """
    io.stderr.write(f"glossary: {' '.join(message.split())}\n")


def hint(io: IO, message: str) -> None:
    """Tell the user something on stderr, in the form of ``error``: one prefixed line."""
    error(io, message)


def waiting_for_stdin(io: IO) -> None:
    """Say how to end the input when it is typed at a terminal, where we would seem hung."""
    if isatty(io.stdin):
        hint(io, "reading standard input; end with Ctrl-D")


def isatty(stream: object) -> bool:
    """Whether ``stream`` is a terminal (False for anything without ``isatty``)."""
    method = getattr(stream, "isatty", None)
    return bool(method and method())


def write_out(io: IO, text: str) -> None:
    """Write ``text`` to stdout, all of it, or raise ``BrokenPipeError``.

    When the reader of a pipe leaves (``glossary explain big.txt | head -1``), CPython's
    buffered writer reports a large write cut short as written in part, without an
    error, and its text layer drops the rest: the run would end with status 0 and its
    output silently cut. Writing the bytes ourselves until all are taken makes the next
    write fail with EPIPE, so that the run ends with status 141 as ``main`` promises.
    """
    buffer = getattr(io.stdout, "buffer", None)
    if buffer is None:  # a StringIO in tests
        io.stdout.write(text)
        return
    io.stdout.flush()
    data = memoryview(text.encode(io.stdout.encoding or "utf-8", io.stdout.errors or "strict"))
    while data:
        written = buffer.write(data)
        data = data[written if written is not None else len(data) :]
    buffer.flush()


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
    and the fix when it is missing, a directory, unreadable or not in the encoding.
    """
    if encoding is not None:
        _check_codec(encoding)
    if path_or_dash == "-":
        waiting_for_stdin(io)
        buffer = getattr(io.stdin, "buffer", None)
        if buffer is None:  # a StringIO in tests, or a stream already decoded for us
            return io.stdin.read()
        return decode(buffer.read(), encoding, STDIN)
    path = Path(path_or_dash)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(unreadable(path, exc), Exit.INPUT) from None
    return decode(raw, encoding, str(path))


def read_lines(io: IO, encoding: str | None) -> Iterator[str]:
    """Standard input line by line as it arrives, each line with its newline.

    Decoded strictly as UTF-8 (a byte-order mark dropped), or as ``encoding``. A line that
    does not decode raises ``UserError`` (INPUT) naming it, once every line before it has
    been yielded, so that what was answered stays answered.

    >>> import io as _io
    >>> raw = _io.BytesIO("双区\\n".encode("gb18030") + b"x")
    >>> streams = IO(_io.TextIOWrapper(raw), _io.StringIO(), _io.StringIO())
    >>> list(read_lines(streams, "gb18030"))
    ['双区\\n', 'x']
    """
    if encoding is not None:
        _check_codec(encoding)
    buffer = getattr(io.stdin, "buffer", None)
    if buffer is None:  # a StringIO in tests, or a stream already decoded for us
        yield from io.stdin
        return
    decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")()
    pending, number, raw = "", 0, b""
    while True:
        raw = buffer.readline()
        try:
            text = decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            name = f"{STDIN}, line {number + 1}"
            message = undecodable(name, raw, exc.start, encoding, start=number == 0)
            raise UserError(message, Exit.INPUT) from None
        *lines, pending = (pending + text).split("\n")
        for line in lines:
            number += 1
            yield line + "\n"
        if not raw:
            break
    if pending:
        yield pending


def decode(raw: bytes, encoding: str | None, name: str) -> str:
    """Decode the bytes of the file called ``name``; see ``read_text``.

    >>> decode("名词".encode("gb18030"), "gb18030", "a.txt"), decode(b"\\xef\\xbb\\xbfok", None, "")
    ('名词', 'ok')
    >>> try:
    ...     decode("名词解释".encode("gb18030"), None, "a.txt")
    ... except UserError as exc:
    ...     print(exc.message)
    a.txt: is not UTF-8; it looks like GB18030: pass --encoding gb18030, or convert it to UTF-8
    """
    try:
        if encoding is not None:
            return raw.decode(encoding).removeprefix("\ufeff")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(undecodable(name, raw, exc.start, encoding), Exit.INPUT) from None


# --- the messages -----------------------------------------------------------------------
# One wording per problem, whichever command meets it (the hooks' too): the path or
# "standard input" first, then what is wrong, then the fix.

#: How messages name standard input.
STDIN = "standard input"


def unreadable(path: str | Path, exc: OSError) -> str:
    """The message for a file that cannot be read, from the error reading it raised.

    >>> unreadable("a.txt", FileNotFoundError()), unreadable("d", IsADirectoryError())
    ('a.txt: no such file; check the path', 'd: is a directory; name a file in it')
    >>> unreadable("a.txt", PermissionError()), unreadable("a.txt", OSError(5, "I/O error"))
    ('a.txt: permission denied; check its permissions', 'a.txt: cannot read it: I/O error')
    """
    if isinstance(exc, FileNotFoundError):
        return f"{path}: no such file; check the path"
    if isinstance(exc, IsADirectoryError):
        return f"{path}: is a directory; name a file in it"
    if isinstance(exc, PermissionError):
        return f"{path}: permission denied; check its permissions"
    return f"{path}: cannot read it: {exc.strerror or exc}"


def undecodable(
    name: str,
    raw: bytes,
    offset: int,
    encoding: str | None = None,
    *,
    option: str | None = "--encoding",
    start: bool = True,
) -> str:
    """The message for bytes of ``name`` that do not decode at ``offset``.

    ``encoding`` is the one the user named (None: UTF-8, and the message guesses what
    the bytes are); ``option`` the command's option naming an encoding, None if it has
    none; ``start`` whether ``raw`` begins the file (only then is a BOM a clue).

    >>> undecodable("a.txt", b"\\xe5\\x90", 0, "ascii")
    'a.txt: is not valid ascii (byte offset 0); check --encoding'
    >>> undecodable("a.txt", "名词解释".encode("gb18030"), 0, option=None)
    'a.txt: is not UTF-8; it looks like GB18030: convert it to UTF-8'
    """
    if encoding is not None:
        return f"{name}: is not valid {encoding} (byte offset {offset}); check {option}"
    # Imported here: compiling its pattern costs every run 1-2 ms of start-up.
    from glossary_cli.decoding import describe_failure

    return f"{name}: {describe_failure(raw, offset, option=option, start=start)}"


def _check_codec(encoding: str) -> None:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UserError(
            f"unknown encoding {encoding!r}; try utf-8, gb18030, big5 or utf-16", Exit.USAGE
        ) from None
