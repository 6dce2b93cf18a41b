"""What the chat remembers and what it answers: ``ChatState`` and ``Reply``.

Apart from the handlers (``chat``, ``chat_save``) so that a handler module may use them
without importing the others. ``glossary_cli.chat`` re-exports both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from glossary_cli.layout import Line, plain

if TYPE_CHECKING:
    from glossary import Entry, Glossary, Lang, Style

ReplyKind = Literal["term", "passage", "suggestions", "command", "nothing"]
#: The kinds of reply that answer a question, and that ``/save`` saves.
ANSWERS = frozenset({"term", "passage", "suggestions"})
#: U+2060 WORD JOINER: ``Explanation.render`` marks what it adds with it (invisible,
#: and it keeps a term and its note on one line), but it comes along when text is copied.
JOINER = "\u2060"


@dataclass(frozen=True, slots=True)
class ChatState:
    """What the conversation remembers: the glossary, the chosen region and paste style.

    ``last`` is the last answer as plain text (for ``/save``), ``plain`` whether answers
    leave out the U+2060 marks (``/plain``, ``--plain``).
    """

    glossary: Glossary
    region: str = ""  # a full region name of the glossary (深圳市罗湖区), "" for none
    style: Style = "inline"
    lang: Lang = "zh"  # of answers and passages: zh, en or both (/lang)
    last: str = ""
    plain: bool = False


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer: its lines, the state after it, the entries it is about, whether to quit."""

    kind: ReplyKind
    lines: tuple[Line, ...]
    state: ChatState
    entries: tuple[Entry, ...] = ()
    quit: bool = False

    @property
    def text(self) -> str:
        """The answer as plain text, unwrapped."""
        return plain(self.lines)


def say(state: ChatState, *texts: str, hint: str = "") -> Reply:
    """A command's reply: one line per text, then a hint in the hint style."""
    lines = [Line.of(text) for text in texts]
    if hint:
        lines.append(Line.of(("hint", hint)))
    return Reply("command", tuple(lines), state)


def finish(reply: Reply) -> Reply:
    """A reply as the user gets it: without U+2060 if the state says so, and remembered.

    An answer (not a command's reply) becomes the state's ``last``, without colours or
    U+2060 whatever the setting, for ``/save``.

    >>> from glossary import Glossary
    >>> state = ChatState(Glossary(()), plain=True)
    >>> done = finish(Reply("term", (Line.of("双区\\u2060（注）\\u2060"),), state))
    >>> done.text == done.state.last == "双区（注）\\n"
    True
    """
    lines = reply.lines
    if reply.state.plain:
        lines = tuple(_unjoined(line) for line in lines)
    state = reply.state
    if reply.kind in ANSWERS:
        state = replace(state, last=plain(lines).replace(JOINER, ""))
    return replace(reply, lines=lines, state=state)


def _unjoined(line: Line) -> Line:
    if not any(JOINER in text for _, text in line.spans):
        return line
    spans = tuple((style, text.replace(JOINER, "")) for style, text in line.spans)
    return replace(line, spans=spans)
