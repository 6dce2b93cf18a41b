"""Formulas as people type them in words: 二十加八 is 20+8, 一加一加十加N is 1+1+10+N.

Only for lookups: a text writes its formulas in digits, and matching never guesses.
"""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_PLUS = re.compile("加|[+＋]")
_LETTER = re.compile("[NnXxMm]")


def number(words: str) -> int | None:
    """The value of a Chinese numeral up to 9999, digits as they are; None for anything else.

    >>> [number(w) for w in ("八", "十", "二十", "十五", "一百零八", "两千", "20", "多")]
    [8, 10, 20, 15, 108, 2000, 20, None]
    """
    if words.isascii() and words.isdigit():
        return int(words)
    if not words or any(c not in _DIGITS and c not in _UNITS for c in words):
        return None
    total, digit = 0, None
    for char in words:
        if char in "零〇":  # a place holder: 一百零八
            continue
        if char in _DIGITS:
            if digit is not None:  # two digits running: 二二 is no numeral
                return None
            digit = _DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
    return total + (digit or 0)


def formula(words: str) -> str | None:
    """The formula a phrase of numerals and 加 spells, or None when it spells none.

    >>> formula("二十加八"), formula("一加一加十加N"), formula("1加6加N"), formula("加油")
    ('20+8', '1+1+10+N', '1+6+N', None)
    """
    parts = [part.strip() for part in _PLUS.split(words)]
    if len(parts) < 2:
        return None
    shown = []
    for part in parts:
        value = number(part)
        if value is not None:
            shown.append(str(value))
        elif _LETTER.fullmatch(part):
            shown.append(part.upper())
        else:
            return None
    return "+".join(shown)
