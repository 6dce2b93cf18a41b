"""Long chat answers through a pager, as git and psql show theirs.

Only the terminal chat pages, and only an answer taller than the terminal: a pasted
report would otherwise flood the scrollback. The pager is ``$PAGER`` (split as a shell
would, with ``LESS=R`` when ``LESS`` is unset, so that ``less`` shows our colours), else
``less -R`` when ``less`` is installed; ``PAGER=`` (empty) or ``cat`` prints instead.
shutil and subprocess are imported when first needed: the chat's start-up does not wait
for them.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
from collections.abc import Iterator, Mapping, Sequence
from typing import TextIO


def pager_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager to run, as arguments; None to print.

    >>> pager_command({"PAGER": "most -s"}), pager_command({"PAGER": ""})
    (['most', '-s'], None)
    >>> pager_command({"PAGER": "cat"}) is None
    True
    """
    env = os.environ if environ is None else environ
    if "PAGER" in env:
        try:
            words = shlex.split(env["PAGER"])
        except ValueError:  # an unbalanced quote: no pager rather than a broken one
            return None
        return None if not words or words == ["cat"] else words
    import shutil

    less = shutil.which("less")
    return [less, "-R"] if less else None


def taller(text: str, rows: int) -> bool:
    """Whether ``text`` (laid out, one row per line) is taller than ``rows``.

    >>> taller("a\\nb\\n", 2), taller("a\\nb\\nc\\n", 2)
    (False, True)
    """
    return text.count("\n") > rows


def page(text: str, command: Sequence[str], out: TextIO) -> bool:
    """Show ``text`` through the pager ``command``; False, having shown nothing, if it cannot run.

    The pager writes to the terminal itself (our standard output, flushed first).
    """
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "R")
    out.flush()
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        pager = subprocess.Popen(list(command), stdin=subprocess.PIPE, env=env)
    except OSError:  # not installed, not executable
        return False
    with _interrupts_ignored(), pager:  # Ctrl-C in the pager is the pager's, not the chat's
        assert pager.stdin is not None
        try:
            pager.stdin.write(text.encode(encoding, "replace"))
            pager.stdin.close()
        except BrokenPipeError:  # the reader quit (q) before reading it all
            pass
    return True


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Ignore SIGINT meanwhile, where this thread may (the main thread only)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: leave the signal alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
