"""The stage's shared vocabulary: what a normalised text is, and the character classes.

``normalise`` (``normalise.py``) writes a ``Normalised``; the short-text path
(``short.py``) and the long-text path (``long.py``, numpy) both read their character
classes from here, so that the two twins can never disagree about what is decoration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from glossary._normalise.quotes import ALL, PAIRS, SYMMETRIC
from glossary._normalise.tables import FOLD_FROM, FOLD_TO

if TYPE_CHECKING:  # typing only: numpy is imported at run time by long.py alone
    import numpy as np
    import numpy.typing as npt

    Codes: TypeAlias = npt.NDArray[np.uint32]  # code points
    Ints: TypeAlias = npt.NDArray[np.int64]  # offsets or pattern indexes
    Column: TypeAlias = Sequence[int] | Ints  # offsets or pattern indexes: a tuple, list or array


#: ASCII capitals, which step 1 folds to small letters: BIM, Bim and bim match alike, and
#: so do 1+1+10+N and 1+1+10+n.
CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SMALL = str.maketrans(CAPITALS, CAPITALS.lower())
#: Step 1 of normalising, one character for one: the compatibility folds of ``tables.py``
#: (full-width forms, Kangxi radicals), then ASCII capitals to small letters.
FOLDS_FROM = FOLD_FROM + CAPITALS
FOLDS_TO = FOLD_TO.translate(_SMALL) + CAPITALS.lower()

#: Texts at least this long take the numpy path.
LARGE = 20_000


#: White space: deleted, or kept as one separator (see ``short._separator``).
SPACE = " \t\r\n\x0b\x0c\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


#: Zero-width characters and the soft hyphen: always deleted.
INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060\ufeff"
QUOTES = ALL
#: Everything step 3 of normalising deletes (or keeps as a separator).
DECORATION = SPACE + INVISIBLE + QUOTES
#: Tone-marked pinyin vowels: inserted pinyin carries at least one.
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: The CJK ideograph blocks, as a character-class body.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"


# A parenthesised pinyin syllable with at least one tone mark, right after a Han character.
# The paren comes first so that the regex engine can scan for it quickly.
PINYIN = re.compile(f"[(（](?<=[{HAN}][(（])(?=[a-zü]*[{TONED}])[a-z{TONED}ü]{{1,7}}[)）]")


class Located(NamedTuple):
    """Matches mapped back to the original text, by ``normalise.locate``.

    A span no wider than its match, in a text neither folded nor converted, holds the
    same characters as the match, separators aside (a kept space or line break may stand
    for other white space). ``wider`` lists the other spans. It is None for short texts,
    which slice every surface (it costs them nothing), and where it cannot be known:
    converted texts, and matches made by an automaton that did not see the text as it is.
    ``arrays`` holds the spans of a long text once more as arrays, for numpy.
    """

    firsts: list[int]
    lasts: list[int]
    wider: list[int] | None
    arrays: tuple[Ints, Ints] | None = None


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text and the way back to the original offsets.

    ``starts[k]`` is where the k-th kept piece begins in the normalised text and
    ``origins[k]`` where it begins in the original; pieces are contiguous in both.
    Short texts keep tuples; the numpy path (``long.py``) keeps arrays, mapped in one call,
    and two arrays of code points, so that matching and mapping back can be vectorised:
    ``codes``, the simplified text before deletion (the original's length and quotes),
    and ``normal_codes``, the normalised text.
    """

    text: str
    original: str
    starts: Sequence[int] | Ints
    origins: Sequence[int] | Ints
    codes: Codes | None = None
    normal_codes: Codes | None = None
    converted: bool = True  # whether folding or t2s may have changed characters


#: Every quotation mark, for ``balance_quotes``.
QUOTE_SET = frozenset(ALL)


def balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to the quotes that belong to it, so annotations never split a pair.

    >>> text = "抢抓“双区”驱动和“六稳”“六保”，«双区»"
    >>> [text[slice(*balance_quotes(text, s, e))] for s, e in ((3, 8), (10, 16), (19, 21))]
    ['“双区”驱动', '“六稳”“六保”', '«双区»']
    """
    inside = text[start:end]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if not QUOTE_SET.intersection(inside):  # the common case: “双区” wrapped whole, or nothing
        wrapped = PAIRS.get(before, "\0") == after or (before == after and before in SYMMETRIC)
        return (start - 1, end + 1) if wrapped and before else (start, end)
    left = right = False
    for opening, closing in PAIRS.items():
        surplus = inside.count(opening) - inside.count(closing)
        wrapped = surplus == 0 and before == opening and after == closing
        left |= (surplus < 0 and before == opening) or wrapped
        right |= (surplus > 0 and after == closing) or wrapped
    for quote in SYMMETRIC:  # odd: the unpaired one is outside; even: wrapped if both sides
        odd = inside.count(quote) % 2 == 1
        wrapped = not odd and before == after == quote
        left |= (odd and before == quote) or wrapped
        right |= (odd and before != quote and after == quote) or wrapped
    return start - left, end + right


def line_breaks(run: str) -> int:
    """How many line breaks a run of decoration holds; two or more make a blank line.

    ``\\n`` counts once (so ``\\r\\n`` does), as do a vertical tab (a word processor's
    manual break) and U+2028; U+2029 ends a paragraph, so it counts twice. ``\\r`` and a
    form feed count for nothing: text converted to CR LF twice ends every line with
    ``\\r\\r\\n``, which must not read as a blank line, and a form feed marks a new page,
    which a term may run across.

    >>> [line_breaks(run) for run in ("\\r\\n", "\\r\\n\\r\\n", "\\r\\r\\n", "\\u2029", "\\n\\f")]
    [1, 2, 1, 2, 1]
    """
    return run.count("\n") + run.count("\x0b") + run.count("\u2028") + 2 * run.count("\u2029")


#: Long texts go to OpenCC in pieces of about this many characters, cut at line breaks
#: (no dictionary phrase spans one): its working set then stays in the CPU caches, 9.4 ms
#: per MB against 10.6 in one call, and it never holds a whole 10 MB text at once.
PIECE = 1 << 14


def expand_class(spec: str) -> str:
    """Expand the ``a-b`` ranges of a character-class body into the characters.

    >>> expand_class("a-cx")
    'abcx'
    """
    out: list[str] = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)


def pieces(text: str, size: int = PIECE) -> Iterator[tuple[int, str]]:
    """Cut ``text`` after line breaks into pieces of about ``size`` characters.

    A piece without a line break in reach runs on to the next one, so nothing that
    cannot span a line break is ever cut.

    >>> [p for _, p in pieces("ab\\ncd\\nef", size=4)]
    ['ab\\n', 'cd\\n', 'ef']
    """
    position = 0
    while position < len(text):
        end = position + size
        if end < len(text):
            cut = text.rfind("\n", position, end)
            if cut < 0:
                cut = text.find("\n", end)
            end = len(text) if cut < 0 else cut + 1
        yield position, text[position:end]
        position = end
