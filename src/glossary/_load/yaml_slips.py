"""Which line a YAML syntax error asks the user to edit, and what to do there.

YAML reports where it noticed a slip, which is often the line after it: an unclosed
quote is noticed at the end of the file, ``-id: a`` (no space after the dash) at the
next key, a key indented one space too far at the colon of the line below. This module
reads the error and the tokens scanned before it (``yamlfile`` passes them as plain
data, so that yaml stays behind that one module) and names the line to edit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: A position in the text: 0-based line and column, as YAML's marks count them.
At = tuple[int, int]

_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")  # the line breaks YAML counts
_GLUED_DASH = re.compile(r"[ \t]*-[^\s-]")
_ITEM = re.compile(r"(?:-[ \t]+)+")

TABS = "YAML does not allow tabs for indentation; indent with spaces"
COLON_IN_VALUE = (
    "a colon followed by a space ends a key: quote a value that holds ': ' "
    "(usage: '他说: 好'), and put a space after each key's colon (kind: slogan)"
)
NO_SPACE_AFTER_COLON = "a key needs a space after its colon (kind: slogan)"
NO_SPACE_AFTER_DASH = "a list item needs a space after its dash (- id: a)"
NEVER_CLOSED = "the {char} opened on this line is never closed: close it on this line"
UNCLOSED_FLOW = "the {char} opened on this line is never closed: close it, or add the missing comma"
CLOSED_LATE = "the {char} opened on this line is closed only on line {line}: close it on this line"
INDENTED_UNLIKE = "this line is indented unlike the lines around it: align it with them"
DEEPER = (
    "this line is indented deeper than the one above, so it reads as part of that line's "
    "value: align it with the keys beside it"
)


@dataclass(frozen=True, slots=True)
class Token:
    """A token YAML scanned: ``scalar``, ``flow-start``, ``flow-end`` or ``other``.

    ``style`` is a scalar's: "" for plain, a quote character for a quoted one.
    """

    kind: str
    style: str
    start: At
    end: At


@dataclass(frozen=True, slots=True)
class Slip:
    """A YAML syntax error in plain data: its two phrases and marks ("" and None if absent)."""

    problem: str
    context: str
    problem_at: At | None
    context_at: At | None


def describe(text: str, slip: Slip, tokens: Sequence[Token]) -> tuple[int, str]:
    """The 1-based line to edit and the message: YAML's words, then what to do.

    ``tokens`` are those scanned before the problem's position, in order.

    >>> slip = Slip("mapping values are not allowed here", "", (1, 4), None)
    >>> line, message = describe("a: b\\nc: d: e\\n", slip, [])
    >>> line, message[:60]
    (2, 'malformed YAML: mapping values are not allowed here; a colon')
    """
    mark = slip.problem_at or slip.context_at
    line = mark[0] + 1 if mark else 0
    detail = slip.problem or slip.context or "unreadable"
    if slip.problem and slip.context and not slip.context.startswith("while"):
        detail = f"{slip.context}, {slip.problem}"  # "expected a single document ..."
    lines = _BREAK.split(text)
    hint = ""
    if "tab" in detail or (mark is not None and _char(lines, mark) == "\t"):
        hint = TABS
    else:
        blamed = blame(lines, slip, tokens)
        if blamed is not None:
            line, hint = blamed
        elif detail.startswith("mapping values are not allowed"):
            hint = COLON_IN_VALUE
    return line, f"malformed YAML: {detail}" + (f"; {hint}" if hint else "")


def blame(lines: Sequence[str], slip: Slip, tokens: Sequence[Token]) -> tuple[int, str] | None:
    """The 1-based line to edit and a hint, or None to keep the line YAML names.

    ``lines`` are the text's, split where YAML breaks lines.

    >>> slip = Slip("found unexpected end of stream", "while scanning a quoted scalar",
    ...             (3, 0), (1, 3))
    >>> blame(["a: b", 'c: "d', "e: f", ""], slip, [])
    (2, 'the " opened on this line is never closed: close it on this line')
    """
    unclosed = slip.context.startswith("while scanning a quoted scalar")
    if unclosed and "end of stream" in slip.problem and slip.context_at is not None:
        quote = _quote_at(lines, slip.context_at)
        return slip.context_at[0] + 1, NEVER_CLOSED.format(char=quote)
    if slip.problem_at is None:
        return None
    line = slip.problem_at[0]
    if slip.context.startswith("while parsing a flow"):
        opened = _open_flow(tokens)
        if opened is not None and opened.start[0] < line:
            char = _char(lines, opened.start)
            return opened.start[0] + 1, UNCLOSED_FLOW.format(char=char)
    last = tokens[-1] if tokens else Token("other", "", (0, 0), (0, 0))
    # A scalar that runs over lines up to the slip: a quote closed late, or a key indented
    # so that it reads as the value above it goes on.
    runs_on = last.kind == "scalar" and last.start[0] < last.end[0] == line
    if runs_on and last.style:
        return last.start[0] + 1, CLOSED_LATE.format(char=last.style, line=line + 1)
    if slip.problem == "could not find expected ':'" and slip.context_at is not None:
        return slip.context_at[0] + 1, NO_SPACE_AFTER_COLON  # "kind:slogan", seen a line later
    if slip.problem.startswith("mapping values are not allowed") and runs_on:
        return odd_line(lines, last.start[0], line)
    collection = slip.context_at[0] if slip.context_at is not None else -1
    if (
        slip.problem == "did not find expected '-' indicator"
        and _previous(lines, line) == collection
    ):
        return odd_line(lines, collection, line)
    return None


def odd_line(lines: Sequence[str], first: int, second: int) -> tuple[int, str]:
    """Of two lines YAML cannot read one after the other, the one to edit, and why.

    The first, when it glues a dash to its key or when the second follows the line
    before the first as it should (so the first is the odd one); else the second,
    indented deeper than its siblings.

    >>> odd_line(["  term: a", "kind: b", "  senses:"], 1, 2)
    (2, 'this line is indented unlike the lines around it: align it with them')
    >>> odd_line(["- id: a", "  term: a", "   kind: b"], 1, 2)[0]
    3
    """
    if _GLUED_DASH.match(lines[first]):
        return first + 1, NO_SPACE_AFTER_DASH
    before = _previous(lines, first)
    if before is not None and _key_column(lines[second]) in _fits_after(lines[before]):
        return first + 1, INDENTED_UNLIKE
    return second + 1, DEEPER


def _key_column(line: str) -> int:
    """Where a line's key starts: after its indent and any ``- `` item markers.

    >>> _key_column("  - expansion: x"), _key_column("  kind: a"), _key_column("-id: a")
    (4, 2, 0)
    """
    indent = len(line) - len(line.lstrip(" "))
    item = _ITEM.match(line, indent)
    return item.end() if item else indent


def _fits_after(line: str) -> set[int]:
    """The key columns a line may follow: its own; under ``key:`` also 2 more (or a list)."""
    column = _key_column(line)
    return {column, column + 2} if line.rstrip().endswith(":") else {column}


def _previous(lines: Sequence[str], number: int) -> int | None:
    """The nearest line before ``number`` that holds something other than a comment."""
    for k in range(number - 1, -1, -1):
        stripped = lines[k].strip()
        if stripped and not stripped.startswith("#"):
            return k
    return None


def _open_flow(tokens: Sequence[Token]) -> Token | None:
    """The innermost ``[`` or ``{`` still open after ``tokens``."""
    opened: list[Token] = []
    for token in tokens:
        if token.kind == "flow-start":
            opened.append(token)
        elif token.kind == "flow-end" and opened:
            opened.pop()
    return opened[-1] if opened else None


def _char(lines: Sequence[str], at: At) -> str:
    line, column = at
    return lines[line][column : column + 1] if line < len(lines) else ""


def _quote_at(lines: Sequence[str], at: At | None) -> str:
    """The quote character a quoted scalar starts with at ``at`` (a double quote if unsure)."""
    char = _char(lines, at) if at is not None else ""
    return char if char in ("'", '"') else '"'
