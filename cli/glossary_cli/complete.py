"""Completing terms as the user types: by prefix, by substring, and by pinyin.

Pure functions over a glossary; ``repl`` wraps them in a prompt-toolkit ``Completer``.

Pinyin comes from each term itself (the library's ``spellings``, through pypinyin, the
first time a completion needs the index): typing ``sqqd`` or ``shuangqu`` completes
双区驱动, whatever its id, and a team's entries are offered alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from glossary_cli.answers import short

if TYPE_CHECKING:
    from glossary import Entry, Glossary

_MAX_WORD = 16  # characters before the cursor considered part of a term
_MAX_SUGGESTIONS = 30
_META = 30
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SYLLABLE = re.compile(
    r"(?:[bpmfdtnlgkhjqxrwy]|[zcs]h?)?"
    r"(?:i(?:a(?:ng?|o)?|e|ng?|ong|u)?|u(?:a(?:ng?|i)?|e|i|n|o)?|v(?:e|n)?|ü(?:e|n)?"
    r"|a(?:i|o|ng?)?|e(?:i|r|ng?)?|o(?:u|ng)?)"
)
_LATIN_TAIL = re.compile(r"[a-z]{2,}$")
#: Longer than any term's pinyin spelt out in full.
_LONGEST_PINYIN = 100


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One completion: the text to insert in place of the last ``length`` characters."""

    text: str
    length: int  # how many characters before the cursor the completion replaces
    meta: str  # the entry's one-line expansion, shown beside it


@dataclass(frozen=True, slots=True)
class _Surface:
    key: str  # normalised, case-folded
    text: str  # as the data writes it
    entry: Entry


@dataclass(frozen=True, slots=True)
class Index:
    """The surfaces and pinyin spellings of a glossary, prepared once for completion."""

    surfaces: tuple[_Surface, ...]
    pinyin: tuple[tuple[str, str, Entry], ...]  # (initials, syllables joined, entry)


@lru_cache(maxsize=8)
def index_of(glossary: Glossary) -> Index:
    """Prepare a glossary for completion (cached: glossaries are immutable)."""
    from glossary._normalise.normalise import normalise_term
    from glossary._normalise.pinyin import spellings

    surfaces = []
    pinyin = []
    for entry in glossary:
        for text in entry.surfaces:
            surfaces.append(_Surface(normalise_term(text).casefold(), text, entry))
        joined, initials = spellings(entry.term)
        if joined:
            pinyin.append((initials, joined, entry))
    return Index(tuple(surfaces), tuple(pinyin))


def meta(entry: Entry) -> str:
    """The one-line expansion shown beside a completion."""
    return short(entry.senses[0].expansion, _META) if entry.senses else entry.kind


def complete_term(before: str, glossary: Glossary) -> list[Suggestion]:
    """Terms and variant forms that complete the text before the cursor.

    The longest tail of the text that starts some surface wins, so ``什么是双区`` offers
    双区驱动; failing that, surfaces containing the text, and pinyin spellings.
    """
    from glossary._normalise.normalise import normalise_term

    index = index_of(glossary)
    word = before.lstrip()[-_MAX_WORD:]
    for size in range(len(word), 0, -1):
        if _inside_word(word, size):
            continue
        key = normalise_term(word[-size:]).casefold()
        found = [s for s in index.surfaces if key and s.key.startswith(key)]
        if found:
            return _suggest(found, size)
    key = normalise_term(word).casefold()
    found = [s for s in index.surfaces if len(key) >= 2 and key in s.key]
    if found:
        return _suggest(found, len(word))
    return _pinyin(index, word)


def _inside_word(word: str, size: int) -> bool:
    """Whether cutting the last ``size`` characters of ``word`` splits a Latin word.

    >>> _inside_word("lwlb", 1), _inside_word("什么是pct", 3), _inside_word("1+1", 1)
    (True, False, False)
    """
    if size >= len(word):
        return False
    before, after = word[-size - 1], word[-size]
    return before.isascii() and after.isascii() and before.isalpha() and after.isalpha()


def _suggest(found: Sequence[_Surface], length: int) -> list[Suggestion]:
    ranked = sorted(found, key=lambda s: (s.text != s.entry.term, len(s.text), s.text))
    seen: set[str] = set()
    out = []
    for surface in ranked:
        if surface.text not in seen:
            seen.add(surface.text)
            out.append(Suggestion(surface.text, length, meta(surface.entry)))
    return out[:_MAX_SUGGESTIONS]


def _pinyin(index: Index, word: str) -> list[Suggestion]:
    """Entries whose pinyin initials or syllables start with the Latin tail of ``word``."""
    # Only the end of the word: the pattern would be tried from every letter of a long run.
    tail = _LATIN_TAIL.search(word[-_LONGEST_PINYIN:].casefold())
    if tail is None:
        return []
    typed = tail.group()
    found = _by_pinyin(index, typed)
    return [Suggestion(e.term, len(typed), meta(e)) for e in found][:_MAX_SUGGESTIONS]


def _by_pinyin(index: Index, typed: str) -> list[Entry]:
    exact = [e for initials, joined, e in index.pinyin if typed in (initials, joined)]
    started = [e for initials, joined, e in index.pinyin if initials.startswith(typed)]
    started += [e for initials, joined, e in index.pinyin if joined.startswith(typed)]
    rest = sorted(dict.fromkeys(e for e in started if e not in exact), key=lambda e: len(e.term))
    return [*dict.fromkeys(exact), *rest]


def by_pinyin(glossary: Glossary, typed: str) -> tuple[Entry, ...]:
    """Entries spelt ``typed`` in pinyin (initials or syllables), exact spellings first.

    >>> from glossary import Glossary
    >>> [e.term for e in by_pinyin(Glossary.default(), "sqqd")]
    ['双区驱动']
    """
    word = typed.casefold()
    if not _LATIN_TAIL.fullmatch(word):
        return ()
    return tuple(_by_pinyin(index_of(glossary), word))
