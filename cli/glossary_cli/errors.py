"""The one exception a command raises to stop with a message for the user."""

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
