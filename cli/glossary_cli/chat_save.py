"""The chat's ``/save FILE`` and ``/plain``: taking answers elsewhere, clean.

``/save`` writes the last answer (a term, a question, a pasted passage) as plain text:
no colours, no U+2060 marks, not wrapped. The file is written whole or not at all: to
a temporary file beside it, flushed to disk, then renamed over the name (an existing
file keeps its permissions). ``/plain`` leaves the U+2060 marks out of the answers
shown, so that text copied from the terminal is clean too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from glossary_cli.chat_state import ChatState, Reply, say
from glossary_cli.visible import visible

_ON = ("on", "yes", "1", "true")
_OFF = ("off", "no", "0", "false")


def save(argument: str, state: ChatState) -> Reply:
    """``/save FILE``: write the last answer to FILE (``~`` expanded), replacing it whole.

    >>> import tempfile
    >>> from glossary import Glossary
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     path = Path(directory, "a.txt")
    ...     reply = save(str(path), ChatState(Glossary(()), last="双区驱动\\n"))
    ...     path.read_text(encoding="utf-8")
    '双区驱动\\n'
    """
    if not argument:
        return say(state, "Save to which file? /save answer.txt, for example.")
    if not state.last:
        return say(state, "Nothing to save yet: ask about a term or paste a passage first.")
    from glossary_cli.writes import write_whole  # the chat's start need not load it

    path = Path(argument).expanduser()
    try:
        write_whole(path, state.last.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return say(state, f"Cannot save to {visible(argument)}: {reason}; nothing was written.")
    lines = state.last.count("\n")
    noun = "line" if lines == 1 else "lines"
    return say(state, f"Saved the last answer to {visible(argument)} ({lines} {noun}).")


def plain_command(argument: str, state: ChatState) -> Reply:
    """``/plain [on|off]``: leave the U+2060 marks out of answers (on), or keep them."""
    word = argument.lower()
    if word and word not in _ON + _OFF:
        return say(state, f"/plain takes on or off, not “{visible(argument)}”.")
    plain = word not in _OFF
    after = replace(state, plain=plain)
    if plain:
        return say(
            after,
            "Answers now leave out the invisible U+2060 marks: copied text is clean.",
            hint="/plain off brings them back (they keep a term and its note on one line).",
        )
    return say(after, "Answers keep the invisible U+2060 marks around added notes again.")


def plain_arguments(state: ChatState) -> Sequence[tuple[str, str]]:
    """What ``/plain`` takes, the current setting marked."""
    return [("on", "current" if state.plain else ""), ("off", "" if state.plain else "current")]
