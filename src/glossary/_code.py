"""Where a Markdown draft holds code: fenced blocks and inline code spans.

Code is not prose: a term inside it is not a use to explain, and a footnote reference
put inside it would show as literal text. The rules follow CommonMark closely enough for
drafts: a fence is a line of three or more backticks or tildes indented at most three
spaces, closed by a line of at least as many of the same character (or the end of the
text); an inline span opens with a run of backticks and closes with the next run of the
same length within the same paragraph. Indented code blocks are not recognised: drafts
indent prose too.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*$", re.M)
_INLINE = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t\r]*\n)[\s\S])+?)(?<!`)\1(?!`)")


def code_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each stretch of code in a Markdown text, in order.

    >>> text = "用`双区`一词\\n```\\n双区驱动\\n```\\n双区"
    >>> [text[s:e] for s, e in code_spans(text)]
    ['`双区`', '```\\n双区驱动\\n```']
    """
    spans: list[tuple[int, int]] = []
    at = 0
    for block_start, block_end in _fenced_blocks(text):
        spans += _inline(text, at, block_start)
        spans.append((block_start, block_end))
        at = block_end
    spans += _inline(text, at, len(text))
    return tuple(spans)


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks, each from its opening fence to the end of its closing one."""
    blocks = []
    position = 0
    while opening := _FENCE.search(text, position):
        fence = opening[1]
        if fence[0] == "`" and "`" in opening[0].strip()[len(fence) :]:
            position = opening.end()  # a backtick fence's info string has no backticks
            continue
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t\r]*$", re.M)
        found = closing.search(text, opening.end() + 1)
        end = found.end() if found else len(text)
        blocks.append((opening.start(), end))
        position = end
    return blocks


def _inline(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inline code spans between ``start`` and ``end``."""
    return [m.span() for m in _INLINE.finditer(text, start, end)]
