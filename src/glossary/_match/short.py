"""The short-text path of matching: run the automaton over a string, filter in plain Python.

``long.py`` is its twin for long texts (numpy over code points); property tests hold
the two equal. A match whose first or last character is an ASCII letter, digit or
``+`` must not touch another such character (``GLUE``), and silent patterns (exclusion
contexts) are never reported.
"""

from __future__ import annotations

from glossary._compile.automaton import GLUE, Match, Matcher, valid_utf8


def find(matcher: Matcher, text: str) -> list[Match]:
    """(pattern index, start, end) of each accepted match of ``matcher`` in ``text``.

    >>> m = Matcher(["1+10+N", "1+1+10+N", "IT", "IT部"], silent=[3])
    >>> find(m, "建立1+1+10+N机制，ITEM与IT，IT部")
    [(1, 2, 10), (2, 18, 20)]
    """
    if not matcher.patterns:
        return []
    automaton = matcher.automaton()
    if matcher.alphabet is None:
        found: list[Match] = automaton.find_matches_as_indexes(valid_utf8(text))
    else:
        haystack = matcher.haystack(text)
        found = automaton.find_matches_as_indexes(haystack)
        if len(haystack) != len(text):  # some symbols take more than one byte
            found = _characters(matcher.lengths, found, haystack)
    left, right, checked, silent, glue = (
        matcher.left,
        matcher.right,
        matcher.checked,
        matcher.silent,
        GLUE.match,
    )
    if not (checked or silent):
        return found
    return [
        (i, s, e)
        for i, s, e in found
        if i not in silent
        and (
            i not in checked
            or (
                not (i in left and s > 0 and glue(text, s - 1))
                and not (i in right and glue(text, e))
            )
        )
    ]


def _characters(lengths: tuple[int, ...], found: list[Match], haystack: bytes) -> list[Match]:
    """Matches over a short text's haystack, with character offsets for byte offsets.

    Each match's start counts the characters of the bytes since the previous one; its
    end is its start plus its pattern's length.
    """
    at, chars, mapped = 0, 0, []
    for i, s, _ in found:
        chars += len(haystack[at:s].decode())
        at = s
        mapped.append((i, chars, chars + lengths[i]))
    return mapped
