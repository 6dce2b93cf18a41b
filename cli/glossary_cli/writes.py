"""Rewriting files all or nothing: a draft as the file it replaces was, or not at all.

The chat's ``/save`` uses the same temporary-file writer (``write_whole``).

``glossary annotate`` writes the new draft to a temporary file beside it, flushes it
to disk, gives it the draft's owner, group, mode and extended attributes, and renames
it over the draft, which is therefore either as it was or wholly new. It refuses, and
leaves the draft as it was, when that rewrite would not give back the same file:

- a draft that is not a regular file (a FIFO, a device): it would become one;
- a draft with several hard links: the rename would split them, the other names
  keeping the old text (writing in place would keep the link, but a failure halfway
  would lose the end of the draft, and a draft never loses a byte);
- a read-only draft (no write permission bit, or none for us), even in a writable
  directory, where a rename could replace it;
- a draft whose owner, group or extended attributes could not be given back;
- a draft changed by someone else since it was read (its size, time or inode differ).

A run holds an advisory lock on the draft (``locked``: ``fcntl.flock``, where the
platform has it) from before reading it until the rename, so that two runs of annotate
on one draft take turns: the second reads what the first wrote. Programs that do not
take the lock (an editor, ``echo >> draft``) are not held back by it: what one of them
writes between the last look at the draft and the rename, or through a descriptor
opened before the rename, goes to the file the rename replaces, and is lost. The look
just before the rename makes that window an instant; nothing short of writing in place
closes it (docs/design.md says why we do not).

The temporary file is named ``.NAME.glossary-PID-XXXXXXXX.tmp``. SIGTERM and SIGHUP
during the rewrite remove it before the run stops (exit 128 + the signal); a SIGKILL
cannot be caught, so each run first removes the temporary files of this pattern that
it owns in the draft's directory whose process is gone or which are over an hour old
(``remove_stale``). docs/pre-commit.md states these guarantees.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, ModuleType

from glossary_cli.errors import Stopped
from glossary_cli.inputs import not_regular

#: A temporary file of ours older than this is stale whatever its process (a PID reused).
STALE_AFTER = 3600.0
_TEMPORARY = re.compile(r"\..+\.glossary-(\d+)-[0-9a-f]{8}\.tmp")
_SIGNALS = ("SIGTERM", "SIGHUP")
#: Errors saying that a file system keeps no extended attributes (of some namespace).
_NO_XATTRS = {errno.ENOTSUP, errno.EOPNOTSUPP}
#: How long a run waits for another's lock on a draft, and how often it looks.
LOCK_WAIT = 120.0
_POLL = 0.02
_LOCK_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_LOCK_FLAGS |= getattr(os, "O_CLOEXEC", 0)


class RefusedError(Exception):
    """The draft cannot be rewritten as the file it is: the message says why. It is unchanged."""


def temporary_name(target: Path) -> Path:
    """A fresh name for the temporary file beside ``target``, in ``remove_stale``'s pattern.

    >>> name = temporary_name(Path("drafts/report.md"))
    >>> name.parent.as_posix(), _TEMPORARY.fullmatch(name.name) is not None
    ('drafts', True)
    """
    return target.with_name(f".{target.name}.glossary-{os.getpid()}-{os.urandom(4).hex()}.tmp")


def refusal(status: os.stat_result, path: Path) -> str | None:
    """Why the file of ``status`` cannot be rewritten as itself; None when it can.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     path = Path(directory, "draft.md")
    ...     _ = path.write_bytes(b"text")
    ...     path.chmod(0o444)
    ...     print(refusal(path.stat(), path).removeprefix(directory))
    /draft.md: is read-only (mode 0444); make it writable (chmod u+w) to annotate it
    """
    problem = not_regular(path, status.st_mode)
    if problem is not None:
        return problem
    if status.st_nlink > 1:
        return (
            f"{path}: has {status.st_nlink} hard links, which a rewrite would split (the "
            "other names keeping the old text); annotate a copy, or remove the other links"
        )
    mode = stat.S_IMODE(status.st_mode)
    if not mode & 0o222 or not os.access(path, os.W_OK):
        writable = "make it writable (chmod u+w) to annotate it"
        return f"{path}: is read-only (mode {mode:04o}); {writable}"
    return None


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all or nothing: a temporary file beside it, renamed over it.

    For files the user names (the chat's ``/save``), not drafts: a file already there
    keeps its permission bits, a new one gets those the umask allows. ``OSError`` when
    it cannot be done, with ``path`` as it was; ``Stopped`` on SIGTERM or SIGHUP.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     path = Path(directory, "answer.txt")
    ...     write_whole(path, b"old")
    ...     write_whole(path, b"new")
    ...     path.read_bytes(), len(list(Path(directory).iterdir()))
    (b'new', 1)
    """
    target = path.resolve()
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory")
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    with stopped_by_signals(), temporary_beside(target, data, 0o666) as temporary:
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)


@contextlib.contextmanager
def temporary_beside(target: Path, data: bytes, mode: int) -> Iterator[Path]:
    """A new temporary file beside ``target`` holding ``data``, flushed to disk.

    Created with ``mode`` (less the umask) under ``temporary_name``; removed if the block
    raises or is interrupted, so that only a rename inside the block keeps it.
    """
    temporary = temporary_name(target)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        yield temporary
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def rewrite(path: Path, data: bytes, expected: os.stat_result | None = None) -> None:
    """Replace the draft at ``path`` (through symlinks) with ``data``, as described above.

    ``expected`` is the draft's status when it was read: if it has changed since, the
    draft is left alone. Raises ``RefusedError`` or ``OSError``, the draft then unchanged,
    and ``Stopped`` on SIGTERM or SIGHUP, the temporary file removed.
    """
    target = path.resolve()
    status = os.stat(target)
    problem = refusal(status, path)
    if problem is not None:
        raise RefusedError(problem)
    if expected is not None and _changed(expected, status):
        raise RefusedError(f"{path}: changed while it was being annotated; run annotate again")
    with stopped_by_signals(), temporary_beside(target, data, 0o600) as temporary:
        _give_back(temporary, status, path)
        if _changed(status, os.stat(target)):
            raise RefusedError(f"{path}: changed while it was being annotated; run annotate again")
        os.replace(temporary, target)
    _sync_directory(target.parent)


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive advisory lock on the draft at ``path`` while the block runs.

    The lock is ``fcntl.flock``'s, on the file ``path`` names; without ``fcntl`` (Windows),
    or on a file system that keeps no such locks, the block runs unlocked. A path that is
    not a regular file, or cannot be opened, is not locked either: reading it says what
    is wrong with it. A run that waited while another rewrote the draft holds a lock on
    the file the rename replaced, so it locks the new one instead. ``RefusedError`` when
    the lock is still held by another process after ``wait`` seconds (``LOCK_WAIT``).
    """
    descriptor = _lock(path, LOCK_WAIT if wait is None else wait)
    try:
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)  # which releases the lock


def _lock(path: Path, wait: float) -> int | None:
    """A descriptor of the draft at ``path`` holding its lock, or None (see ``locked``)."""
    try:
        import fcntl
    except ImportError:  # not on this platform
        return None
    deadline = time.monotonic() + wait
    while True:
        descriptor = _open_regular(path)
        if descriptor is None:
            return None
        try:
            if not _flock(fcntl, descriptor, deadline, path):
                os.close(descriptor)
                return None
            if _same_file(os.fstat(descriptor), path):
                return descriptor
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)  # replaced while we waited: lock the draft as it is now
        if time.monotonic() > deadline:
            raise RefusedError(f"{path}: is being rewritten by another process; try again")


def _open_regular(path: Path) -> int | None:
    """A read-only descriptor of ``path`` if it is a regular file, else None; never blocks."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        descriptor = os.open(path, _LOCK_FLAGS)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped for something else
        os.close(descriptor)
        return None
    return descriptor


def _flock(fcntl: ModuleType, descriptor: int, deadline: float, path: Path) -> bool:
    """Take the lock, waiting until ``deadline``; False where locks are not kept.

    Polled rather than blocking, so that a lock never released (a hung process) ends in
    a message instead of a wait for ever.
    """
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise RefusedError(
                    f"{path}: is locked by another process (another annotate run?); try again"
                ) from None
            time.sleep(_POLL)
        except OSError as exc:  # ENOLCK, EOPNOTSUPP: a file system without locks
            if exc.errno in (errno.ENOLCK, *_NO_XATTRS, errno.EINVAL):
                return False
            raise


def _same_file(status: os.stat_result, path: Path) -> bool:
    """Whether ``path`` still names the file of ``status``."""
    try:
        now = os.stat(path)
    except OSError:
        return True  # gone: reading it will say so
    return (now.st_dev, now.st_ino) == (status.st_dev, status.st_ino)


def _changed(before: os.stat_result, after: os.stat_result) -> bool:
    keys = ("st_dev", "st_ino", "st_size", "st_mtime_ns")
    return any(getattr(before, key) != getattr(after, key) for key in keys)


def _give_back(temporary: Path, status: os.stat_result, path: Path) -> None:
    """Give the new file the old one's owner, group, mode and extended attributes.

    The owner first, since changing it clears the set-user-ID bit; the attributes last,
    since an access control list (``system.posix_acl_access``) sets the mode's bits too.
    """
    made = os.stat(temporary)
    if (made.st_uid, made.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.chown(temporary, status.st_uid, status.st_gid)
        except PermissionError:
            raise RefusedError(
                f"{path}: belongs to user {status.st_uid}, group {status.st_gid}, to whom a "
                "rewrite could not give it back; annotate it as its owner"
            ) from None
    os.chmod(temporary, stat.S_IMODE(status.st_mode))
    _copy_attributes(path, temporary)


def _copy_attributes(source: Path, temporary: Path) -> None:
    """Copy the extended attributes of ``source`` to ``temporary``, where the system has any."""
    if not hasattr(os, "listxattr"):  # not on this platform
        return
    try:
        names = os.listxattr(source)
    except OSError as exc:
        if exc.errno in _NO_XATTRS:
            return
        raise
    for name in names:
        try:
            os.setxattr(temporary, name, os.getxattr(source, name))
        except OSError as exc:
            if exc.errno in _NO_XATTRS:
                continue
            raise RefusedError(
                f"{source}: its extended attribute {name} could not be kept "
                f"({exc.strerror}); annotate it where it can be"
            ) from None


def _sync_directory(directory: Path) -> None:
    """Flush the rename to disk too, where a directory can be opened for that."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``Stopped`` while the block runs, so that it cleans up.

    Only signals whose action is the default (ending the process) are taken over: one
    the caller ignores (``nohup``) stays ignored. Signals can only be handled in the
    main thread; elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: FrameType | None) -> None:
        raise Stopped(number)

    previous = {}
    for name in _SIGNALS:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def remove_stale(directory: Path, now: float | None = None) -> list[Path]:
    """Remove our temporary files in ``directory`` left by a run that was killed.

    A file is removed when its name follows ``temporary_name``'s pattern, it is a
    regular file we own, and its process is gone or it is over ``STALE_AFTER`` seconds
    old. Anything else (another program's file, a rewrite under way) is left alone, as
    is any file that cannot be removed. Returns the files removed.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return []
    for entry in entries:
        found = _TEMPORARY.fullmatch(entry.name)
        if found is None:
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(status.st_mode) or status.st_uid != os.geteuid():
                continue
            if _running(int(found.group(1))) and now - status.st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (another user's counts).

    >>> _running(os.getpid())
    True
    """
    if pid <= 0:  # never ours: 0 and below name process groups
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True
