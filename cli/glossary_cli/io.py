"""The streams a command talks through, and the user's files and glossary read for it.

Commands receive an ``IO`` instead of touching ``sys.stdin``/``sys.stdout`` so that tests
run them in-process with ``StringIO`` streams; every message to the user is one line.
"""

from __future__ import annotations

import argparse
import codecs
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
    return Glossary.from_paths(*paths, bundled=bundled)


def read_text(path_or_dash: str, encoding: str | None, io: IO) -> str:
    """Read a text file (or stdin for ``-``) as UTF-8, or as ``encoding`` when given.

    A byte-order mark is dropped. Raises ``UserError`` (exit code INPUT) naming the file
    and the fix when it is missing, a directory, unreadable or not in the encoding.
    """
    if encoding is not None:
        _check_codec(encoding)
    if path_or_dash == "-":
        if isatty(io.stdin):  # not piped: the user may be waiting for us
            hint(io, "reading standard input; end with Ctrl-D")
        buffer = getattr(io.stdin, "buffer", None)
        if buffer is None:  # a StringIO in tests, or a stream already decoded for us
            return io.stdin.read()
        return decode(buffer.read(), encoding, "standard input")
    path = Path(path_or_dash)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file; check the path", Exit.INPUT) from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory; name a file in it", Exit.INPUT) from None
    except PermissionError:
        raise UserError(f"{path}: permission denied; check its permissions", Exit.INPUT) from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it: {exc.strerror}", Exit.INPUT) from None
    return decode(raw, encoding, str(path))


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
    if encoding is not None:
        try:
            return raw.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise UserError(
                f"{name}: is not valid {encoding} (byte offset {exc.start}); check --encoding",
                Exit.INPUT,
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Imported here: compiling its pattern costs every run 1-2 ms of start-up.
        from glossary_cli.decoding import describe_failure

        raise UserError(f"{name}: {describe_failure(raw, exc.start)}", Exit.INPUT) from None


def _check_codec(encoding: str) -> None:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UserError(
            f"unknown encoding {encoding!r}; try utf-8, gb18030, big5 or utf-16", Exit.USAGE
        ) from None
