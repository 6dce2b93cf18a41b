"""Where a Markdown draft holds code: fenced blocks and inline code spans.

Code is not prose: a term inside it is not a use to explain, and a footnote reference
put inside it would show as literal text. The rules follow CommonMark closely enough for
drafts, without parsing its containers:

- A fence is a line of three or more backticks or tildes (a backtick fence's info string
  holds no backtick), closed by a line of at least as many of the same character, or by
  the end of the text. An indented fence is taken to sit in a list item, so a later line
  indented less also ends it, as the item would. Indented code blocks are not recognised:
  drafts indent prose too. A fence left open at the end makes the rest of the text code:
  nothing can be added after it outside code (``open_fence``).
- An inline span opens with a run of backticks not escaped by a backslash, and closes
  with the next run of the same length before the paragraph ends (a blank line, or a line
  that starts a list item, quote or heading), at most 2,000 characters on.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\ufeff?([ \t]*)(`{3,}|~{3,})([^\n]*)$", re.M)
_PARAGRAPH_END = r"\n[ \t]*(?:\r?\n|\r?\Z|[-*+]\s|>|#{1,6}\s|\d{1,9}[.)]\s)"
_INLINE = re.compile(
    rf"(?<![`\\])(`+)(?!`)((?:(?!{_PARAGRAPH_END})[\s\S]){{1,2000}}?)(?<!`)\1(?!`)"
)


def code_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each stretch of code in a Markdown text, in order.

    >>> text = "用`双区`一词\\n```\\n双区驱动\\n```\\n双区"
    >>> [text[s:e] for s, e in code_spans(text)]
    ['`双区`', '```\\n双区驱动\\n```']
    """
    spans: list[tuple[int, int]] = []
    at = 0
    for block_start, block_end, _ in _fenced_blocks(text):
        spans += _inline(text, at, block_start)
        spans.append((block_start, block_end))
        at = block_end
    spans += _inline(text, at, len(text))
    return tuple(spans)


def open_fence(text: str) -> int | None:
    """Where a fence left open starts, if one makes all that follows the text code too.

    An indented fence sits in a list item, which a line at the margin ends: it is not.

    >>> open_fence("前\\n```\\n代码"), open_fence("```\\n代码\\n```"), open_fence("- a\\n  ```")
    (2, None, None)
    """
    blocks = _fenced_blocks(text)
    return blocks[-1][0] if blocks and blocks[-1][2] else None


def _fenced_blocks(text: str) -> list[tuple[int, int, bool]]:
    """Fenced code blocks: from the opening fence to the end of the last line, and open.

    A block is open when it has no closing fence and no list item to end it: it runs to
    the end of the text, and would run on through anything appended.
    """
    blocks = []
    position = 0
    while opening := _FENCE.search(text, position):
        indent, fence, info = opening.groups()
        if fence[0] == "`" and "`" in info:
            position = opening.end()
            continue
        limit = len(text)
        if indent:  # in a list item: a line indented less ends the item, and the block
            outdented = re.compile(rf"^(?![ \t]{{{len(indent)}}})[ \t]*\S", re.M)
            out = outdented.search(text, opening.end() + 1)
            limit = out.start() - 1 if out else limit
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t\r]*$", re.M)
        found = closing.search(text, opening.end() + 1, limit)
        end = found.end() if found else limit
        blocks.append((opening.start(), end, found is None and not indent))
        position = max(end, opening.end())
    return blocks


def _inline(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inline code spans between ``start`` and ``end``."""
    return [m.span() for m in _INLINE.finditer(text, start, end)]
