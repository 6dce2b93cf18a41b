"""Reading a command's input: regular files and standard input only, never past a limit.

``glossary check /dev/zero`` would read until memory runs out, and a named pipe with no
writer would make any command wait for ever. So a path is looked at before it is
opened: anything but a regular file is refused (a FIFO is never opened, nor a device,
some of which act on being opened). Standard input, ``-``, may be anything the shell
connects, but no input is read past ``input_limit()`` bytes: 256 MiB unless
``--max-input`` or ``$GLOSSARY_MAX_INPUT`` says otherwise. Every refusal is one line
naming the input, exit code INPUT (docs/cli.md).

The bytes are then decoded (``decode``), strictly, as UTF-8 or as the encoding the user
named, which must be a text encoding (``encoding_option``). Each problem is worded here
once, whichever command meets it (the hooks' too): the path or "standard input" first,
then what is wrong, then the fix.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import stat
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit

#: The environment variable that sets the input limit, and the limit without it.
LIMIT_VARIABLE = "GLOSSARY_MAX_INPUT"
DEFAULT_LIMIT = 256 * 2**20
_SIZE = re.compile(r"(\d+)\s*([KMG]?)(?:I?B)?", re.IGNORECASE)
_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}
#: Never wait on opening (a FIFO swapped in after the check), never take a terminal.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_READ_FLAGS |= getattr(os, "O_CLOEXEC", 0)


#: ``--max-input`` of the run under way (``main`` sets it): over ``$GLOSSARY_MAX_INPUT``.
OPTION_LIMIT: ContextVar[int | None] = ContextVar("max_input", default=None)
_NOT_A_SIZE = "not a size; give bytes, or a number with K, M or G (512M)"


def input_limit(environ: Mapping[str, str] | None = None) -> int:
    """The most bytes read from one input: ``--max-input``, ``$GLOSSARY_MAX_INPUT``, 256 MiB.

    A size is a number of bytes, or of KiB, MiB or GiB with ``K``, ``M`` or ``G``.

    >>> input_limit({}) == 256 * 2**20, input_limit({"GLOSSARY_MAX_INPUT": "1G"}) == 2**30
    (True, True)
    >>> input_limit({"GLOSSARY_MAX_INPUT": "4096"}), input_limit({"GLOSSARY_MAX_INPUT": "64k"})
    (4096, 65536)
    """
    given = OPTION_LIMIT.get()
    if given is not None:
        return given
    text = (os.environ if environ is None else environ).get(LIMIT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_LIMIT
    size = _size(text)
    if size is None:
        raise UserError(f"{LIMIT_VARIABLE}={text}: {_NOT_A_SIZE}", Exit.USAGE)
    return size


def size_option(text: str) -> int:
    """``--max-input``'s value, read as ``$GLOSSARY_MAX_INPUT`` is, as argparse's ``type``.

    >>> size_option("512M") == 512 * 2**20
    True
    >>> try:
    ...     size_option("lots")
    ... except argparse.ArgumentTypeError as exc:
    ...     print(exc)
    'lots' is not a size; give bytes, or a number with K, M or G (512M)
    """
    size = _size(text.strip())
    if size is None:
        raise argparse.ArgumentTypeError(f"{text!r} is {_NOT_A_SIZE}")
    return size


def _size(text: str) -> int | None:
    """The number of bytes ``text`` gives (``1G``, ``64k``, ``4096``), None if none."""
    found = _SIZE.fullmatch(text)
    if found is None or int(found.group(1)) == 0:
        return None
    return int(found.group(1)) * _UNITS[found.group(2).upper()]


def size_text(size: int) -> str:
    """A number of bytes as a reader writes it.

    >>> size_text(256 * 2**20), size_text(1536), size_text(1000)
    ('256 MiB', '1.5 KiB', '1000 bytes')
    """
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            return f"{size / factor:.4g} {unit}"
    return f"{size} bytes"


def too_large(name: str | Path, limit: int) -> str:
    """The message for an input past the limit.

    >>> print(too_large("a.txt", 1024))  # doctest: +NORMALIZE_WHITESPACE
    a.txt: is larger than 1 KiB, the input limit;
    raise it with --max-input 1G (or GLOSSARY_MAX_INPUT)
    """
    return (
        f"{name}: is larger than {size_text(limit)}, the input limit; "
        f"raise it with --max-input 1G (or {LIMIT_VARIABLE})"
    )


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


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_regular(path: str | Path, mode: int) -> str | None:
    """The message for a path whose ``st_mode`` is not a regular file's; None if it is.

    >>> not_regular("/dev/zero", stat.S_IFCHR), not_regular("a.txt", stat.S_IFREG) is None
    ('/dev/zero: is a character device, not a regular file; name a text file', True)
    """
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return unreadable(path, IsADirectoryError())
    kind = next((name for test, name in _KINDS if test(mode)), "something else")
    return f"{path}: is {kind}, not a regular file; name a text file"


def read_file(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``; ``UserError`` (INPUT) for anything else.

    The path is looked at first and only a regular file is opened; it is opened without
    blocking and looked at again through the open file, in case it was swapped between.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     _ = Path(directory, "a.txt").write_bytes(b"text")
    ...     read_file(Path(directory, "a.txt"))
    b'text'
    """
    return read_regular(path, limit)[0]


def read_regular(path: str | Path, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """``read_file``'s bytes, and the status of the file they were read from."""
    limit = input_limit() if limit is None else limit
    try:
        _check_regular(path, os.stat(path), limit)
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise UserError(unreadable(path, exc), Exit.INPUT) from None
    with os.fdopen(descriptor, "rb") as file:
        try:
            status = os.fstat(descriptor)
            _check_regular(path, status, limit)
            return read_stream(file, limit, path), status
        except OSError as exc:
            raise UserError(unreadable(path, exc), Exit.INPUT) from None


def _check_regular(path: str | Path, status: os.stat_result, limit: int) -> None:
    """Raise ``UserError`` (INPUT) unless ``status`` is a regular file's of at most ``limit``."""
    problem = not_regular(path, status.st_mode)
    if problem is None and status.st_size > limit:
        problem = too_large(path, limit)
    if problem is not None:
        raise UserError(problem, Exit.INPUT)


def read_stream(stream: BinaryIO, limit: int, name: str | Path) -> bytes:
    """All of ``stream``, or ``UserError`` (INPUT) once it has more than ``limit`` bytes.

    >>> import io
    >>> read_stream(io.BytesIO(b"12345"), 5, "x")
    b'12345'
    >>> try:
    ...     read_stream(io.BytesIO(b"123456"), 5, "standard input")
    ... except UserError as exc:
    ...     print(exc.message.split(";")[0])
    standard input: is larger than 5 bytes, the input limit
    """
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UserError(too_large(name, limit), Exit.INPUT)
    return data


#: How messages name standard input.
STDIN = "standard input"


def decode(raw: bytes, encoding: str | None, name: str) -> str:
    """Decode the bytes of the input called ``name``, UTF-8 unless ``encoding`` is given.

    A byte-order mark is dropped. ``UserError`` (INPUT) when the bytes do not decode.

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
            text = raw.decode(encoding).removeprefix("\ufeff")
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(undecodable(name, raw, exc.start, encoding), Exit.INPUT) from None
    except UnicodeError as exc:  # a codec that fails as a whole ("undefined")
        raise UserError(f"{name}: cannot be read as {encoding}: {exc}", Exit.INPUT) from None
    if "\x00" in text:
        raise UserError(with_nul(name, raw, encoding), Exit.INPUT)
    return text


def with_nul(
    name: str,
    raw: bytes,
    encoding: str | None = None,
    *,
    option: str | None = "--encoding",
    start: bool = True,
) -> str:
    """The message for the input ``name`` whose text holds NUL characters: not text.

    A NUL decodes as UTF-8 without error, but no text file holds one: it is a binary
    file, or UTF-16 without a byte-order mark (whose ASCII characters are half NUL),
    which is then named. Arguments as for ``undecodable``.

    >>> with_nul("a.txt", "report 2023".encode("utf-16-le"))
    'a.txt: is not UTF-8; it looks like UTF-16LE: pass --encoding utf-16-le, or convert it to UTF-8'
    >>> with_nul("a.bin", b"PK\\x03\\x04\\x00", option=None)
    'a.bin: is binary, not text (a NUL byte at offset 4)'
    """
    if encoding is not None:
        return f"{name}: contains NUL characters once read as {encoding}: not text; check {option}"
    from glossary_cli.decoding import describe_failure, guess_encoding

    offset = raw.find(b"\x00")
    if (guess_encoding(raw, start=start) or "").startswith("utf-16"):
        return f"{name}: {describe_failure(raw, offset, option=option, start=start)}"
    return f"{name}: is binary, not text (a NUL byte at offset {offset})"


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


def encoding_option(name: str) -> str:
    """``--encoding``'s value: a text encoding Python knows, as argparse's ``type``.

    ``rot13``, ``base64`` or ``hex`` are codecs too, but of text to text or bytes to
    bytes: decoding a file with them is no reading of it.

    >>> encoding_option("GB18030")
    'GB18030'
    >>> try:
    ...     encoding_option("rot13")
    ... except argparse.ArgumentTypeError as exc:
    ...     print(exc)
    'rot13' is not a text encoding; try utf-8, gb18030, big5 or utf-16
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {name!r}; {_TRY}") from None
    # CodecInfo says whether a codec turns bytes into text only in this private flag.
    if not getattr(info, "_is_text_encoding", True):
        raise argparse.ArgumentTypeError(f"{name!r} is not a text encoding; {_TRY}")
    return name


_TRY = "try utf-8, gb18030, big5 or utf-16"


def check_encoding(name: str) -> None:
    """Raise ``UserError`` (USAGE) unless ``name`` is a text encoding (``encoding_option``)."""
    try:
        encoding_option(name)
    except argparse.ArgumentTypeError as exc:
        raise UserError(f"--encoding {name}: {exc}", Exit.USAGE) from None
