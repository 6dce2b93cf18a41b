"""The exceptions that stop a command: a message for the user, or a signal."""

from __future__ import annotations

from glossary_cli.exit_codes import Exit


class UserError(Exception):
    """Something the user can fix: ``message`` says what and how, ``code`` is the exit code.

    >>> str(UserError("report.txt: no such file", Exit.INPUT))
    'report.txt: no such file'
    """

    def __init__(self, message: str, code: int = Exit.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being rewritten; ``signal`` is its number.

    A ``BaseException``, as ``KeyboardInterrupt`` is, so that no ``except Exception``
    on the way takes it for an error; ``main`` turns it into exit code 128 + ``signal``.
    """

    def __init__(self, signal: int) -> None:
        super().__init__(signal)
        self.signal = signal
