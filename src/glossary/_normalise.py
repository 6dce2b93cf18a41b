"""Normalisation: the one place that knows about OpenCC, decoration and offsets.

A text is matched in a *normalised* form and every match is mapped back to the
original string. Normalising does, in order:

1. fold compatibility characters one for one (full-width ``１＋Ｎ``, Kangxi radicals);
2. convert Traditional to Simplified with OpenCC ``t2s``, which never changes the
   length (checked, with a per-character fallback), so offsets survive;
3. delete decoration: quotes, spaces, zero-width characters, line breaks, and pinyin
   that some sites insert after characters (``灣區(qū)``). A run of decoration that holds
   two line breaks (a blank line) becomes one ``\\n``, and a run between two ASCII
   letters or digits that holds white space becomes one space: both stop a match.

Steps 1 and 2 are skipped when a fast scan finds nothing for them to change. Step 3
has two implementations with one behaviour: per run of decoration for short texts,
vectorised with numpy for long ones (numpy costs 100 ms to import, which a one-line
lookup should not pay). A property test holds them equal.
"""

from __future__ import annotations

import bisect
import codecs
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import opencc

from glossary._annotation import Script
from glossary._quotes import ALL, PAIRS, SYMMETRIC
from glossary._tables import FOLD_FROM, FOLD_TO, T2S_TRIGGERS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: Texts at least this long take the numpy path.
LARGE = 20_000

_FOLD = str.maketrans(FOLD_FROM, FOLD_TO)
_FOLD_SET = frozenset(FOLD_FROM)
_T2S_SET = frozenset(T2S_TRIGGERS)

_SPACE = " \t\r\n\x0b\x0c\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060\ufeff"
_QUOTES = ALL
_DECORATION = _SPACE + _INVISIBLE + _QUOTES
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"

_RUN = re.compile(f"[{_DECORATION}]+")
# A parenthesised pinyin syllable with at least one tone mark, right after a Han character.
# The paren comes first so that the regex engine can scan for it quickly.
_PINYIN = re.compile(f"[(（](?<=[{_HAN}][(（])(?=[a-zü]*[{_TONED}])[a-z{_TONED}ü]{{1,7}}[)）]")
_WHITE = re.compile(f"[{_SPACE}]")
_ALNUM = re.compile("[0-9A-Za-z]")


@cache
def _converter(config: str) -> opencc.OpenCC:
    """Return a cached OpenCC converter; building one loads its dictionaries."""
    return opencc.OpenCC(config)


def needs_t2s(text: str) -> bool:
    """Whether t2s could change anything in ``text``.

    >>> needs_t2s("双区驱动"), needs_t2s("雙區驅動")
    (False, True)
    """
    return not _T2S_SET.isdisjoint(text)


def to_simplified(text: str) -> str:
    """Fold compatibility characters and convert to Simplified, keeping the length.

    >>> to_simplified("雙區驅動 １＋１＋１０＋Ｎ")
    '双区驱动 1+1+10+N'
    """
    if not _FOLD_SET.isdisjoint(text):
        text = text.translate(_FOLD)
    return _t2s(text) if needs_t2s(text) else text


def _t2s(text: str) -> str:
    """OpenCC t2s, guarded so that the result always has the length of the input."""
    try:
        converted: str = _converter("t2s").convert(text)
    except UnicodeEncodeError:  # a lone surrogate: OpenCC needs valid UTF-8
        converted = _converter("t2s").convert(re.sub("[\ud800-\udfff]", "\ufffd", text))
    if len(converted) != len(text):  # not seen on OpenCC 1.4; keep offsets valid regardless
        converted = "".join(
            c if len(c) == 1 else t for c, t in zip(map(_single_t2s, text), text, strict=True)
        )
    return converted


@cache
def _single_t2s(char: str) -> str:
    return str(_converter("t2s").convert(char))


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text and the way back to the original offsets.

    ``starts[k]`` is where the k-th kept piece begins in the normalised text and
    ``origins[k]`` where it begins in the original; pieces are contiguous in both.
    Short texts keep tuples; the numpy path keeps arrays, mapped in one call.
    """

    text: str
    original: str
    starts: Sequence[int] | npt.NDArray[np.int64]
    origins: Sequence[int] | npt.NDArray[np.int64]
    # The numpy path keeps the code points of the simplified text (same length and the
    # same quotes as the original), so callers can vectorise work over the original.
    codes: npt.NDArray[np.uint32] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalised span to the original text.

        >>> n = normalise("抢抓“双区”驱动")
        >>> n.text, n.span(2, 6)
        ('抢抓双区驱动', (3, 8))
        """
        return self.spans([start], [end])[0]

    def spans(self, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
        """Map many non-empty normalised spans to the original text."""
        if isinstance(self.starts, tuple):
            index = self._index
            return [(index(s), index(e - 1) + 1) for s, e in zip(starts, ends, strict=True)]
        import numpy as np

        first = self._indexes(np.asarray(starts, dtype=np.int64))
        last = self._indexes(np.asarray(ends, dtype=np.int64) - 1) + 1
        return list(zip(first.tolist(), last.tolist(), strict=True))

    def original_spans(self, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
        """Map spans like ``spans`` and widen each to the quotes that belong to it.

        >>> normalise("抢抓“双区”驱动、「六稳」").original_spans([2, 7], [6, 9])
        [(2, 8), (9, 13)]
        """
        spans = self.spans(starts, ends)
        if self.codes is None or not spans:
            text = self.original
            widened = [
                balance_quotes(text, s, e)
                if e - s != high - low
                or text[s - 1 : s] in _QUOTE_SET
                or text[e : e + 1] in _QUOTE_SET
                else (s, e)
                for low, high, (s, e) in zip(starts, ends, spans, strict=True)
            ]
            # A quote between two terms ("甲"乙") belongs to the first: spans never overlap.
            return [(max(s, widened[i - 1][1]) if i else s, e) for i, (s, e) in enumerate(widened)]
        return _widen_to_quotes(self.codes, spans)

    def _index(self, position: int) -> int:
        k = bisect.bisect_right(self.starts, position) - 1
        return self.origins[k] + position - self.starts[k]

    def _indexes(self, positions: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        import numpy as np

        starts, origins = np.asarray(self.starts), np.asarray(self.origins)
        k = np.searchsorted(starts, positions, side="right") - 1
        mapped: npt.NDArray[np.int64] = origins[k] + positions - starts[k]
        return mapped


_QUOTE_SET = frozenset(ALL)


def balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to the quotes that belong to it, so annotations never split a pair.

    >>> text = "抢抓“双区”驱动和“六稳”“六保”，«双区»"
    >>> [text[slice(*balance_quotes(text, s, e))] for s, e in ((3, 8), (10, 16), (19, 21))]
    ['“双区”驱动', '“六稳”“六保”', '«双区»']
    """
    inside = text[start:end]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if not _QUOTE_SET.intersection(inside):  # the common case: “双区” wrapped whole, or nothing
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


def _widen_to_quotes(
    codes: npt.NDArray[np.uint32], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``balance_quotes`` for every span at once, over the text's code points."""
    import numpy as np

    size, is_quote = len(codes), _quote_table()
    starts, ends = (np.array(side, dtype=np.int64) for side in zip(*spans, strict=True))
    before_all = np.where(starts > 0, codes[np.maximum(starts - 1, 0)], 0)
    after_all = np.where(ends < size, codes[np.minimum(ends, size - 1)], 0)
    at = np.flatnonzero(is_quote[codes])  # np.isin would widen every code to int64
    quote_chars = codes[at]
    inside_any = np.searchsorted(at, ends) > np.searchsorted(at, starts)
    # Only spans that touch a quote can move; most touch none.
    touching = np.flatnonzero(is_quote[before_all] | is_quote[after_all] | inside_any)
    low, high = starts[touching], ends[touching]
    before, after = before_all[touching], after_all[touching]

    def inside(char: str) -> npt.NDArray[np.int64]:
        where = at[quote_chars == ord(char)]
        counts: npt.NDArray[np.int64] = np.searchsorted(where, high) - np.searchsorted(where, low)
        return counts

    left = np.zeros(len(touching), dtype=np.bool_)
    right = np.zeros(len(touching), dtype=np.bool_)
    for opening, closing in PAIRS.items():
        surplus = inside(opening) - inside(closing)
        opens, closes = before == ord(opening), after == ord(closing)
        wrapped = (surplus == 0) & opens & closes
        left |= ((surplus < 0) & opens) | wrapped
        right |= ((surplus > 0) & closes) | wrapped
    for quote in SYMMETRIC:
        odd = inside(quote) % 2 == 1
        opens, closes = before == ord(quote), after == ord(quote)
        wrapped = ~odd & opens & closes
        left |= (odd & opens) | wrapped
        right |= (odd & ~opens & closes) | wrapped
    starts[touching] -= left
    ends[touching] += right
    starts[1:] = np.maximum(starts[1:], ends[:-1])  # a shared quote belongs to the first
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, remembering where each character came from.

    >>> normalise("灣區(qū)驅動").text
    '湾区驱动'
    >>> normalise("CIM\\n平台, IT 与 BT, “双区”\\n\\n驱动").text
    'CIM平台,IT与BT,双区\\n驱动'
    """
    if len(text) >= LARGE:
        return _normalise_large(text)
    return _normalise_small(text, to_simplified(text))


def _separator(text: str, start: int, end: int) -> str:
    """What the run of decoration text[start:end] becomes: a line break, a space or nothing."""
    if text.count("\n", start, end) >= 2:
        return "\n"
    if (
        start
        and end < len(text)
        and _ALNUM.match(text, start - 1)
        and _ALNUM.match(text, end)
        and _WHITE.search(text, start, end)
    ):
        return " "
    return ""


def _normalise_small(text: str, simplified: str) -> Normalised:
    """Per run of decoration: cheap for short texts, and no numpy import."""
    runs = [(*m.span(), "") for m in _PINYIN.finditer(simplified)]
    runs += [
        (a, b, _separator(simplified, a, b))
        for a, b in (m.span() for m in _RUN.finditer(simplified))
    ]
    runs.sort()
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = position = 0

    def emit(piece: str, origin: int) -> None:
        nonlocal length
        pieces.append(piece)
        starts.append(length)
        origins.append(origin)
        length += len(piece)

    for start, end, separator in runs:
        if start > position:
            emit(simplified[position:start], position)
        if separator:
            emit(separator, start)
        position = end
    if position < len(simplified) or not pieces:
        emit(simplified[position:], position)
    return Normalised("".join(pieces), text, tuple(starts), tuple(origins))


# Bits of the per-code-point class table used by the numpy path.
_B_FOLD, _B_T2S, _B_DECOR, _B_WHITE = 1, 2, 4, 8
_B_ALNUM, _B_HAN, _B_LETTER, _B_TONE = 16, 32, 64, 128
#: Long texts are converted and searched in pieces of about this many characters, cut at
#: line breaks: OpenCC and ahocorasick-rs keep several bytes per input byte while they
#: work, and no dictionary phrase nor glossary pattern spans a line break.
PIECE = 1 << 18


@cache
def _class_table() -> npt.NDArray[np.uint8]:
    """One byte of class bits for every code point, so one lookup classifies a text."""
    import numpy as np

    table = np.zeros(0x110000, dtype=np.uint8)
    for bit, chars in (
        (_B_FOLD, FOLD_FROM),
        (_B_T2S, T2S_TRIGGERS),
        (_B_DECOR, _expand_class(_DECORATION)),
        (_B_WHITE, _expand_class(_SPACE)),
        (_B_ALNUM, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        (_B_LETTER, "abcdefghijklmnopqrstuvwxyzü" + _TONED),
        (_B_TONE, _TONED),
    ):
        table[[ord(c) for c in chars]] |= bit
    for low, high in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x40000)):
        table[low:high] |= _B_HAN
    table.flags.writeable = False  # cached and shared: nobody may change it
    return table


@cache
def _quote_table() -> npt.NDArray[np.bool_]:
    import numpy as np

    table = np.zeros(0x110000, dtype=np.bool_)
    table[[ord(q) for q in _QUOTE_SET]] = True
    table.flags.writeable = False
    return table


@cache
def _fold_table() -> npt.NDArray[np.uint32]:
    import numpy as np

    fold = np.arange(0x110000, dtype=np.uint32)
    fold[[ord(c) for c in FOLD_FROM]] = [ord(c) for c in FOLD_TO]
    fold.flags.writeable = False
    return fold


def _expand_class(spec: str) -> str:
    """Expand the ``a-b`` ranges of a character-class body into the characters."""
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


def _codes(text: str) -> npt.NDArray[np.uint32]:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _decode(codes: npt.NDArray[np.uint32]) -> str:
    # Straight from the array's buffer: tobytes() would copy 4 bytes per character first.
    return codecs.utf_32_le_decode(codes.data, "surrogatepass", True)[0]


def _pinyin_spans(
    codes: npt.NDArray[np.uint32], flags: npt.NDArray[np.uint8]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Vectorised ``_PINYIN``: (starts, ends) of parenthesised toned syllables after Han."""
    import numpy as np

    size = len(codes)
    found = np.flatnonzero((codes == 0x28) | (codes == 0xFF08))
    found = found[(found > 0) & (found < size - 2)]
    found = found[(flags[found - 1] & _B_HAN) != 0]
    window = found[:, None] + np.arange(1, 9)
    inside = window < size
    window = np.minimum(window, size - 1)
    letters = ((flags[window] & _B_LETTER) != 0) & inside
    length = np.argmin(letters, axis=1)  # index of the first non-letter
    closing = codes[window[np.arange(len(found)), length]]
    toned = ((flags[window] & _B_TONE) != 0) & (np.arange(8) < length[:, None])
    ok = ~letters.all(axis=1) & (length >= 1) & ((closing == 0x29) | (closing == 0xFF09))
    ok &= toned.any(axis=1) & inside[np.arange(len(found)), length]
    return found[ok], found[ok] + length[ok] + 2


def _normalise_large(text: str) -> Normalised:
    """Vectorised over UTF-32 code units: one class lookup, then prefix sums and searches."""
    import numpy as np

    table = _class_table()
    codes = _codes(text)
    flags = table[codes]
    simplified = text
    if (flags & _B_FOLD).any():
        codes = _fold_table()[codes]
        simplified = _decode(codes)
        flags = table[codes]  # a folded １ or Ａ is a digit or letter from here on
    if (flags & _B_T2S).any():
        del codes  # the original's code points are not needed again: free them first
        simplified = "".join([_t2s(piece) for _, piece in pieces(simplified)])
        codes = _codes(simplified)  # t2s keeps every class bit used below (a test checks)
    delete = (flags & _B_DECOR) != 0
    size = len(codes)
    # Runs of decoration, and the line breaks and spaces each holds (binary searches over
    # the few positions of those characters, not a pass per run).
    change = np.flatnonzero(np.diff(delete.view(np.int8), prepend=np.int8(0), append=np.int8(0)))
    starts, ends = change[0::2], change[1::2]
    breaks = np.flatnonzero(codes == 10)
    blank = np.searchsorted(breaks, ends) - np.searchsorted(breaks, starts) >= 2
    inner = (starts > 0) & (ends < size) & ~blank
    alnum = (flags & _B_ALNUM) != 0
    gap = inner.copy()
    gap[inner] = alnum[starts[inner] - 1] & alnum[ends[inner]]
    if gap.any():
        spaces = np.flatnonzero((flags & _B_WHITE) != 0)
        gap &= np.searchsorted(spaces, ends) > np.searchsorted(spaces, starts)
    pinyin_starts, pinyin_ends = _pinyin_spans(codes, flags)
    for offset in range(9):  # a syllable with its parentheses is at most 9 characters
        reach = pinyin_starts + offset
        delete[reach[reach < pinyin_ends]] = True
    separators = np.concatenate((starts[blank], starts[gap]))
    delete[separators] = False
    normal = codes[~delete]
    # Kept pieces are what lies between deleted intervals: runs of decoration (less the
    # separator kept at a run's start) and pinyin spans. No second pass over the text.
    kept = np.zeros(len(starts), dtype=np.int64)
    kept[blank | gap] = 1
    cut_starts = np.concatenate((starts + kept, pinyin_starts))
    cut_ends = np.concatenate((ends, pinyin_ends))
    order = np.argsort(cut_starts, kind="stable")
    origins = np.concatenate(([0], cut_ends[order]))
    lengths = np.concatenate((cut_starts[order], [size])) - origins
    origins, lengths = origins[lengths > 0], lengths[lengths > 0]
    starts_normal = np.cumsum(lengths) - lengths
    at = np.searchsorted(origins, separators, side="right") - 1
    normal[starts_normal[at] + separators - origins[at]] = np.where(
        np.arange(len(separators)) < np.count_nonzero(blank), 10, 32
    )
    return Normalised(_decode(normal), text, starts_normal, origins, codes)


def normalise_term(term: str) -> str:
    """Return the matching key of a term or variant: folded, Simplified, undecorated.

    >>> normalise_term("「雙區」驅動")
    '双区驱动'
    >>> normalise_term("１＋１＋１０＋Ｎ")
    '1+1+10+N'
    """
    return _normalise_small(term, to_simplified(term)).text


def detect_script(text: str) -> Script:
    """Tell how a text is written: Simplified, or which variant of Traditional.

    Each candidate is scored by how much of a sample it reproduces: the sample's own
    Simplified form for ``simplified``, and OpenCC s2t, s2hk and s2tw of that form for
    the Traditional variants. One Traditional character in Simplified text (参考 written
    參考, a name like 乾隆) does not make the text Traditional.

    >>> [detect_script(t) for t in ("双区驱动", "雙區驅動，加強裏外", "乾隆年间，參考")]
    ['simplified', 'traditional', 'simplified']
    """
    sample = text[:2000]
    if not needs_t2s(sample):
        return "simplified"
    simplified = to_simplified(sample)
    best: Script = "simplified"
    best_score = sum(map(operator.eq, simplified, sample))
    for script in ("traditional", "hongkong", "taiwan"):
        score = sum(map(operator.eq, to_script(simplified, script), sample))
        if score > best_score:
            best, best_score = script, score
    return best


_CONFIGS: dict[Script, str] = {"traditional": "s2t", "hongkong": "s2hk", "taiwan": "s2tw"}


def to_script(text: str, script: Script) -> str:
    """Write Simplified ``text`` in ``script``; identity for ``simplified``.

    >>> to_script("粤港澳大湾区", "traditional")
    '粵港澳大灣區'
    """
    if script == "simplified" or not text:
        return text
    return str(_converter(_CONFIGS[script]).convert(text))
