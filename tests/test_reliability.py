"""The bad-input matrix (issue 21): every kind of input that is not a good text file,
given to every command that reads one, in a real process.

Inputs: empty, binary, invalid UTF-8, GB18030, Big5, UTF-16 with and without a
byte-order mark, NUL bytes, a directory, a missing path, an unreadable file, a named
pipe with no writer, /dev/zero, 100 MB and a 10 MB single line. Commands: ``explain``,
``check``, ``annotate``, ``extract`` and the piped chat (``glossary chat`` with the
input on standard input). Each cell asserts the exit code docs/cli.md documents for
it; a refusal is exactly one line on stderr naming the input, nothing on stdout, no
traceback, and for ``annotate`` the draft byte for byte as it was and nothing left
beside it.

The piped chat reads what the shell connects: a missing or unreadable path never
reaches it (the shell refuses the redirection), so those cells are the file commands'
alone. A named pipe on its standard input is read as lines arrive, so its cell checks
that an answer comes before the writer closes the pipe; a directory on its standard
input is refused by Python itself before glossary starts (its own test, below).

Every process runs with a time-out and a memory cap, so that a hang or a blow-up fails
its cell. The large inputs are made once for the module; their cells, and the pipe's,
are marked ``slow`` (``.ci/run`` runs them, as the default run does).
"""

from __future__ import annotations

import ctypes
import os
import resource
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossary._extract.extract import extract
from glossary._hook.sections import BEGIN, END
from glossary_cli.exit_codes import Exit

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
REPORT = (SEEDS / "longgang-2023-work-report.txt").read_text(encoding="utf-8")
SAMPLE = REPORT[:2000]  # Simplified prose with quotes and formulas
TRADITIONAL = "雙區驅動，建設中國特色社會主義先行示範區。\n" * 20
MEMORY = 3 * 2**30
TIMEOUT = 120
LIMIT_FIX = "raise it with --max-input 1G (or GLOSSARY_MAX_INPUT)"


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def glossary(
    *argv: str,
    cwd: Path,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int = subprocess.PIPE,
    preexec: Callable[[], None] = _cap_memory,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``glossary ARGV`` in ``cwd`` as a user runs it, and wait at most TIMEOUT."""
    return subprocess.run(
        [sys.executable, "-m", "glossary", *argv],
        cwd=cwd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=preexec,
        timeout=TIMEOUT,
        check=False,
    )


# --- the inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One kind of input: its name on the command line, how it is made, what each says.

    ``refusal`` maps a kind of reader to the message of its refusal (``{name}`` for the
    input's name): ``file`` for explain and extract, which take ``--encoding``, ``draft``
    for check and annotate, which do not, ``chat`` for the piped chat. A kind missing
    from it accepts the input.
    """

    name: str
    make: Callable[[Path], None]
    refusal: dict[str, str]


def _bytes(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _unreadable(path: Path) -> None:
    path.write_text(SAMPLE, encoding="utf-8")
    path.chmod(0)


def _not_utf8(guess: str, encoding: str) -> dict[str, str]:
    """The messages for a text in another encoding, which the guesser names."""
    looks = f"is not UTF-8; it looks like {guess}"
    return {
        "file": f"{{name}}: {looks}: pass --encoding {encoding}, or convert it to UTF-8",
        "draft": f"{{name}}: {looks}: convert it to UTF-8",
        "chat": (
            f"standard input, line 1: {looks}: pass --encoding {encoding}, or convert it to UTF-8"
        ),
    }


def _everywhere(message: str) -> dict[str, str]:
    return {"file": message, "draft": message}


_STRAY = (
    "is not UTF-8 (byte 0x{byte} at offset {offset}), nor GB18030, Big5 or UTF-16: "
    "convert it to UTF-8"
)
_BINARY = "is binary, not text (a NUL byte at offset {offset})"

CELLS = [
    Cell("empty.md", _bytes(b""), {}),
    Cell(
        "binary.md",
        _bytes(bytes(range(256)) * 4),
        {
            "file": "{name}: " + _STRAY.format(byte="80", offset=128) + ", or pass --encoding",
            "draft": "{name}: " + _STRAY.format(byte="80", offset=128),
            # Its first line (bytes 0 to 10) is ASCII, and holds a NUL.
            "chat": "standard input, line 1: " + _BINARY.format(offset=0),
        },
    ),
    Cell(
        "invalid-utf8.md",
        _bytes("双区驱动".encode() + b"\xff\xfe\x80" + "。\n".encode()),
        {
            "file": "{name}: " + _STRAY.format(byte="ff", offset=12) + ", or pass --encoding",
            "draft": "{name}: " + _STRAY.format(byte="ff", offset=12),
            "chat": "standard input, line 1: "
            + _STRAY.format(byte="ff", offset=12)
            + ", or pass --encoding",
        },
    ),
    Cell("gb18030.md", _bytes(SAMPLE.encode("gb18030")), _not_utf8("GB18030", "gb18030")),
    Cell("big5.md", _bytes(TRADITIONAL.encode("big5")), _not_utf8("Big5", "big5")),
    Cell("utf16-bom.md", _bytes(SAMPLE.encode("utf-16")), _not_utf8("UTF-16", "utf-16")),
    Cell("utf16-le.md", _bytes(SAMPLE.encode("utf-16-le")), _not_utf8("UTF-16LE", "utf-16-le")),
    Cell(
        "nul.md",
        _bytes("双区驱动\x00发展\n".encode()),
        {
            **_everywhere("{name}: " + _BINARY.format(offset=12)),
            "chat": "standard input, line 1: " + _BINARY.format(offset=12),
        },
    ),
    Cell("missing.md", lambda path: None, _everywhere("{name}: no such file; check the path")),
    Cell(
        "unreadable.md",
        _unreadable,
        _everywhere("{name}: permission denied; check its permissions"),
    ),
    Cell(
        "fifo.md",
        os.mkfifo,
        _everywhere("{name}: is a named pipe (FIFO), not a regular file; name a text file"),
    ),
    Cell(
        "/dev/zero",
        lambda path: None,
        {
            **_everywhere("{name}: is a character device, not a regular file; name a text file"),
            "chat": f"standard input, line 1: is larger than 256 MiB, the input limit; {LIMIT_FIX}",
        },
    ),
]
#: A directory: explain and check take directories (their text files), the others do not.
DIRECTORY = {
    "explain": "{name}: no text files in it (.txt, .md, .markdown, .text)",
    "check": "{name}: no text files in it (.txt, .md, .markdown, .text)",
    "annotate": "{name}: is a directory; name a file in it",
    "extract": "{name}: is a directory; name a file in it",
}
READER = {"explain": "file", "extract": "file", "check": "draft", "annotate": "draft"}
FILE_COMMANDS = list(READER)


def argv_for(command: str, name: str) -> list[str]:
    """The command line of ``command`` reading ``name``; extract's JSON needs no metadata."""
    return ["extract", name, "--format", "json"] if command == "extract" else [command, name]


def assert_refused(result: subprocess.CompletedProcess[bytes], message: str) -> None:
    """Exit 4, nothing on stdout, and exactly ``message`` as one line on stderr."""
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    assert (result.returncode, result.stdout, err) == (Exit.INPUT, b"", f"glossary: {message}\n")


def snapshot(directory: Path) -> dict[str, bytes | str]:
    """What a directory holds: each regular file's bytes, and what kind anything else is."""
    found: dict[str, bytes | str] = {}
    for entry in os.scandir(directory):
        if entry.is_file(follow_symlinks=False):
            mode = os.stat(entry.path).st_mode & 0o777
            found[entry.name] = Path(entry.path).read_bytes() if mode else f"mode {mode:o}"
        else:
            found[entry.name] = "fifo" if Path(entry.path).is_fifo() else "other"
    return found


# --- an unreadable file, as root too ----------------------------------------------------


def _without_override() -> None:
    """In the child: drop the capabilities that let root read any file, then cap memory.

    A chmod 000 file is unreadable to anyone but root, and tests may run as root. Root
    without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH is bound by permissions like any
    user: dropped from the bounding set before exec, they are not in the new program's.
    """
    if os.geteuid() == 0:
        pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
        for capability in (cap_dac_override, cap_dac_read_search):
            if _LIBC.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")
    _cap_memory()


#: The C library, loaded here rather than in the forked child, where loading a library
#: could wait on a lock another thread held at the fork.
_LIBC = ctypes.CDLL(None, use_errno=True)


def unreadable_preexec(path: Path) -> Callable[[], None]:
    """The ``preexec`` under which ``path`` (mode 000) is unreadable; skip if there is none."""
    try:
        probe = subprocess.run(
            [sys.executable, "-c", f"open({str(path)!r}, 'rb')"],
            preexec_fn=_without_override,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.SubprocessError as exc:  # the preexec itself failed
        pytest.skip(f"cannot make a file unreadable here: {exc}")
    if b"PermissionError" not in probe.stderr:
        pytest.skip(
            "cannot make a file unreadable here: running as root, and dropping "
            "CAP_DAC_OVERRIDE did not take (no CAP_SETPCAP, or not Linux)"
        )
    return _without_override


# --- the small cells ----------------------------------------------------------------------


def _cases() -> list[object]:
    cases: list[object] = []
    for cell in CELLS:
        for command in [*FILE_COMMANDS, "chat"]:
            if command == "chat" and cell.name in ("missing.md", "unreadable.md", "fifo.md"):
                continue  # the shell opens the chat's standard input (docstring)
            marks = [pytest.mark.slow] if (command, cell.name) == ("chat", "/dev/zero") else []
            cases.append(pytest.param(cell, command, id=f"{command}-{cell.name}", marks=marks))
    return cases


@pytest.mark.parametrize(("cell", "command"), _cases())
def test_bad_input(tmp_path: Path, cell: Cell, command: str) -> None:
    absolute = cell.name.startswith("/")
    path = Path(cell.name) if absolute else tmp_path / cell.name
    if not absolute:
        cell.make(path)
    preexec = unreadable_preexec(path) if cell.name == "unreadable.md" else _cap_memory
    before = snapshot(tmp_path)
    if command == "chat":
        with open(path, "rb") as stdin:
            result = glossary("chat", cwd=tmp_path, stdin=stdin.fileno())
    else:
        result = glossary(*argv_for(command, cell.name), cwd=tmp_path, preexec=preexec)
    reader = "chat" if command == "chat" else READER[command]
    if reader in cell.refusal:
        assert_refused(result, cell.refusal[reader].format(name=cell.name))
    else:  # empty input: nothing to say, nothing to do
        assert result.returncode == Exit.OK, result.stderr
        expected = {"extract": b"[]\n"}.get(command, b"")
        assert result.stdout == expected
        quiet = f"glossary: {cell.name}: no glossary section (名词解释) found; nothing to extract\n"
        assert result.stderr.decode() == (quiet if command == "extract" else "")
    assert snapshot(tmp_path) == before  # annotate above all: the draft as it was, no temporary


@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_an_empty_directory(tmp_path: Path, command: str) -> None:
    (tmp_path / "drafts").mkdir()
    result = glossary(*argv_for(command, "drafts"), cwd=tmp_path)
    assert_refused(result, DIRECTORY[command].format(name="drafts"))
    assert list((tmp_path / "drafts").iterdir()) == []


def test_the_chat_cannot_be_given_a_directory_python_refuses_it(tmp_path: Path) -> None:
    # ``glossary chat < dir``: CPython refuses a directory as standard input while it
    # starts, before any of our code runs (docs/cli.md says so). Exit 1, no traceback.
    descriptor = os.open(tmp_path, os.O_RDONLY)
    try:
        result = glossary("chat", cwd=tmp_path, stdin=descriptor)
    finally:
        os.close(descriptor)
    assert (result.returncode, result.stdout) == (1, b"")
    assert b"<stdin> is a directory" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.slow
def test_the_chat_answers_a_pipe_as_lines_arrive(tmp_path: Path) -> None:
    # A named pipe whose writer writes one line and waits: the answer must come before
    # the writer closes (the chat reads line by line, never to the end first).
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    writer = os.open(fifo, os.O_WRONLY)
    os.set_blocking(reader, True)
    child = subprocess.Popen(
        [sys.executable, "-m", "glossary", "chat"],
        cwd=tmp_path,
        stdin=reader,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_cap_memory,
    )
    os.close(reader)
    try:
        os.write(writer, "双区驱动\n".encode())
        answer = read_until(child, b"\n\n", TIMEOUT)
        assert answer.startswith("双区驱动  slogan\n".encode()), answer
    finally:
        os.close(writer)  # end of input: the chat ends
    assert child.wait(timeout=TIMEOUT) == Exit.OK
    assert child.stderr is not None
    assert child.stderr.read() == b""


def read_until(child: subprocess.Popen[bytes], end: bytes, timeout: float) -> bytes:
    """Read ``child``'s stdout until ``end`` appears; fail after ``timeout`` seconds."""
    assert child.stdout is not None
    descriptor = child.stdout.fileno()
    received = b""
    deadline = time.monotonic() + timeout
    while end not in received:
        left = deadline - time.monotonic()
        assert left > 0, f"no answer while the pipe stayed open: {received!r}"
        ready, _, _ = select.select([descriptor], [], [], left)
        if ready:
            chunk = os.read(descriptor, 65536)
            assert chunk, f"the chat ended before its writer did: {received!r}"
            received += chunk
    return received


# --- the large inputs -----------------------------------------------------------------------

HEAD, SECTION = REPORT.split("有关名词解释", 1)
#: A line of about 1 MB of plain prose: no term in it, so the commands' time goes to size.
FILLER = ("这是一段没有任何术语的普通文字，用来填充篇幅。" * 15_000 + "\n").encode()
MB = 2**20


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100 MB: the Longgang report with 100 MB of prose between its body and glossary,
    and a 10 MB line: the seeds' prose with the line breaks taken out."""
    directory = tmp_path_factory.mktemp("large")
    head, tail = HEAD.encode(), ("有关名词解释" + SECTION).encode()
    count = (100 * MB - len(head) - len(tail)) // len(FILLER) + 1
    with open(directory / "100mb.md", "wb") as file:
        file.write(head)
        for _ in range(count):
            file.write(FILLER)
        file.write(tail)
    prose = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    line = prose.replace("\r", "").replace("\n", "").encode()
    data = (line * (10 * MB // len(line) + 1))[: 10 * MB]
    (directory / "10mb-line.md").write_bytes(data.decode("utf-8", "ignore").encode())
    return directory


LARGE = ["100mb.md", "10mb-line.md"]


@pytest.mark.slow
@pytest.mark.parametrize("name", LARGE)
@pytest.mark.parametrize("command", ["explain", "check", "extract"])
def test_a_large_input_is_read(large: Path, tmp_path: Path, name: str, command: str) -> None:
    size = (large / name).stat().st_size
    assert size >= (100 if name == "100mb.md" else 10) * MB
    with open(tmp_path / "out", "wb") as out:
        result = glossary(*argv_for(command, name), cwd=large, stdout=out.fileno())
    written = (tmp_path / "out").read_bytes()
    err = result.stderr.decode()
    assert "Traceback" not in err
    if command == "explain":
        assert (result.returncode, err) == (Exit.OK, "")
        assert len(written) > size  # the text, with the expansions added
    elif command == "check":
        assert (result.returncode, err) == (Exit.FINDINGS, "")
        findings = written.decode().splitlines()
        assert findings
        assert all(line.startswith(f"{name}:") and " — " in line for line in findings)
    elif name == "100mb.md":  # extract: the glossary at the end of the report
        assert (result.returncode, err) == (Exit.OK, "")
        assert written.count(b'"number": ') == len(extract(REPORT)) == 18
    else:  # the 10 MB line holds no glossary section, which a line break would start
        assert (result.returncode, written) == (Exit.OK, b"[]\n")
        assert (
            err == f"glossary: {name}: no glossary section (名词解释) found; nothing to extract\n"
        )


@pytest.mark.slow
@pytest.mark.parametrize("name", LARGE)
def test_a_large_draft_is_annotated(large: Path, tmp_path: Path, name: str) -> None:
    draft = tmp_path / name
    shutil.copyfile(large / name, draft)
    result = glossary("annotate", name, cwd=tmp_path, stdout=subprocess.DEVNULL)
    assert (result.returncode, result.stderr) == (Exit.FINDINGS, b"")
    original = (large / name).read_bytes()
    with open(draft, "rb") as written:
        assert written.read(len(original)) == original
        section = written.read().decode()
    assert BEGIN in section
    assert section.rstrip().endswith(END)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.slow
@pytest.mark.parametrize("name", LARGE)
def test_a_large_input_is_answered_by_the_piped_chat(
    large: Path, tmp_path: Path, name: str
) -> None:
    with open(large / name, "rb") as stdin, open(tmp_path / "out", "wb") as out:
        result = glossary("chat", cwd=large, stdin=stdin.fileno(), stdout=out.fileno())
    assert (result.returncode, result.stderr) == (Exit.OK, b"")
    assert (tmp_path / "out").stat().st_size > 0
