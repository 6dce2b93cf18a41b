"""Laying out answers for a terminal: styled spans, wrapped at a width in display columns.

Chinese characters take two columns, combining marks none, so wrapping counts display
width (the rule of wcwidth and of prompt-toolkit's ``get_cwidth``, computed here from
the standard library's East Asian Width table so that plain commands need not import
prompt-toolkit). Lines break between any two Chinese characters and at spaces between
Latin words, never before closing punctuation nor after opening punctuation, as Chinese
typesetting does. Colour is ANSI SGR, and only when wanted: never with ``NO_COLOR``.
The text of every span is made visible (``glossary_cli.visible``) before it is laid
out: control characters in the data are shown, and the only escape sequences that reach
the terminal are our own colours.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TextIO

from glossary_cli.visible import visible

#: A piece of text and the name of its style ("" for plain).
Span = tuple[str, str]

#: SGR codes of the styles answers use.
PALETTE: Mapping[str, str] = {
    "term": "1;36",  # bold cyan: the term being explained
    "label": "2",  # dim: field labels such as "source:"
    "meta": "33",  # yellow: kind, scope, counts
    "hint": "2;3",  # dim italic: what to try next
    "warn": "1;33",
    "mark": "32",  # green: expansions added inside a pasted text
}

_CLOSING = "，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%"
_OPENING = "（《「『【〔〈“‘([{"
_UNIT = re.compile(
    r"\[[^\]\s]{1,16}\]"  # a short tag such as [深圳市] is never split
    rf"|[{re.escape(_OPENING)}]*"
    rf"(?:[\x21-\x7e\u00a0-\u02ff]+|[^\s])"
    rf"[{re.escape(_CLOSING)}]*"
    r"|[ \t\u3000]+"
    r"|\n"
)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Display width of one character: 2 for wide CJK, 0 for combining marks, else 1.

    >>> char_width("双"), char_width("a"), char_width("，"), char_width("\\u0301")
    (2, 1, 2, 0)
    """
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Display width of ``text`` in terminal columns.

    >>> width("双区驱动"), width("1+1+10+N"), width("“20+8”")
    (8, 8, 6)
    """
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


@dataclass(frozen=True, slots=True)
class Line:
    """A logical line of an answer: spans, the indent of its first row and of the others.

    ``wrap=False`` keeps the text as it is (HTML, JSON, Markdown must not be folded).
    """

    spans: tuple[Span, ...]
    indent: int = 0
    hang: int | None = None  # indent of continuation rows; ``indent`` when None
    wrap: bool = True

    @classmethod
    def of(cls, *spans: Span | str, indent: int = 0, hang: int | None = None) -> Line:
        """Build a line from spans, a bare string being a plain span."""
        parts = tuple(("", s) if isinstance(s, str) else s for s in spans)
        return cls(parts, indent, hang)

    @property
    def text(self) -> str:
        """The line's text without styles or indent."""
        return "".join(text for _, text in self.spans)


def wrap(line: Line, columns: int) -> list[list[Span]]:
    """Break a line into rows no wider than ``columns``, each starting with its indent.

    >>> rows = wrap(Line.of("双区驱动：粤港澳大湾区和先行示范区", indent=2, hang=4), 16)
    >>> ["".join(t for _, t in row) for row in rows]
    ['  双区驱动：粤港', '    澳大湾区和先', '    行示范区']
    >>> ["".join(t for _, t in r) for r in wrap(Line.of("see the glossary now"), 12)]
    ['see the', 'glossary now']
    >>> ["".join(t for _, t in r) for r in wrap(Line.of("20+8 产业 [深圳市]"), 14)]
    ['20+8 产业', '[深圳市]']
    """
    if not line.wrap:
        return [[(style, text)] for style, text in line.spans]
    rows = _Rows(line.indent, line.indent if line.hang is None else line.hang, columns)
    for style, text in line.spans:
        for unit in _UNIT.findall(text):
            size = width(unit)  # measured once: a long pasted line has a million units
            if unit == "\n":
                rows.start()
            elif rows.used + size <= columns:
                rows.add(style, unit, size)
            elif unit.isspace():
                rows.start()
            else:
                rows.overflow(style, unit)
    return [_merge(_rstrip(row)) for row in rows.laid_out()]


class _Rows:
    """The rows of a line being wrapped: each row's indent and spans, and the last's width."""

    def __init__(self, indent: int, hang: int, columns: int) -> None:
        self.hang = hang
        self.columns = columns
        self.rows: list[tuple[int, list[Span]]] = [(indent, [])]
        self.used = indent

    def start(self) -> None:
        """Begin a continuation row at the hanging indent."""
        self.rows.append((self.hang, []))
        self.used = self.hang

    def add(self, style: str, unit: str, size: int | None = None) -> None:
        """Append a unit to the last row; ``size`` is its width, if known."""
        self.rows[-1][1].append((style, unit))
        self.used += width(unit) if size is None else size

    def overflow(self, style: str, unit: str) -> None:
        """Put ``unit`` on a new row; one wider than a row (a URL) is cut by characters."""
        margin, spans = self.rows[-1]
        if any(text.strip() for _, text in spans):
            self.start()
        else:  # nothing but blanks on this row yet: drop them rather than add a row
            spans.clear()
            self.used = margin
        piece, size = "", 0
        for char in unit:
            if self.used + size + char_width(char) > self.columns and piece:
                self.add(style, piece)
                self.start()
                piece, size = "", 0
            piece += char
            size += char_width(char)
        self.add(style, piece)

    def laid_out(self) -> list[list[Span]]:
        """The rows with their indents as leading spans."""
        return [[("", " " * margin), *spans] if margin else spans for margin, spans in self.rows]


def _merge(row: list[Span]) -> list[Span]:
    """Join neighbouring spans of one style, so that colour codes come once per run.

    Each run is joined once: adding each unit to the run's string so far would copy the
    run again for every unit, which is quadratic in a long unwrapped line (a megabyte
    pasted into the piped chat took seconds, five took minutes).

    >>> _merge([("", "a"), ("", "b"), ("term", "c"), ("", "d")])
    [('', 'ab'), ('term', 'c'), ('', 'd')]
    """
    runs: list[tuple[str, list[str]]] = []
    for style, text in row:
        if runs and runs[-1][0] == style:
            runs[-1][1].append(text)
        else:
            runs.append((style, [text]))
    return [(style, "".join(texts)) for style, texts in runs]


def _rstrip(row: list[Span]) -> list[Span]:
    """Drop trailing blanks of a row (spaces at a break), keeping its styles."""
    while row and not row[-1][1].strip():
        row.pop()
    if row:
        style, text = row[-1]
        row[-1] = (style, text.rstrip())
    return row


#: The widest a terminal answer is laid out, however wide the terminal: long lines read badly.
WIDEST = 80
_UNWRAPPED = 1 << 30


def render(lines: Iterable[Line], columns: int | None = WIDEST, *, colour: bool = False) -> str:
    """Lay out lines as text, wrapped at ``columns`` (None: not at all), coloured if ``colour``.

    >>> render([Line.of(("term", "双区驱动"), " slogan")], colour=True)
    '\\x1b[1;36m双区驱动\\x1b[0m slogan\\n'
    >>> render([Line.of(("term", "双区驱动"), " slogan")])
    '双区驱动 slogan\\n'
    >>> line = Line.of("粤港澳大湾区", indent=2)
    >>> render([line], 8), render([line], None)
    ('  粤港澳\\n  大湾区\\n', '  粤港澳大湾区\\n')
    >>> render([Line.of(("term", "展开\\x1b[2J"))], colour=True)
    '\\x1b[1;36m展开\\\\x1b[2J\\x1b[0m\\n'
    """
    out: list[str] = []
    for line in lines:
        line = replace(line, spans=tuple((style, visible(text)) for style, text in line.spans))
        for row in wrap(line, _UNWRAPPED if columns is None else columns):
            out.append("".join(paint(text, style, colour) for style, text in row))
    return "".join(f"{row}\n" for row in out)


def paint(text: str, style: str, colour: bool) -> str:
    """Wrap ``text`` in the SGR codes of ``style`` when colour is on."""
    code = PALETTE.get(style) if colour and text else None
    return f"\x1b[{code}m{text}\x1b[0m" if code else text


def columns_for(stream: TextIO, environ: Mapping[str, str] | None = None) -> int | None:
    """The width to wrap answers to ``stream`` at: None (no wrapping) unless it is a terminal.

    Text written to a pipe or a file is copied elsewhere, where hard line breaks are in
    the way; on a terminal it is $COLUMNS, else the terminal's width, at most ``WIDEST``.

    >>> import io
    >>> columns_for(io.StringIO(), {"COLUMNS": "40"}) is None
    True
    """
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return None
    env = os.environ if environ is None else environ
    text = env.get("COLUMNS", "")
    if text.isdigit() and int(text) > 0:
        return min(WIDEST, int(text))
    try:
        return min(WIDEST, os.get_terminal_size(stream.fileno()).columns or WIDEST)
    except (AttributeError, OSError, ValueError):  # no descriptor (a test's stream)
        return WIDEST


def colour_wanted(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what goes to ``stream``: a terminal, no NO_COLOR, not TERM=dumb.

    >>> import io
    >>> colour_wanted(io.StringIO(), {})
    False
    """
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def plain(lines: Sequence[Line]) -> str:
    """The text of lines, unwrapped and uncoloured, one per line (for tests and pipes)."""
    return "".join(" " * line.indent + line.text + "\n" for line in lines)
